# The interface in Korean (--lang ko, see .args): the output of the common commands.
# Numbers, names, parameters and formulas stay as they are; the words are Korean.
func rosenbrock
eval
grad 1 2 along 1 1
hessian 1 1
hessian 0 0
taylor 2 0 0 at 0.1 0.1
map -2*x + y, x + y
jacobian map
algo adam
step 3
add gd lr=0.001
runs
run 20
explain
reset
func ellipse
sweep lr 0.01..0.2 n=40 lin steps=2000
help algo adam
list funcs
# set on a run: from the next step, or after a stop how to start again
func bowl
algo gd lr=0.5
set lr 0.4
run
set lr 0.3
