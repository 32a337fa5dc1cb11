#!/usr/bin/env bash
# tests/tui/complete.sh — Tab at the prompt inserts what the core's cmd_complete offers:
# a parameter key with '=' and no space after it, the word after ';', a key after a value
# with '=' in it, and a file name from readline's own completion.
source "$(dirname "$0")/harness.bash"

start 120 40
check "prompt shows" wait_for 'descent›' 5

tm send-keys -l 'algo adam bi'
tm send-keys Tab
check "a key completes with '='" wait_for 'descent› algo adam bias=' 5
tm send-keys -l 'off'
check "and no space after it" wait_for 'descent› algo adam bias=off' 5
tm send-keys C-u

tm send-keys -l 'func bowl; func ros'
tm send-keys Tab
check "after ';' the next command's argument" wait_for 'descent› func bowl; func rosenbrock' 5
tm send-keys -l 'x'
check "and a space after it" wait_for 'descent› func bowl; func rosenbrock x' 5
tm send-keys C-u

tm send-keys -l 'algo adam lr=0.1 eps=1e-8 bet'
tm send-keys Tab
check "after key=value words, the common part of beta1= and beta2=" wait_for 'descent› algo adam lr=0.1 eps=1e-8 beta' 5
tm send-keys -l '1'
check "and nothing more" wait_for 'descent› algo adam lr=0.1 eps=1e-8 beta1' 5
tm send-keys C-u

mkdir -p "$TMPD/files" && : >"$TMPD/files/unique-name.csv"
tm send-keys -l "trace $TMPD/files/uniq"
tm send-keys Tab
check "a file argument completes from the disk" wait_for 'unique-name.csv' 5
tm send-keys C-u

type_line 'quit'
finish
