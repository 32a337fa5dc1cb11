# The bound overlay: gd's O(1/k) guarantee f* + ‖θ₀ − θ*‖²/(2αk). Refused without a gd
# run or a known minimum; on quad 1 0 10 from (−2.5, 1.5) with α = 0.1, C = 8.5/0.2 = 42.5.
func quad 1 0 10
algo adam
overlay bound on
algo gd lr=0.1
start -2.5 1.5
overlay bound on
plot 60x14
# with another overlay's caption: the two stack instead of one covering the other
overlay secant on
plot 60x14
overlay secant off
func x^2 + y^4
overlay bound on
