# "∇f = 0 here" only where the gradient is small relative to f's scale and the point.
# Each of the first three was once called stationary: a unit slope beside curvature 2e6,
# tan x one ulp from its pole (‖∇f‖ = 2.7e32), Rosenbrock off its valley (‖∇f‖ = 0.2).
func 1e6*x^2 + y
hessian 0 0
func tan(x)
hessian 1.5707963267948966 0
func rosenbrock
hessian 0.9 0.81
hessian 1 1
# a catalog point rounded to six decimals is nearly stationary, and says so
func himmelblau
hessian 3.584428 -1.848126
