# dataview and cloud refuse what they cannot do, say what would be right, and change
# nothing.
dataview on
func x^2 + 3*y^2
dataview on
dataview maybe
dataview
cloud 5
algo sgd noise=0
cloud 5
func linreg
algo sgd batch=50
cloud 5
set batch=5
cloud 0
cloud 100000
cloud 2.5
cloud many
cloud 3 seeds=2
cloud 3 seed=-1
cloud off now
cloud
dataview on
plot 40x12
dataview
runs
