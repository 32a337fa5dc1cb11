# A value that is not a number is never shown as a result: the plot's legend, `runs`,
# `eval`'s neighbours and the status all say "undefined" (not "nan", "-nan" or "inf") for
# f at a start where the formula is 0/0, or where x² overflows.
func 0/0 + x
plot 40x10
runs
func x^2 * 10
start 1e300 0
plot 40x10
runs
