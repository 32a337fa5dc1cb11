# tests/tui/harness.bash — shared by the screen tests (tests/tui/*.sh): runs the real
# binary in a shell inside a private tmux server, types with send-keys, and polls
# capture-pane for text (never a blind sleep). Each test ends with `finish`, which prints
# "N passed, N failed". Sourced, not run: it has no .sh suffix so run.sh skips it.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DESCENT=${DESCENT:-./descent}
case $DESCENT in /*) ;; *) DESCENT=$PWD/$DESCENT ;; esac
SOCK=descent-test-$$
TMPD=$(mktemp -d)
passed=0
failed=0

tm() { tmux -L "$SOCK" "$@"; }
cleanup() {
    tm kill-server 2>/dev/null
    # descent may still be saving its history as the server goes: try once more.
    rm -rf "$TMPD" 2>/dev/null || { sleep 0.2; rm -rf "$TMPD"; }
}
trap cleanup EXIT

# start [W H] [ARGS...] — a shell in a fresh W×H session (default 120×40), then descent
# in it with HOME and XDG state in a temp dir; waits for the prompt.
start() {
    local w=${1:-120} h=${2:-40}
    shift 2 2>/dev/null || shift $#
    tm -f /dev/null new-session -d -x "$w" -y "$h" \
        "env -i PATH=$PATH HOME=$TMPD XDG_STATE_HOME=$TMPD/state LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color PS1='sh$ ' bash --norc --noprofile"
    tm set-option -g status off >/dev/null
    tm resize-window -x "$w" -y "$h" 2>/dev/null
    wait_for 'sh$' 5 || true
    tm send-keys "clear; $DESCENT $*; echo \"exit=\$?\"" Enter
    wait_for 'descent' 10
}

screen() { tm capture-pane -p; }

# descent_pid — the process id of descent: the child of the pane's shell.
descent_pid() { pgrep -P "$(tm display -p '#{pane_pid}')" | head -n 1; }

# wait_for TEXT [SECONDS] — poll the screen until TEXT (fixed string) shows; 1 on timeout.
wait_for() {
    local text=$1 secs=${2:-5} i=0
    local tries=$((secs * 20))
    while [ $i -lt $tries ]; do
        screen | grep -qF -- "$text" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# wait_gone TEXT [SECONDS] — poll until TEXT is no longer on the screen.
wait_gone() {
    local text=$1 secs=${2:-5} i=0
    local tries=$((secs * 20))
    while [ $i -lt $tries ]; do
        screen | grep -qF -- "$text" || return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# has_re REGEX — the screen matches an extended regex (bytes, so UTF-8 ranges are
# written as byte patterns).
has_re() { screen | LC_ALL=C grep -qE -- "$1"; }

# type_line TEXT — type a command at the prompt and press Enter.
type_line() { tm send-keys -l -- "$1" && tm send-keys Enter; }

# check NAME COMMAND... — count a pass when COMMAND succeeds, else print the screen.
check() {
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
        screen | sed 's/^/    | /'
    fi
}

finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

if ! command -v tmux >/dev/null 2>&1; then
    echo "tmux is missing (install the Debian package 'tmux')"
    echo "0 passed, 1 failed"
    exit 1
fi
if [ ! -x "$DESCENT" ]; then
    echo "no binary at $DESCENT (run make)"
    echo "0 passed, 1 failed"
    exit 1
fi
