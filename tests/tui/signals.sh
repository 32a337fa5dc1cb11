#!/usr/bin/env bash
# tests/tui/signals.sh — leaving by signal restores the terminal: Ctrl-C pauses an
# animation instead of killing the program, SIGTERM and SIGHUP end it with the terminal
# back in its normal mode; ASCII and monochrome modes start.
source "$(dirname "$0")/harness.bash"

usable() { # the shell after descent: echo and canonical mode are back
    tm send-keys 'clear; stty -a | tr " " "\n" | grep -x -e echo -e icanon | tr "\n" +; echo' Enter
    wait_for 'icanon+echo+' 5
}

start 120 40
check "prompt shows" wait_for 'descent›' 5
type_line 'set speed 5'
type_line 'run 1000'
check "animation running" wait_for 'running' 5
tm send-keys C-c
check "Ctrl-C pauses instead of quitting" wait_for 'paused' 5
check "still alive after Ctrl-C" wait_for 'descent›' 2
kill -TERM "$(descent_pid)"
check "SIGTERM leaves with 143" wait_for 'exit=143' 5
check "terminal usable after SIGTERM" usable

tm send-keys "clear; $DESCENT --ascii; echo \"exit=\$?\"" Enter
check "ASCII mode prompt" wait_for 'descent>' 5
check "ASCII mode draws only ASCII" bash -c "! tmux -L $SOCK capture-pane -p | LC_ALL=C grep -q $'[\x80-\xff]'"
kill -HUP "$(descent_pid)"
check "SIGHUP leaves with 129" wait_for 'exit=129' 5
check "terminal usable after SIGHUP" usable

tm send-keys "clear; NO_COLOR=1 $DESCENT; echo \"exit=\$?\"" Enter
check "NO_COLOR mode prompt" wait_for 'descent›' 5
check "NO_COLOR draws shading" wait_for '░' 5
type_line 'quit'
check "quit from NO_COLOR mode" wait_for 'exit=0' 5
finish
