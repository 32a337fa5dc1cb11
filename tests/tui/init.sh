#!/usr/bin/env bash
# tests/tui/init.sh — the init file (~/.config/descent/init) runs before the first
# screen: its commands take effect, its output shows in the output pane, a bad line and
# a line with non-UTF-8 bytes are reported as FILE:LINE while the lines after them
# still run; --no-init skips it.
source "$(dirname "$0")/harness.bash"

mkdir -p "$TMPD/.config/descent"
init=$TMPD/.config/descent/init
{
    echo '# set up the class demo'
    echo 'func himmelblau'
    echo 'algo bogus'
    printf 'echo caf\xe9\n'
    echo 'echo init file ran'
} >"$init"

start 120 40
check "prompt shows" wait_for 'descent›' 5
check "init command took effect" wait_for 'himmelblau' 5
check "init output in the pane" wait_for 'init file ran' 5
check "bad command reported as file:line" wait_for "init:3: no algorithm named 'bogus'" 5
check "non-UTF-8 line reported as file:line" wait_for "init:4: byte 0xE9 at column 9 is not UTF-8" 5
type_line 'quit'
check "quits" wait_for 'exit=0' 5

tm send-keys "clear; $DESCENT --no-init; echo \"exit=\$?\"" Enter
check "--no-init: prompt shows" wait_for 'descent›' 5
check "--no-init: init output absent" wait_gone 'init file ran' 2
check "--no-init: default objective" wait_for 'f = (1 - x)^2' 5
type_line 'quit'
check "quits again" wait_for 'exit=0' 5
finish
