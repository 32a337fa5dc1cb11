#!/usr/bin/env bash
# tests/tui/lesson_charts.sh — the small charts a lesson step talks about, on the real
# screen: lesson 8 (data held back) draws the loss chart with the validation loss and its
# key at 120×40 and 80×24; lesson 7 (a schedule) draws the lr chart alone at 80×24; and
# `plots on` without room says what would make it (F7 where folding the lesson pane is
# enough, a taller terminal otherwise) instead of silently nothing (review E3, E4); lesson
# 3's bound step draws the f chart with the bound's curve alone at 80×24.
source "$(dirname "$0")/harness.bash"

start 120 40 --lesson 8
check "lesson 8 opens" wait_for 'Training and validation' 10
type_line 'step 30'
check "120x40: the loss chart with its key shows" wait_for "f solid, val dotted, log" 5
type_line 'plots on'
check "120x40: plots on names F7 when folding the pane makes room" \
    wait_for 'lesson pane collapse` (F7) folds the' 5
tm send-keys F7
check "after F7 both charts show" wait_for '─ lr ' 5
check "... and the loss chart still has its key" wait_for 'f solid, val dotted' 2
type_line 'quit'
wait_for 'exit=0' 5

start 80 24 --lesson 8
check "lesson 8 opens at 80x24" wait_for 'Training' 10
type_line 'step 30'
check "80x24: the loss chart shows with the lesson open" wait_for 'f solid, val dotted' 5
type_line 'quit'
wait_for 'exit=0' 5

start 80 24 --lesson 7
check "lesson 7 opens at 80x24" wait_for 'Fast early' 10
type_line 'next'
type_line 'sched step step=100 gamma=0.5'
type_line 'step 150'
check "80x24: the lr chart shows alone" wait_for '─ lr 0.05' 5
type_line 'plots on'
check "80x24: plots on asks for a taller terminal" wait_for 'make the terminal at least 43 rows tall' 5
check "... and says the lesson shows the lr chart meanwhile" wait_for 'shows the lr chart alone' 2
# The output may page: close the pager when it does.
if wait_for '-- end --' 1; then tm send-keys q; fi
wait_gone '-- end --' 2
type_line 'quit'
wait_for 'exit=0' 5

# Lesson 3's bound step: the f chart with the O(1/k) curve the text talks about, alone
# in the 13-row panel beside the lesson text (it needed 18 rows for both charts).
start 80 24 --lesson 3
check "lesson 3 opens at 80x24" wait_for 'step 1/12' 10
for i in 1 2 3 4 5 6 7 8 9; do type_line 'next'; done
check "step 10 is the bound step" wait_for 'step 10/12' 5
type_line 'step 10'
check "80x24: the f chart shows alone for the bound" wait_for '─ f, log 0.38' 5
check "... without the lr chart" wait_gone '─ lr ' 1
type_line 'plots on'
check "... and plots on says the lesson shows the f chart meanwhile" \
    wait_for 'shows the f chart alone' 5
if wait_for '-- end --' 1; then tm send-keys q; fi
wait_gone '-- end --' 2
type_line 'quit'
check "quit exits with status 0" wait_for 'exit=0' 5
finish
