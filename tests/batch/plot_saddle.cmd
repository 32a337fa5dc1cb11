# A saddle in Unicode: linear levels, the saddle marked ×, a run sliding off it.
func saddle
levels 8 lin
algo gd lr=0.1
start 1.5 0.05
step 25
plot 60x20
