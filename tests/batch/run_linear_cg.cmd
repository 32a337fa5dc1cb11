# The course's linear CG on ½θᵀAθ − bᵀθ with A = [[4, 1], [1, 3]], b = (1, 2) from (2, 1):
# r₀ = (−8, −3), α₀ = 73/331 = 0.220544, and after two steps θ = A⁻¹b = (1/11, 7/11),
# the exact minimum. With A = diag(1, −4) from (0.5, 1): p₀ = r₀ = (−0.5, 4) and
# p₀ᵀAp₀ = 0.25 − 64 = −63.75, so linear CG refuses and says why.
func quad 4 1 3 1 2
algo cg
start 2 1
step 5
trace
func quad 1 0 -4
algo cg
start 0.5 1
step
runs
