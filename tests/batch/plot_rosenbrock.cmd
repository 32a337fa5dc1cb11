# The classic banana valley in ASCII: gradient descent crawls, Adam follows the valley.
func rosenbrock
algo gd lr=0.001
add adam lr=0.05
step 300
plot 72x24 ascii
