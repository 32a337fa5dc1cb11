# How runs stop, and say why and when. On f = ½(x² + 10y²) (λmax = 10) gd converges for
# lr < 2/λmax = 0.2 and diverges above: with lr = 0.21 the y coordinate is multiplied by
# 1 − 2.1 = −1.1 each step and passes |θ| = 1e12 at step 290 (1.1^290 ≈ 1.01e12), so the
# position stays at step 289.
func quad 1 0 10
algo gd lr=0.19
add gd lr=0.21
start 1 1
run
runs
# maxiter, and going on after raising it
del 2
set maxiter=5
reset
step 100
set maxiter 100000
step 3
# Newton on the saddle x² − y² walks straight onto the saddle and says H was indefinite
func saddle
algo newton
start 1 1
step
set hess=abs
reset
step
# early stopping on f with min_delta: f_k = 2·0.64^k for gd lr=0.1 on x² + y², so
# steps 6, 8 and 9 do not beat the best by 0.1 and it stops at step 9, back at step 7
func bowl
algo gd lr=0.1
earlystop patience=2 min_delta=0.1 monitor=train restore=on
start 1 1
step 50
runs
