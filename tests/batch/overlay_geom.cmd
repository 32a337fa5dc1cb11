# The geometry overlays in `plot` text, each on a small known case: eigen on a quadratic
# with known axes and on a saddle (dashed), grad with set direction (Dᵥ f = 6), prox for
# a gd run (its point is the next iterate), grid of COURSE.md's linear map (det J = −3,
# all hatched) and of a folding map (hatched only where x < −½).
overlay
func x^2 + 4*y^2
view -2 2 -2 2
cursor 0.5 0.5
arrow off
overlay eigen on
plot 60x16
func x^2 - y^2
view -2 2 -2 2
cursor 0 0
plot 60x16
overlay eigen off
func x^2 + 3*y^2
view -3 3 -3 3
cursor 1 1
set direction 3 4
overlay grad on
plot 60x16
overlay grad off
func quad
algo gd lr=0.15
step 2
overlay prox
plot 60x16
step 1
overlay prox off
func quad
view -4 4 -4 4
map -2*x + y, x + y
overlay grid on
plot 60x16
map x^2 - y, x + y
plot 60x16 ascii
overlay
set
# where the map is undefined nothing is hatched (log x for x < 0 has a derivative but no
# value); at a kink grad says its numbers are a convention, eigen calls λ = 0 flat
map log(x), sqrt(y)
overlay eigen on
overlay grad on
func abs(x) + y^2
cursor 0 0
plot 60x14
