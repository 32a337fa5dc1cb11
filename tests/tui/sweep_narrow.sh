#!/usr/bin/env bash
# tests/tui/sweep_narrow.sh — a map and basins at 80×24: the help line, the colour key
# and the axis labels fit the narrow plot whole instead of being cut.
source "$(dirname "$0")/harness.bash"

start 80 24
check "prompt shows" wait_for 'descent›' 5
type_line 'func ellipse'
type_line 'algo heavyball'
type_line 'sweep lr 0.001..0.3 beta 0..0.99 n=200x100 steps=500'
check "the key is whole" wait_for 'diverged O optimum' 20
check "the axis ends with its name" wait_for '0.3 lr' 5
check "the help is whole" wait_for 'Esc, arrows, Enter or p: add a run, b: back' 5
check "the map's right border is drawn" has_re '^ +0\.99 \|[^|]+\|'
type_line 'func himmelblau'
type_line 'algo newton'
type_line 'basins n=80x40'
check "the basins key is whole" wait_for 'point reached, a slower  - maxiter    diverged' 20
finish
