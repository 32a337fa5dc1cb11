# Newton, BFGS, L-BFGS and CG on Rosenbrock from the classic start (-1.2, 1), each until it
# converges (‖∇f‖ < 1e-8). The lr column is the last line-search step α.
func rosenbrock
algo newton
add bfgs
add lbfgs
add cg
add cg variant=fr
add bfgs ls=armijo
run
runs
