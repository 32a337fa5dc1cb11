# Every line after the first fails on purpose and changes nothing.
func ellipse
sweep lr 0.2..0.01
sweep lr 0.1..0.1
sweep lrr 0.1..1
sweep bias 0..1
sweep tol 0.1..1
sweep lr 0..1
sweep lr 0.1..1 n=0
sweep lr 0.1..1 n=2000000
sweep lr 0.01..1 beta 0..0.9
algo heavyball
sweep lr 0.01..1 beta 0..1
sweep lr 0.01..1 beta 0..0.9 n=2000x1000
sweep lr 0.01..1 beta 0..0.9 n=20
sweep lr 0.01..1 steps=0
sweep lr 0.01..1 wd 0..1 log
sweep lr 0.01..1 a.csv b.csv
sweep lr 1..x
sweep lr
pick
basins n=0x5
basins n=5
race foo
race adma
race budget=0
race gd gd
race tol=-1
race gd speed=3
runs
