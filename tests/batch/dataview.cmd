# dataview: the data behind the loss beside the contour plot, in plot as on the screen;
# the fitted line moves as the run steps; logreg's sigmoid, its 0.5 threshold and, with
# early stopping, the best iterate's model (dashed).
data gen linreg n=50 noise=0.3 seed=1
data split 0.8
func linreg
algo sgd batch=5 lr=0.1
step 20
dataview
dataview on
plot 100x26
step 10
plot 100x26 ascii
data gen logreg n=60 seed=2
data split 0.75
func logreg
algo sgd batch=4 lr=0.05
earlystop patience=5
step 40
plot 100x24
dataview off
plot 60x12
