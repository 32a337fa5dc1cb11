# heavy ball's lr × β map on ellipse, with the stability region of the theory.
func ellipse
algo heavyball
sweep lr 0.001..0.3 beta 0..0.95 n=60x20 steps=500
pick 0.115 0.27
