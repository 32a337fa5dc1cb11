# Newton's basins on himmelblau: all four minima, the saddles and the maximum.
func himmelblau
algo newton
basins n=60x24 steps=100
