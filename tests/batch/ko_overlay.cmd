# The plot's own words in Korean (--lang ko, see .args): overlay captions, the colour key,
# the legend row and the title's levels, measured in columns (a Hangul syllable takes 2),
# so rows keep the plot's width; then explain's term labels, the sweep map's key, the data
# view's legend (wide and narrow) and cloud.
overlay
func x^2 + 4*y^2
view -2 2 -2 2
cursor 0.5 0.5
arrow off
overlay eigen on
plot 60x16
overlay eigen off
func abs(x) + y^2
cursor 0 0
overlay grad on
plot 60x14
overlay grad off
func quad
algo gd lr=0.15
step 2
overlay prox
plot 60x16
overlay prox off
func log(x) + y^2
view -1 1 -1 1
plot 60x12
func rosenbrock
algo nag
step 3
overlay steps on
plot 60x14
explain
algo bfgs
step 2
overlay steps off
overlay secant on
plot 60x14
explain
func x^2 - y^2
algo newton hess=shift
step
explain
func ellipse
algo heavyball
sweep lr 0.01..0.2 beta 0..0.9 n=30x12 lin steps=300
func himmelblau
algo newton
basins n=40x12 steps=100
data gen logreg n=60 seed=2
data split 0.75
func logreg
algo sgd batch=4 lr=0.05
earlystop patience=5
step 40
dataview on
plot 100x20
plot 64x20
cloud 4
cloud
