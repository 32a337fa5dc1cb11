# The secant overlay: BFGS's step s, Hₖy before the update, and the quasi-Newton
# model's contour through the current point; captions say what is missing.
func ellipse
overlay secant on
plot 60x16
algo bfgs
plot 60x16
step 2
plot 60x16
