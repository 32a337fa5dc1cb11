# The course's derivative examples (COURSE.md §1), through the command language.
func bowl
grad 1 2
grad 1 2 along 1 0
hessian 0 0
func saddle
hessian 0 0
hessian 1 1
func monkey
hessian 0 0
func x^2 + 3*x*y
jacobian 1 1
jacobian grad 1 1
map -2*x + y, x + y
jacobian map 0 0
map
map x^2, y
jacobian map 0 5
func rosenbrock
eval 1 1
cursor -1.2 1
eval
grad
set digits 3
hessian 1 1
taylor 0 1 1
taylor 1 0 0 at 0.1 0
taylor 2 0 0 at 0.1 0
