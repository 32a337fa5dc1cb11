#!/usr/bin/env bash
# tests/tui/rewind.sh — scrubbing on the plot: ] steps every run, [ steps back, and the
# side panel's iteration goes down and up again; explain prints the step's terms in the
# output pane.
source "$(dirname "$0")/harness.bash"

start 120 40
check "prompt shows" wait_for 'descent›' 5
type_line 'func rosenbrock; algo momentum lr=0.001; step 5'
check "the run is at iteration 5" wait_for 'it 5 ' 5
tm send-keys Escape
check "Esc focuses the plot" wait_for '[plot keys]' 5
tm send-keys '['
check "[ rewinds" wait_for '› rewind' 5
check "the panel's iteration went down to 4" wait_for 'it 4 ' 5
tm send-keys '[' '['
check "[ [ goes down to 2" wait_for 'it 2 ' 5
tm send-keys ']'
check "] steps forward to 3" wait_for 'it 3 ' 5
tm send-keys Escape
type_line 'explain'
check "explain shows the step's velocity" wait_for 'v_t = β·v_{t−1} + (1−β)·g_t' 5
check "explain ends with Δθ" wait_for 'Δθ = [' 5
type_line 'goto 0'
check "goto 0 puts the run at its start" wait_for 'it 0 ' 5
type_line 'quit'
check "quits" wait_for 'exit=0' 5
finish
