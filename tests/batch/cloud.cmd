# cloud: K seeded copies of the selected sgd run, the spread of where they end; they
# follow the run as it steps and rewinds, and the same seeds give the same numbers.
data gen linreg n=50 noise=0.3 seed=1
data split 0.8
func linreg
algo sgd batch=5 lr=0.1
step 20
cloud 20
step 20
cloud
rewind 20
cloud
cloud 20 seed=1
set batch=20
cloud
set batch=1
cloud 5 seed=100
plot 72x20
cloud off
cloud
func rosenbrock
algo sgd lr=0.001 noise=2
step 50
cloud 10 seed=7
