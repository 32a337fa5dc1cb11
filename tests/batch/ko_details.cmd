# Every command's longer help (details) in Korean (--lang ko, see .args): each details
# string in the command table is N_() and translated, so English prose here is a
# regression. Also the translated ranges of help algo and of a range error.
help algo
help step
help run
help pause
help runs
help trace
help sched
help earlystop
help cloud
help save
help sweep
help basins
help race
help plot
help levels
help palette
help aspect
help arrow
help present
help skip
help review
help algo lbfgs
algo sgd batch=0
algo momentum beta=2
