#!/usr/bin/env bash
# tests/tui/keys.sh — the plot's keys and the prompt's: Esc switches focus, arrows move
# the cursor, space steps, s starts at the cursor, + and 0 zoom and reset, g prints the
# gradient, p shows the small charts, ? opens help; Ctrl-C clears a line, PgUp scrolls,
# Korean text lays out by display width, a click moves the cursor and a double click
# starts the runs there, Ctrl-D leaves with status 0.
source "$(dirname "$0")/harness.bash"

start 120 40
check "prompt shows" wait_for 'descent›' 5
type_line 'func bowl'
check "cursor starts at the centre" wait_for 'cursor [0, 0]' 5

tm send-keys Escape
check "Esc focuses the plot" wait_for '[plot keys]' 5
tm send-keys Right Right Up
check "arrows move the cursor" wait_for 'cursor [0.1' 5
tm send-keys ' '
check "space steps every run" wait_for '› step' 5
check "the run advanced to iteration 1" wait_for 'it 1 ' 5
tm send-keys s
check "s starts the runs at the cursor" wait_for '› start 0.1' 5
tm send-keys +
check "+ zooms in about the cursor" wait_for '› zoom 2' 5
tm send-keys 0
check "0 resets the view" wait_for 'view = x [-2, 2], y [-2, 2]' 5
tm send-keys g
check "g prints the gradient at the cursor" wait_for '› grad' 5
tm send-keys p
check "p shows the small charts" wait_for 'f, log' 5
tm send-keys '?'
check "? opens the help overlay" wait_for 'Commands (type help NAME' 5
tm send-keys Escape
check "Esc closes the help" wait_gone 'Commands (type help NAME' 5
tm send-keys Escape
check "Esc returns to the prompt" wait_for 'Esc: keys for the plot' 5

tm send-keys -l 'some half-typed line'
check "typed text shows" wait_for 'descent› some half-typed line' 5
tm send-keys C-c
check "Ctrl-C clears the line" wait_gone 'some half-typed line' 5

type_line 'echo 한글 너비 테스트 ok'
check "Korean output shows" wait_for '한글 너비 테스트 ok' 5
tm send-keys -l '한글'
tm send-keys -l 'X'
# Wait for the line before reading the cursor (under load it was read before the redraw).
check "Hangul typed at the prompt shows" wait_for 'descent› 한글X' 5
# The cursor sits after 4 columns of Hangul plus X: prompt (9 columns) + 5.
check "cursor column counts display width" bash -c "[ \"\$(tmux -L $SOCK display -p '#{cursor_x}')\" = 14 ]"
tm send-keys C-u

for i in $(seq 1 30); do type_line "echo line-$i"; done
check "output shows the newest lines" wait_for 'line-30' 5
tm send-keys PPage
check "PgUp scrolls back" wait_for 'scrolled' 5
tm send-keys NPage NPage
check "PgDn returns" wait_gone 'scrolled' 5

# The mouse, as the terminal reports it (X10 encoding: ESC [ M, then button, column and
# row, each plus 32, 1-based): a click at column 31, row 11 is on the plot.
type_line 'func bowl'
check "cursor back at the centre" wait_for 'cursor [0, 0]' 5
tm send-keys -l $'\e[M >+'
tm send-keys -l $'\e[M#>+'
check "a click on the plot moves the cursor" wait_gone 'cursor [0, 0]' 5
tm send-keys -l $'\e[M >+'
tm send-keys -l $'\e[M#>+'
tm send-keys -l $'\e[M >+'
tm send-keys -l $'\e[M#>+'
check "a double click starts the runs there" wait_for '› start ' 5

tm send-keys C-d
check "Ctrl-D leaves with status 0" wait_for 'exit=0' 5
finish
