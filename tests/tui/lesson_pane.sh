#!/usr/bin/env bash
# tests/tui/lesson_pane.sh — the lesson pane on the real screen, under tmux: a step opens
# at its first line (80×24 and 120×40, English and Korean), Alt-Down / Alt-Up scroll it a
# page at a time with the place shown in the frame, the task line stays pinned, new
# feedback is scrolled into view, F7 and `lesson pane collapse|expand` fold it to the
# task line and back, and `skip`, `review` and `review N` work on the screen.
source "$(dirname "$0")/harness.bash"

LESSON=$PWD/tests/tui/pane.lesson

# pane — the lesson pane's rows: from its frame (the row naming the step) down to the
# output pane's header.
pane() { screen | awk '/──/ && /F7/ {p = 1} /── output/ {p = 0} p'; }
pane_has() { pane | grep -qF -- "$1"; }
pane_lacks() { ! pane | grep -qF -- "$1"; }
# pane_wait TEXT / pane_wait_gone TEXT — poll the pane alone (the output pane may show the
# same words).
pane_wait() {
    local i=0
    while [ $i -lt 100 ]; do
        pane_has "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}
pane_wait_gone() {
    local i=0
    while [ $i -lt 100 ]; do
        pane_lacks "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}
# margin MARK — a row of the pane's text (not its frame) ends in MARK (↑ or ↓).
margin() { pane | tail -n +2 | grep -q -- "$1\$"; }
no_margin() { ! margin "$1"; }
# first_line N [LANG] — the first words of lesson N's first step, as `lesson N` prints it.
first_line() {
    "$DESCENT" --batch - ${2:+--lang "$2"} <<<"lesson $1" | awk '/^── / {getline; print; exit}' |
        sed 's/^ *//' | cut -d' ' -f1-4
}

# ---- 80×24: the fixture lesson, whose step is longer than the pane.
start 80 24 --lesson "$LESSON"
check "80x24: the step opens at its first line" pane_wait "row 01 is the step's first line"
last_row() { pane | tail -n 1 | grep -qF -- "$1"; }
check "80x24: the task line is pinned at the bottom" last_row 'Task: Ask for the gradient'
check "80x24: the frame shows the score bar" pane_has "0/2 tasks"
check "80x24: the frame shows the scroll keys and the place" pane_has "Alt-↑↓"
check "80x24: the frame shows where the text is" has_re '── .*1–[0-9]+/2[0-9] Alt'
check "80x24: a more mark in the margin, not over text" margin "↓"
check "80x24: the last line is not shown yet" pane_lacks "row 21"

tm send-keys M-Down
check "Alt-Down scrolls a page" pane_wait_gone "row 01 is"
check "the pane keeps one line of the last page" pane_has "row 0"
check "a mark says there is text above" margin "↑"
check "the task stays pinned while scrolled" last_row "Task: Ask for the gradient"
for _ in 1 2 3 4 5 6; do tm send-keys M-Down; done
check "Alt-Down reaches the step's last line" pane_wait "row 21 is the step's last line"
check "at the end no mark says more below" no_margin "↓"
tm send-keys M-Up
check "Alt-Up scrolls back" pane_wait_gone "row 21 is"
for _ in 1 2 3 4 5 6; do tm send-keys M-Up; done
check "Alt-Up reaches the first line" pane_wait "row 01 is the step's first line"

# Typing at the prompt is not disturbed by the pane's keys.
tm send-keys -l 'cursor 0.5'
tm send-keys M-Down
tm send-keys -l ' 0.25'
tm send-keys Enter
check "a command typed around Alt-Down runs whole" wait_for 'at [0.5, 0.25]' 5
type_line 'grad 0 0'
# grad's answer is longer than the output pane at 80×24: it is paged; q closes.
wait_for '-- ' 5 && tm send-keys q
check "a wrong command's hint is scrolled into view in the pane" pane_wait "the hint for the long step"

tm send-keys F7
check "F7 collapses the pane to the task line" pane_wait_gone "row 1"
check "collapsed: the task line stays" pane_has "Task: Ask for the gradient"
check "collapsed: the frame says how to expand" pane_has "F7 expand"
type_line 'lesson pane expand'
check "lesson pane expand brings the text back" pane_wait "row"
check "expanded: the frame says how to collapse" pane_has "F7 collapse"
type_line 'lesson pane collapse'
check "lesson pane collapse folds it again" pane_wait_gone "row"
tm send-keys F7
check "F7 expands it" pane_wait "row"

type_line 'skip'
check "skip opens the next step on the screen" pane_wait "question row 01"
check "the frame counts the skipped task" pane_has "(+1 skipped)"
type_line 'review'
check "review lists the skipped task" wait_for 'A long step — skipped' 5
tm send-keys M-Down
type_line 'review 1'
check "review N reopens the step at its first line" pane_wait "row 01 is the step's first line"
check "review N: the frame names the step" pane_has "step 1/3"
type_line 'quit'
check "descent exits" wait_for 'exit=0' 5
tm kill-server 2>/dev/null

# ---- a course lesson at 80×24 and 120×40, in English and Korean: its first line shows.
for size in "80 24" "120 40"; do
    for lang in "" ko; do
        want=$(first_line 3 "$lang")
        start $size ${lang:+--lang $lang} --lesson 3
        check "lesson 3${lang:+ ($lang)} at ${size/ /x} opens at '$want'" pane_wait "$want"
        type_line 'quit'
        wait_for 'exit=0' 5
        tm kill-server 2>/dev/null
    done
done
finish
