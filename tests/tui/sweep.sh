#!/usr/bin/env bash
# tests/tui/sweep.sh — a 2-D map on the screen: it computes in the background with a
# progress bar and draws over the plot with its key; Ctrl-C cancels a long one keeping
# the cells done; arrows and Enter pick a cell, which adds a run.
source "$(dirname "$0")/harness.bash"

start 120 40
check "prompt shows" wait_for 'descent›' 5
type_line 'func ellipse'
type_line 'algo heavyball'
# A map too long to finish (about 9·10⁹ steps): the bar shows, Ctrl-C stops it.
type_line 'sweep lr 0.00001..0.0001 beta 0..0.99 n=300x300 steps=100000'
check "progress bar with cells done" wait_for 'cells' 5
check "it says how to cancel" wait_for 'Esc cancels' 5
check "the prompt still answers" type_line 'eval 1 1'
check "eval prints while the map computes" wait_for '= 11' 5
tm send-keys C-c
check "Ctrl-C cancels, keeping the cells done" wait_for 'sweep cancelled' 10
check "the cancelled map reports what it computed" wait_for 'not computed (cancelled)' 10

# A small map finishes: the heat map with its key over the plot.
type_line 'sweep lr 0.001..0.3 beta 0..0.99 n=40x20 steps=500'
check "the map's key" wait_for 'steps  ~ maxiter' 10
# Cells are drawn in colour, not only as glyphs: a picture row has background colours.
check "the cells have colours" bash -c "tmux -L $SOCK capture-pane -p -e | grep -F ' |' | grep -qE $'\\e\\[[0-9;]*48;5;'"

check "theory's optimum marked" wait_for 'optimum α' 10
check "the map agrees with the theory" wait_for 'the map agrees on 800 of' 10
check "a help line for picking" wait_for 'Enter or p: add a run with it; b: the plot' 5
tm send-keys Escape
# Wait until the map has the keys: an arrow sent within ncurses' escape delay would be
# read together with the Esc as one sequence.
check "Esc gives the map the keys" wait_for 'arrows: choose a cell; Enter or p: add a run with it; b: the plot; Esc: prompt' 5
tm send-keys Left Enter
check "picking the cursor's cell adds a run" wait_for 'run 2 heavyball: lr=' 5
check "back to the objective's plot" wait_gone 'Enter or p: add a run' 5
finish
