# A run's notes in Korean: early stopping (what it watched, where it stopped, the
# restore) and Newton's non-positive-definite Hessian, with the policy it took.
lesson lang ko
data gen linreg n=40 seed=3
data split 0.7 seed=1
func linreg
algo gd lr=0.5 maxiter=5000
earlystop patience=5 restore=on
run 5000
func himmelblau
algo newton hess=shift
start 0 0
step 3
algo newton hess=raw
start 0 0
step 3
