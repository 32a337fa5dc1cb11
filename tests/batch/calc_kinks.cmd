# At a kink descent's derivative rules answer by convention (abs′(0) = 0, min/max ties
# take the left argument, an infinite slope times a zero change is 0). grad and hessian
# say so instead of calling the point stationary (batch stops at the last line's error).
func ackley
grad 0 0
func sqrt(x^2 + y^2)
grad 0 0
grad 3 4
func abs(x) + y^2
hessian 0 0
func max(x, y)
grad 1 1
# the gradient of |x² − y²| at 0 is right (0), its Hessian is not
func abs(x^2 - y^2)
grad 0 0
hessian 0 0
func ackley
hessian 0 0
