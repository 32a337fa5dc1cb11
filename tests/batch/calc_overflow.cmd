# Representable derivatives whose intermediates over- or underflow in double: the
# Hessian of atan2(y, x) at (1e-150, 1e-150) squares x² + y² = 2e-300, and sqrt(x^2)
# at 1e-300 loses x² to 0. descent redoes such points with a wider exponent.
func atan2(y, x)
hessian 1e-150 1e-150
func sqrt(x^2)
grad 1e-300 0
grad -1e-300 0
# really undefined stays undefined
func sqrt(x)
grad 0 0
