#!/usr/bin/env bash
# tests/tui/overlay.sh — the explain overlays on the screen: `overlay steps` draws the
# selected run's step with its caption and stays on while `run` animates; `overlay
# taylor2` adds a second set of contour lines (braille dots) over the true contours.
source "$(dirname "$0")/harness.bash"

start 120 40
check "prompt shows" wait_for 'descent›' 5
type_line 'func rosenbrock; algo momentum lr=0.001; speed 20'
type_line 'overlay steps'
check "before a step the caption says so" wait_for 'steps: no step yet' 5
type_line 'run 200'
check "while animating the caption names the terms" wait_for 'momentum: −αβv + −α(1−β)g = Δθ' 5
check "and the run is still going" wait_for 'running' 5
type_line 'pause'
braille() { screen | LC_ALL=C grep -c $'\xe2\xa0\|\xe2\xa1\|\xe2\xa2\|\xe2\xa3'; }
before=$(braille)
type_line 'overlay taylor2 on'
check "taylor2 draws a second set of contour lines" bash -c "[ \$(tmux -L $SOCK capture-pane -p | LC_ALL=C grep -c \$'\\xe2\\xa0\\|\\xe2\\xa1\\|\\xe2\\xa2\\|\\xe2\\xa3') -gt $((before + 3)) ]"
type_line 'overlay nope'
check "an unknown overlay is refused with the list" wait_for 'no overlay named' 5
type_line 'quit'
check "quits" wait_for 'exit=0' 5
finish
