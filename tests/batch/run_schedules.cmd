# Learning-rate schedules (COURSE §5): t counts the run's steps from 0, so the first step
# uses lr itself. sched alone shows the schedule and the rates of the next ten steps.
func bowl
algo gd lr=0.1
sched
sched step step=3 gamma=0.5
sched exp lambda=0.5
sched cosine T=4 min=0.02
sched warmup T=4 then=cosine decay=4 min=0
sched warmup T=2 then=exp lambda=1
sched warmup T=5 then=const
sched plateau factor=0.5 patience=3
# The trail's lr column is the rate each step used: 0.1, 0.1, 0.05, 0.05, 0.025 and
# x ← x − α·2x, so x = 1·0.8·0.8·0.9·0.9·0.95 = 0.49248
sched step step=2 gamma=0.5
start 1 0
step 5
trace
# Reduce on plateau: gd with lr = 1 on x² + y² jumps between x = 1 and x = −1 and f stays
# 1. After 3 steps without improvement the rate halves to 0.5, which lands on 0.
algo gd lr=1
sched plateau factor=0.5 patience=3
step 10
trace
# Quasi-Newton methods take no schedule
algo bfgs
sched
