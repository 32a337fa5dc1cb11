#!/usr/bin/env bash
# tests/shell/save_replay.sh — `save FILE` writes a command script that rebuilds the
# session: replaying it with descent --batch gives the same trace file, byte for byte
# (sgd on split data with a step schedule, plateau and early stopping, a parameter
# changed mid-run, a rewind, runs at different iterations, a formula and a quad; the
# data view and a cloud, whose copies end in the same places); save
# to an unwritable place fails, names the file and writes nothing.
source "$(dirname "$0")/lib.bash"

replay() { # replay NAME SCRIPT — run SCRIPT, save, replay the save, compare traces
    local name=$1
    printf '%s\ntrace %s\nsave %s\n' "$2" "$TMPD/$name.a.csv" "$TMPD/$name.cmd" >"$TMPD/$name.in"
    "$DESCENT" --batch "$TMPD/$name.in" >"$TMPD/$name.out" 2>&1
    check "$name: the session runs and saves" test -s "$TMPD/$name.cmd"
    printf 'trace %s\n' "$TMPD/$name.b.csv" >>"$TMPD/$name.cmd"
    "$DESCENT" --batch "$TMPD/$name.cmd" >"$TMPD/$name.replay" 2>&1
    check "$name: the saved script replays without error" test $? -eq 0
    check "$name: identical trace files" cmp -s "$TMPD/$name.a.csv" "$TMPD/$name.b.csv"
}

replay data "data gen linreg n=40 noise=0.5 seed=4
data split 0.7 seed=2
func linreg
algo sgd lr=0.2 batch=3 seed=9
sched step step=5 gamma=0.5
add sgd lr=0.3 batch=2 seed=5
sched plateau factor=0.5 patience=2
add momentum lr=0.1
earlystop patience=4 restore=on
step 12
select 1
set lr=0.15 seed=11
step 9
rewind 3
add adam
step 4
cursor 0.5 0.25
zoom 2"

replay formula "func x^2 + 3*y^2 + sin(x*y)
algo nag lr=0.05
add bfgs
add sgd noise=0.5 lr=0.02
step 30
goto 12 2
set digits 9"

replay quad "func quad 3 1 2 1 -1
algo cg
add newton
add lbfgs m=3
step 5"

replay cloud "data gen linreg n=40 noise=0.4 seed=3
data split 0.8
func linreg
algo sgd lr=0.1 batch=4
step 10
set lr=0.05
step 10
dataview on
cloud 8 seed=3
add gd"
check "cloud: the save turns the data view on" grep -qx 'dataview on' "$TMPD/cloud.cmd"
check "cloud: and makes the cloud with its seed" grep -qx 'cloud 8 seed=3' "$TMPD/cloud.cmd"
grep 'final' "$TMPD/cloud.out" >"$TMPD/cloud.a.txt"
grep 'final' "$TMPD/cloud.replay" >"$TMPD/cloud.b.txt"
check "cloud: the replayed copies end where the first ones did" \
    bash -c "test -s '$TMPD/cloud.a.txt' && cmp -s '$TMPD/cloud.a.txt' '$TMPD/cloud.b.txt'"

printf 'algo gd\nstep 2\nsave /nonexistent-dir/s.cmd\n' >"$TMPD/bad.in"
"$DESCENT" --batch "$TMPD/bad.in" >"$TMPD/bad.out" 2>"$TMPD/bad.err"
check "save to an unwritable path fails" test $? -ne 0
check "the error names the file" contains "/nonexistent-dir/s.cmd" "$TMPD/bad.err"
check "and nothing was written" test ! -e /nonexistent-dir/s.cmd
finish
