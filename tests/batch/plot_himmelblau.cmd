# Where you start decides where you end: two runs, two of himmelblau's four minima.
func himmelblau
algo gd lr=0.01
start 1 -4
add momentum lr=0.005
start 2 -4 4
step 100
plot 64x22 ascii
