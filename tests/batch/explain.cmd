# explain writes a step out as the course writes it: momentum (EMA form), adam with its
# bias corrections, bfgs with its line-search trials and the updated inverse Hessian,
# sgd's mini-batch on data. Δθ is θ_{t+1} − θ_t, the step actually taken.
func rosenbrock
algo momentum lr=0.001
step 5
explain
# an earlier step is recomputed from a snapshot, and says so
explain 2
algo adam
step 3
explain
algo bfgs
step 4
explain
algo lbfgs
step 3
explain
func quad
algo cg
step 1
explain
data gen linreg n=20 noise=0.5 seed=4
func linreg
algo sgd lr=0.2 batch=3 seed=9
start 0 0
step 2
explain
# rewind and step again: the same iterates (compare iter 2 above)
step 3
rewind 3
step 3
goto 2
