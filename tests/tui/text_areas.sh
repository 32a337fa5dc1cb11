#!/usr/bin/env bash
# tests/tui/text_areas.sh — text on the screen: combining marks stay on their letters
# (m̂ in `help algo adam`), `help` pages to its end at 80×24, the runs panel says
# "+1 more" when a fourth run does not fit, `plots on` without room says why, and the
# too-small message keeps its closing parenthesis at 30 columns, and the title's key hint
# is never cut in mid-phrase.
source "$(dirname "$0")/harness.bash"

start 120 40
check "prompt shows" wait_for 'descent›' 5
type_line 'help algo adam'
# m followed by U+0302 COMBINING CIRCUMFLEX ACCENT, kept in one cell.
check "help algo adam shows m with its circumflex" wait_for $'m\xcc\x82' 5
type_line 'quit'
wait_for 'exit=0' 5

start 80 24
check "prompt shows at 80x24" wait_for 'descent›' 5
# The title row's key hint is whole, or cut at a separator: never in mid-phrase.
title_hint_whole() {
    local row
    row=$(screen | head -n 1)
    case $row in
    *"Esc: keys for the plot · F1 help"* | *"Esc: keys for the plot │"*) return 0 ;;
    *Esc*) return 1 ;;
    esac
}
check "the title's key hint is not cut in mid-phrase at 80x24" title_hint_whole
type_line 'help'
check "a long help pages" wait_for '-- more' 5
last=$("$DESCENT" -c help | tail -n 1 | awk '{print $1}')
seen=0
for _ in 1 2 3 4 5 6 7 8; do
    screen | grep -qE "^  $last " && seen=1
    screen | grep -qF -- '-- end --' && break
    tm send-keys Space
    wait_for '-- end --' 1 || true
done
screen | grep -qE "^  $last " && seen=1
check "help reaches its last command ($last)" test "$seen" = 1
check "the pager says it is at the end" wait_for '-- end --' 2
tm send-keys q
check "q closes the pager" wait_gone '-- end --' 5

type_line 'algo gd lr=0.001; add adam lr=0.05; add momentum lr=0.001; add nag lr=0.0005'
# Its output may page: close the pager when it does.
if wait_for '-- end --' 2; then tm send-keys q; fi
check "the runs panel says +1 more with 4 runs" wait_for '+1 more' 5
type_line 'plots on'
check "plots on without room says what it needs" wait_for 'make the terminal at least' 5

tm resize-window -x 30 -y 12
check "too small at 30 columns keeps its parenthesis" wait_for '(need 60×16)' 5
tm resize-window -x 80 -y 24
check "back to the screen after growing" wait_for '+1 more' 5
type_line 'quit'
check "quit exits with status 0" wait_for 'exit=0' 5
finish
