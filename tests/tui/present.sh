#!/usr/bin/env bash
# tests/tui/present.sh — teaching from a script: `descent SCRIPT` runs it on the screen,
# `say` captions the plot, `pause` waits for Space; `present on` gives the plot the whole
# screen (panels and output hidden, legend and colour key on the plot) and F2 brings them back;
# `present on` in a terminal below the minimum is refused; a resize during an animation
# redraws the screen and the animation goes on.
source "$(dirname "$0")/harness.bash"

cat >"$TMPD/demo.txt" <<'DEMO'
# a demo for a class
func bowl
algo gd lr=0.1
say Watch the bowl
pause
say Second part
run 5
DEMO

# key_coloured — the colour key's row (found in the plain text) has background colours.
key_coloured() {
    local n
    n=$(screen | LC_ALL=C grep -nE '^ +f +[0-9.e+-]+ +[0-9.e+-]+' | head -n 1 | cut -d: -f1)
    [ -n "$n" ] && tm capture-pane -p -e | sed -n "${n}p" | LC_ALL=C grep -qE $'\e\\[(0;)?48;5;'
}

start 100 30 "$TMPD/demo.txt"
check "the script's caption shows" wait_for 'Watch the bowl' 5
check "pause says it waits" wait_for 'script paused' 5
check "pause waits: the next caption has not come" bash -c '! tmux -L '"$SOCK"' capture-pane -p | grep -q "Second part"'
# Polling a while longer: the script must still be waiting.
check "still waiting a second later" eval '! wait_for "Second part" 1'
tm send-keys Space
check "Space goes on to the next caption" wait_for 'Second part' 5
check "the run in the script animates" wait_for 'it 5 ' 10

type_line 'present on'
check "present on hides the side panel" wait_gone '─ runs ─' 5
check "present on hides the output pane" wait_gone '─ output ─' 5
check "the legend is on the plot" wait_for 'gd lr=0.1 it 5' 5
# The colour key under the plot: "f", then the f values between the bands.
check "the colour key is on the plot" has_re '^ +f +[0-9.e+-]+ +[0-9.e+-]+ +[0-9.e+-]+'
check "the colour key's bands are coloured" key_coloured
tm send-keys F2
check "F2 brings the panels back" wait_for '─ runs ─' 5

tm resize-window -x 50 -y 14
check "too small" wait_for 'terminal too small' 5
type_line 'present on'
check "present on below the minimum is refused" wait_for 'present needs a terminal' 5
tm resize-window -x 100 -y 30
check "nothing changed: the panels are there" wait_for '─ runs ─' 5

type_line 'speed 10; run 80'
check "an animation runs" wait_for 'it 1' 5
tm resize-window -x 120 -y 40
check "after a resize mid-animation the panel is drawn" wait_for '─ at the cursor ─' 5
check "the plot's axes are drawn again" wait_for '└' 5
tm resize-window -x 90 -y 26
check "the animation finishes after resizes" wait_for 'it 85 ' 20
check "the screen is whole at the new size" wait_for '─ output ─' 5
type_line 'quit'
check "quit exits with status 0" wait_for 'exit=0' 5
finish
