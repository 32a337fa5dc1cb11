# Early stopping follows COURSE.md §6: best_score starts as None, so the first
# evaluation, after step 1, sets the best; the start itself is never a candidate. On x²
# with lr = 1 gd bounces between 1 and −1 and f stays 1: step 1 sets the best, steps 2
# and 3 do not improve, so patience=2 stops at step 3, and restore=on goes back to step
# 1, never to the untrained start.
func x^2
start 1 0
algo gd lr=1
earlystop patience=2 restore=on monitor=train
step 10
trace
# Reduce on plateau counts the same way: the cut comes after `patience` evaluations
# without improvement (PyTorch's ReduceLROnPlateau with patience − 1).
reset
earlystop off
sched plateau factor=0.5 patience=2
step 4
trace
