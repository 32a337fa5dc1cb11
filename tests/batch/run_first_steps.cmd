# The first three steps of every first-order method on f = ½(x² + 10y²) from (1, 1),
# exactly as COURSE.md §3–4 writes them (values checked by hand in test_optim.c).
func quad 1 0 10
algo gd lr=0.05
add momentum lr=0.1 beta=0.9
add heavyball lr=0.05 beta=0.9
add nag lr=0.05 beta=0.9
add adagrad lr=0.5
add rmsprop lr=0.1 beta=0.9
add adam lr=0.1
add adamw lr=0.1 wd=0.5
add sgd lr=0.05 noise=0
add gd lr=0.05 wd=0.5
start 1 1
step 3
runs
trace
