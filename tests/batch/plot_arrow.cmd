# The steepest-descent arrow: from the cursor along −∇f, always the same length on screen
# (it shows the direction; grad prints the size). On the bowl it points at the minimum.
func bowl
view -2 2 -2 2
cursor 1 1
arrow
grad
plot 44x16 ascii
# At the minimum ∇f = 0: no direction, so no arrow; arrow off hides it anywhere.
cursor 0 0
plot 44x16 ascii
arrow off
cursor 1 1
plot 44x16 ascii
# Paths are drawn over it: gradient descent from the cursor walks along the arrow.
arrow on
algo gd lr=0.1
start 1 1
step 2
plot 44x16 ascii
