# With weight decay (PyTorch semantics, g ← ∇f + wd·θ) the tol test measures the decayed
# gradient, and the status names it for what it is: ‖∇f + wd·θ‖, not ‖∇f‖. Without wd the
# same status says ‖∇f‖.
func quad 1 0 1
start 1 1
algo gd lr=0.5 wd=0.1
step 200
add gd lr=0.5
step 200
runs
