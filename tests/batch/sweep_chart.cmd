# gd's learning rate on ellipse (λ = 2, 20): divergence starts just above 2/λmax = 0.1,
# the fastest rate is near 2/(λmin+λmax) ≈ 0.0909; pick adds a run with the fastest lr.
func ellipse
sweep lr 0.01..0.2 n=191 lin steps=2000
pick
runs
