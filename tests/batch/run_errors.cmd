# Every line after the first two fails on purpose: each error says what was wrong and
# what would be right, and changes nothing (runs at the end shows run 1 untouched).
algo momentum lr=0.01
step 2
algo adma
algo adam lr
algo adam lr=-1
algo adam beta=0.9
algo momentum beta=1
algo lbfgs m=0
algo newton hess=flat
add
set lr=0.5 beta=2
set foo 1
set maxiter=2.5
sched cosin
sched cosine T=0
sched step gamma=2 foo=1
sched warmup then=linear
earlystop patience=0
earlystop monitor=test
earlystop sometimes
start 1
start 9 0 0
step 0
step x
select 3
del 2
runs
func linreg
earlystop monitor=acc
