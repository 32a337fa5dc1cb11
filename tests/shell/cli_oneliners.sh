#!/usr/bin/env bash
# tests/shell/cli_oneliners.sh — several -c options run in order, as one script would:
# each sees what the ones before it set, an error names its -c by number, quit ends them
# all, and --keep-going goes on past a failing one.
source "$(dirname "$0")/lib.bash"

"$DESCENT" -c 'func himmelblau' -c 'eval 0 0' >"$TMPD/order" 2>&1
check "the second -c sees the first's objective (himmelblau: f(0, 0) = 170)" contains "f(0, 0) = 170" "$TMPD/order"

"$DESCENT" -c 'eval 0 0' -c 'func nope' -c 'eval 1 1' >"$TMPD/fail.out" 2>"$TMPD/fail.err"
rc=$?
check "a failing -c exits 1" test "$rc" -eq 1
check "its error names the second -c as line 2" contains "(line 2)" "$TMPD/fail.err"
check "the -c after a failure does not run" test "$(grep -c 'f(1, 1)' "$TMPD/fail.out")" -eq 0

"$DESCENT" --keep-going -c 'func nope' -c 'eval 1 1' >"$TMPD/keep.out" 2>/dev/null
check "--keep-going runs the -c after a failure" contains "f(1, 1) = 0" "$TMPD/keep.out"

"$DESCENT" -c 'eval 0 0' -c 'quit' -c 'eval 1 1' >"$TMPD/quit.out" 2>&1
check "quit in one -c ends the rest" test "$(grep -c 'f(1, 1)' "$TMPD/quit.out")" -eq 0

args=()
for i in $(seq 65); do args+=(-c "eval $i 0"); done
"$DESCENT" "${args[@]}" >"$TMPD/many.out" 2>"$TMPD/many.err"
rc=$?
check "a 65th -c is refused at once" test "$rc" -ne 0 -a ! -s "$TMPD/many.out"
check "saying the limit" contains "at most 64 -c options" "$TMPD/many.err"

finish
