# Early stopping on logreg's validation accuracy (COURSE.md §6: monitor val_acc, mode max).
data gen logreg n=60 noise=1 seed=4
data split 0.5
func logreg
algo gd lr=0.05
earlystop patience=20 monitor=acc restore=on
earlystop
run
runs
