# Overlays that need a map, a gd run or a run refuse to turn on, say what would be right,
# and change nothing; so do unknown names and bad directions.
overlay grid on
overlay gridd
algo adam
overlay prox on
del 1
overlay steps on
set direction 0 0
set direction 1
set direction 1 nan
set direction 2 -1
overlay
set
