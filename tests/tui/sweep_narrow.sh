#!/usr/bin/env bash
# tests/tui/sweep_narrow.sh — a map and basins at 80×24: below 100 columns a shown map
# takes the side panel's columns too, so the help line, the key, the axis labels and the
# cursor's cell fit whole instead of being cut; the panel comes back with the plot.
source "$(dirname "$0")/harness.bash"

start 80 24
check "prompt shows" wait_for 'descent›' 5
type_line 'func ellipse'
type_line 'algo heavyball'
check "the side panel shows beside the plot" wait_for '─ runs' 5
type_line 'sweep lr 0.001..0.3 beta 0..0.99 n=200x100 steps=500'
check "the axes are named above the key" wait_for 'beta (down) against lr (across)' 20
check "the key is whole" wait_for 'diverged  O optimum' 20
check "the axis ends with its name" wait_for '0.3 lr' 5
check "the help is whole" wait_for 'Enter or p: add a run with it; b: the plot' 5
check "the map's right border is drawn" has_re '^ +0\.99 \|[^|]+\|'
check "the side panel gives the map its columns" wait_gone '─ runs' 5
check "the cursor's cell is whole, with a value of f" has_re '^cursor: lr=[0-9.e-]+ beta=[0-9.e-]+: .*f = [-0-9.e+]+$'
tm send-keys Escape
check "Esc gives the map the keys" wait_for 'b: the plot; Esc: prompt' 5
tm send-keys b
check "b brings back the plot and the panel" wait_for '─ runs' 5
type_line 'func himmelblau'
type_line 'algo newton'
type_line 'basins n=80x40'
check "the basins key is whole" wait_for 'point reached, a slower  - maxiter    diverged' 20
check "the letters are explained whole" wait_for 'letter = the point reached (capital: at most' 5
finish
