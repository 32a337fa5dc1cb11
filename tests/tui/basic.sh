#!/usr/bin/env bash
# tests/tui/basic.sh — the screen end to end: the plot with contour glyphs and the
# steepest-descent arrow, a run that animates with the side panel following, calculus
# output, Tab completion, a resize below the minimum and back, and quitting with the
# terminal left usable.
source "$(dirname "$0")/harness.bash"

start 120 40
check "prompt shows" wait_for 'descent›' 5
check "plot has contour glyphs" has_re $'(\xe2\x95[\xad-\xb0]|\xe2\x94\x80)' 
check "axis ticks with values" wait_for '-1.0' 2
check "known minimum marked" wait_for '★' 2
check "side panel names the objective" wait_for 'f = (1 - x)^2' 2
# The cursor starts at (0, 1) where −∇f = (2, −200) points down.
check "steepest-descent arrow at the cursor" wait_for '↓' 2
check "title says what the arrow is" wait_for 'arrow: −∇f' 2
# Off from here on, so the Braille check below sees only the run's path.
type_line 'arrow off'
check "arrow off hides it" wait_gone '↓' 5

type_line 'func rosenbrock'
type_line 'algo adam lr=0.05'
check "panel shows the run" wait_for 'adam lr=0.05' 5
type_line 'run 100'
check "panel reaches iteration 100" wait_for 'it 100 ' 15
check "path drawn in Braille" has_re $'\xe2[\xa0-\xa3][\x80-\xbf]' 
check "start point marked" wait_for '○' 2

type_line 'grad 0 0'
check "grad prints -2 in the output pane" wait_for '= [-2, 0]' 5

tm send-keys -l 'hes'
tm send-keys Tab
check "Tab completes hes to hessian" wait_for 'descent› hessian' 5
tm send-keys C-u

type_line 'func x^2 + $y'
check "error names the column" wait_for "unexpected character '\$' at column 7" 5
check "caret under the column" has_re '^        \^$' 

tm resize-window -x 40 -y 12
check "too-small message" wait_for 'terminal too small' 5
tm resize-window -x 120 -y 40
check "redraws after growing again" wait_for 'f = (1 - x)^2' 5
check "still has the run after resize" wait_for 'it 100 ' 5

# An open-ended run speeds up: about 9,000 gd steps on the bowl would take five
# minutes at 30 steps/s, and finish in seconds once the rate doubles every second.
type_line 'func bowl; algo gd lr=0.001'
type_line 'run'
check "an open-ended run speeds up and finishes" wait_for 'gd: converged at step' 30

type_line 'quit'
check "quit exits with status 0" wait_for 'exit=0' 5
tm send-keys 'stty -a | tr " " "\n" | grep -x -e echo -e icanon | tr "\n" +; echo' Enter
check "terminal usable after quit (echo, icanon)" wait_for 'icanon+echo+' 5
check "history file written" test -s "$TMPD/state/descent/history"
finish
