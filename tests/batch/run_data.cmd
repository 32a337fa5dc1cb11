# Data objectives: linear regression's mean squared error over 20 samples split 15/5.
# sgd with batch = 15 (every training sample) is exactly gd, bit for bit, and a smaller
# batch is a different, seeded path. runs and trace add the training and validation loss.
data gen linreg n=20 noise=0.5 seed=4
data split 0.75 seed=2
func linreg
algo gd lr=0.2
add sgd lr=0.2 batch=15
add sgd lr=0.2 batch=3 seed=9
start 0 0
step 4
runs
trace
# Early stopping watches the validation loss when there is a split: it is lowest at step 2
# (0.0422716, see the trace), so with patience 3 run 1 stops at step 5
select 1
earlystop patience=3 min_delta=0.001
reset
run
