#!/usr/bin/env bash
# tests/tui/harden.sh — the screen never freezes or leaves the terminal broken (issue
# 12): a long paste stays responsive and stops at the line limit, Ctrl-C and SIGTERM
# stop a long `step N`, every catchable signal restores the terminal, two screens keep
# each other's history in a private file, and a missing HOME is said, not created.
source "$(dirname "$0")/harness.bash"

# busy — descent is computing (state R) rather than waiting for a key: a long command
# has started. Polled, like the screen.
busy() {
    local i
    for i in $(seq 100); do
        ps -o stat= -p "$(descent_pid)" 2>/dev/null | grep -q R && return 0
        sleep 0.05
    done
    return 1
}

usable() { # the shell after descent: echo and canonical mode back, main screen
    [ "$(tm display -p '#{alternate_on}')" = 0 ] || return 1
    tm send-keys 'clear; stty -a | tr " " "\n" | grep -x -e echo -e icanon | tr "\n" +; echo' Enter
    wait_for 'icanon+echo+' 5
}

start 100 30
check "prompt shows" wait_for 'descent›' 5

# A 9,000-byte paste: redisplay was quadratic (minutes); now the line stops at 8,191.
long=$(head -c 9000 /dev/zero | tr '\0' 'x')
tm send-keys -l -- "echo $long"
check "a long paste stops at the limit, with a note" wait_for 'at its limit of 8191 bytes' 20
tm send-keys C-u
type_line 'echo still-responsive'
check "the prompt answers after the paste" wait_for 'still-responsive' 10

# A long step on the screen: Ctrl-C stops it and says how far it got.
type_line 'algo gd lr=1e-12 tol=0 maxiter=1e12'
type_line 'step 200000000'
busy # Ctrl-C before the step starts would only clear the prompt
tm send-keys C-c
check "Ctrl-C stops step N" wait_for 'interrupted:' 10
check "with the number of steps done" has_re 'interrupted: [0-9]+ of 200000000 steps done'
type_line 'step 200000000'
busy
kill -TERM "$(descent_pid)"
check "SIGTERM does not wait for step N" wait_for 'exit=143' 10
check "terminal usable after SIGTERM during step" usable

# Signals whose default action would leave the terminal raw on the alternate screen.
for sig in QUIT USR1 USR2 ALRM VTALRM XCPU XFSZ TRAP SYS ILL; do
    tm send-keys "clear; ulimit -c 0; $DESCENT; echo \"exit=\$?\"" Enter
    wait_for 'descent›' 10
    kill -"$sig" "$(descent_pid)"
    check "SIG$sig ends descent" wait_for 'exit=' 10
    check "terminal restored after SIG$sig" usable
done
tm send-keys "clear; $DESCENT; echo \"exit=\$?\"" Enter
wait_for 'descent›' 10
kill -PIPE "$(descent_pid)"
type_line 'echo after-sigpipe'
wait_for 'after-sigpipe' 5
check "SIGPIPE is ignored" kill -0 "$(descent_pid)"
type_line 'quit'
wait_for 'exit=0' 5

# Two screens at once keep each other's history; the file is private.
tm send-keys "clear; umask 000; $DESCENT; echo \"exit=\$?\"" Enter
wait_for 'descent›' 10
tm new-window -d -n second \
    "env -i PATH=$PATH HOME=$TMPD XDG_STATE_HOME=$TMPD/state LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color $DESCENT"
for _ in $(seq 100); do tm capture-pane -p -t :second | grep -q 'descent›' && break; sleep 0.05; done
tm send-keys -t :second -l 'echo from-second' && tm send-keys -t :second Enter
type_line 'echo from-first'
wait_for 'from-first' 5
tm send-keys -t :second -l 'quit' && tm send-keys -t :second Enter
type_line 'quit'
wait_for 'exit=0' 5
for _ in $(seq 50); do tm list-windows | grep -q second || break; sleep 0.1; done
hist=$TMPD/state/descent/history
check "history keeps the first screen's line" grep -q 'echo from-first' "$hist"
check "history keeps the second screen's line" grep -q 'echo from-second' "$hist"
check "history file is 0600 under umask 000" test "$(stat -c %a "$hist")" = 600
check "state directory is 0700" test "$(stat -c %a "$TMPD/state/descent")" = 700

# A HOME that does not exist: said once on the screen, never created.
tm send-keys "clear; umask 022; HOME=$TMPD/nohome XDG_STATE_HOME= $DESCENT; echo \"exit=\$?\"" Enter
check "a missing HOME is said" wait_for 'not saved' 10
type_line 'quit'
wait_for 'exit=0' 5
check "and not created" test ! -e "$TMPD/nohome"
finish
