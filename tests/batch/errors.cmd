# Every line but the shows fails on purpose: each error is clear and changes nothing.
func rosenbrock
func x^2 + (y
func sinn(x)
func 2x
func x + )
func logreg_typo
cursor 1
cursor a b
eval 1 2 3
grad 0 0 along 0 0
taylor 3
taylor 1 0 0 at 1
jacobian map
data gen cubic
data gen linreg n=1
data split 1.5
data load /nonexistent/file.csv
hesian
func
cursor
func x + 한국어
arrow maybe
