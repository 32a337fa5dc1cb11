#!/usr/bin/env bash
# tests/tui/colors.sh — the screen's colours, one path each, read back from tmux's cells
# (capture-pane -e): 24-bit where the terminal description has direct colour (RGB) or
# COLORTERM says truecolor and a -direct description exists; 256 colours otherwise; 8 on
# an 8-colour terminal; no colour at all, only shading, with NO_COLOR. The direct-colour
# description is compiled here with tic (ncurses' xterm+direct capabilities on top of
# xterm-256color), so the test does not depend on ncurses-term being installed.
source "$(dirname "$0")/harness.bash"

if ! command -v tic >/dev/null 2>&1; then
    echo "tic is missing (install the Debian package 'ncurses-bin')"
    echo "0 passed, 1 failed"
    exit 1
fi
TI=$TMPD/terminfo
cat >"$TMPD/direct.ti" <<'TI'
xterm-direct|xterm with direct colour (a copy of ncurses' xterm+direct for the tests),
	RGB, colors#0x1000000, pairs#0x10000, CO#8,
	ccc@, initc@, oc@, setb@, setf@,
	setab=\E[%?%p1%{8}%<%t4%p1%d%e48\:2\:\:%p1%{65536}%/%d\:%p1%{256}%/%{255}%&%d\:%p1%{255}%&%d%;m,
	setaf=\E[%?%p1%{8}%<%t3%p1%d%e38\:2\:\:%p1%{65536}%/%d\:%p1%{256}%/%{255}%&%d\:%p1%{255}%&%d%;m,
	use=xterm-256color,
nodirect-256color|a 256-colour terminal with no -direct description beside it,
	use=xterm-256color,
TI
tic -x -o "$TI" "$TMPD/direct.ti" 2>/dev/null

# start_env "VAR=... ..." — descent at 120×40 in a pane with these variables (and only
# PATH, HOME, the locale and TERMINFO besides); a rosenbrock run so a path is drawn.
n_start=0
start_env() {
    tm kill-server 2>/dev/null || true
    n_start=$((n_start + 1))
    SOCK=descent-test-$$-$n_start # a fresh server: the last one may still be going
    tm -f /dev/null new-session -d -x 120 -y 40 \
        "env -i PATH=$PATH HOME=$TMPD XDG_STATE_HOME=$TMPD/state LANG=C.UTF-8 LC_ALL=C.UTF-8 TERMINFO=$TI $1 $DESCENT --no-init -i -c 'algo gd lr=0.001; step 50'"
    tm set-option -g status off >/dev/null
    wait_for 'descent›' 10
}
sgr() { tm capture-pane -p -e; }
# has_sgr REGEX — the screen's escape sequences match REGEX (extended, bytes).
has_sgr() { sgr | LC_ALL=C grep -qE -- "$1"; }
no_sgr() { ! has_sgr "$1"; }

start_env "TERM=xterm-direct"
check "direct colour in TERM: bands in 24-bit" has_sgr $'\e\\[(0;)?48;2;[0-9]+;[0-9]+;[0-9]+m'
check "direct colour in TERM: no 256-colour indices" no_sgr $'\e\\[(0;)?[34]8;5;'
# Run 1's colour exactly (pal_run(0) = #FFFFFF would be white; the bench prints it): the
# head glyph ● in a 24-bit foreground.
check "direct colour in TERM: the run's head in 24-bit" has_sgr $'38;2;[0-9]+;[0-9]+;[0-9]+m[^\e]*\xe2\x97\x8f'

start_env "TERM=xterm-256color COLORTERM=truecolor"
check "COLORTERM=truecolor finds xterm-direct: 24-bit" has_sgr $'\e\\[(0;)?48;2;[0-9]+;[0-9]+;[0-9]+m'
check "... and the screen works (help answers)" eval 'type_line "help algo gd" && wait_for "Gradient descent" 5'

start_env "TERM=xterm-256color COLORTERM=24bit"
check "COLORTERM=24bit too" has_sgr $'\e\\[(0;)?48;2;'

start_env "TERM=nodirect-256color COLORTERM=truecolor"
check "no -direct description: 256 colours" has_sgr $'\e\\[(0;)?48;5;[0-9]+m'
check "no -direct description: no 24-bit" no_sgr $'\e\\[(0;)?[34]8;2;'

start_env "TERM=xterm-256color"
check "256 colours without COLORTERM" has_sgr $'\e\\[(0;)?48;5;[0-9]+m'
check "256 colours: no 24-bit" no_sgr $'\e\\[(0;)?[34]8;2;'

start_env "TERM=xterm"
check "8 colours: ANSI backgrounds" has_sgr $'\e\\[(0;)?4[0-7]m'
check "8 colours: no 256 or 24-bit" no_sgr $'\e\\[(0;)?[34]8;[25];'
# xterm has 64 colour pairs: the bands must still fill the plot, in their colours (a
# middle row of rosenbrock's valley: no plain cells, and black only near the minimum).
row_cells() { sgr | python3 tests/tui/sgr_cells.py "$@"; }
check "8 colours: every plot cell of a middle row has a band colour" test "$(row_cells 20 6 70)" -eq 0
check "8 colours: the bands are not black" test "$(row_cells 20 6 70 40)" -lt 16

start_env "TERM=xterm-256color COLORTERM=truecolor NO_COLOR=1"
check "NO_COLOR: no colour at all" no_sgr $'\e\\[(0;)?([34][0-7]|[34]8;)'
check "NO_COLOR: the bands are shading" has_re $'\xe2\x96\x91|\xe2\x96\x92|\xe2\x88\xb6'

start_env "TERM=xterm-direct LANG=C LC_ALL=C"
check "LANG=C with 24-bit: ASCII glyphs, still 24-bit" has_sgr $'\e\\[(0;)?48;2;'
check "LANG=C: no UTF-8 line glyphs" eval '! has_re $'"'"'\xe2\x94'"'"''
finish
