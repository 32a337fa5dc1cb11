# The picture's settings refuse bad input and change nothing: levels, palette, aspect,
# paths, cellratio; then each setting shown is still what it was.
func bowl
levels at 3 1
levels at 1 1
levels at 1 nan
levels at 1 inf
levels at
aspect round
palette jet
paths bold
set cellratio 0
levels
aspect
palette
paths
levels at 0.5 2 4.5
palette cividis
aspect fill
paths thin
levels
