# The catalog and data objectives.
list funcs
func quad 2 1 3 1 -1
func
hessian
data gen linreg n=20 noise=0 seed=3
func linreg
func
eval 2 -1
grad 2 -1
data split 0.5
data
