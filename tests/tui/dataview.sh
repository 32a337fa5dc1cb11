#!/usr/bin/env bash
# tests/tui/dataview.sh — `dataview on` after `data gen linreg` splits the plot area: the
# scatter (training • and validation ○) with the selected run's fitted line on the
# right, and the line moves when the run steps (captures before and after `step`);
# `cloud 10` reports the copies' spread; a formula objective refuses the data view.
source "$(dirname "$0")/harness.bash"

# The data view's braille (its model line) below the title: the right half of the plot
# window, columns 41-78 (bash counts characters in a UTF-8 locale; cut counts bytes).
dataview_line() {
    local LC_ALL=C.UTF-8 line
    screen | sed -n '3,28p' | while IFS= read -r line; do
        line=${line:40:38}
        printf '%s\n' "${line//[^⠀-⣿]/ }"
    done
}

start 120 40
check "prompt shows" wait_for 'descent›' 5
type_line 'data gen linreg n=50 noise=0.3 seed=1; data split 0.8; func linreg'
type_line 'algo sgd batch=5 lr=0.05; dataview on'
check "the data view names the model" wait_for 'data: y = ' 5
check "its legend names the points and the run" wait_for 'run 1 it 0' 5
check "training points are drawn" bash -c "tmux -L $SOCK capture-pane -p | grep -q '•'"
check "validation points are drawn differently" bash -c "tmux -L $SOCK capture-pane -p | grep -q '○'"
before=$(dataview_line)
check "the fitted line is drawn" test -n "${before//[[:space:]]/}"
type_line 'step 20'
check "the legend follows the run" wait_for 'run 1 it 20' 5
after=$(dataview_line)
check "the fitted line moved when the run stepped" test "$before" != "$after"
check "the title has the new model" bash -c "tmux -L $SOCK capture-pane -p | grep -q 'data: y = '"
type_line 'cloud 10'
check "cloud prints the spread of the copies" wait_for 'final θ: mean' 5
type_line 'func x^2 + y^2'
type_line 'dataview on'
check "a formula refuses the data view" wait_for 'not a data objective' 5
type_line 'quit'
check "quits" wait_for 'exit=0' 5
finish
