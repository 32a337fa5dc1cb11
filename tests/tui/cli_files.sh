#!/usr/bin/env bash
# tests/tui/cli_files.sh — hardening of the headless paths (issue 12), driven from the
# shell because they are about files and exit codes: a full disk is an error, every
# --batch file runs, NUL bytes and /dev/zero are refused, a user's escape sequences come
# back escaped, a mistyped plot size is never a file. Uses the harness's check only.
source "$(dirname "$0")/harness.bash"
D=$DESCENT
cd "$TMPD" || exit 1

out=$("$D" -c 'eval 1 1' 2>&1 >/dev/full); rc=$?
check "output to a full disk exits 1" test "$rc" -eq 1
check "and says why" grep -q 'cannot write the output' <<<"$out"

printf 'echo from-a\n' >a.cmd
printf 'echo from-b\n' >b.cmd
out=$("$D" --batch a.cmd b.cmd 2>&1)
check "--batch a.cmd b.cmd runs both" grep -q 'from-b' <<<"$out"

printf 'echo x\0y\n' >nul.cmd
out=$("$D" --batch nul.cmd 2>&1); rc=$?
check "a NUL byte in a batch line is refused" test "$rc" -eq 1
check "with a reason" grep -q 'NUL byte' <<<"$out"

out=$(timeout 20 "$D" -c 'data load /dev/zero' 2>&1); rc=$?
check "data load /dev/zero returns" test "$rc" -eq 1
check "not a text file" grep -q 'not a text file' <<<"$out"

"$D" -c $'func \e]0;pwned\a' 2>err.txt >out.txt
check "an escape echoed in an error is escaped" bash -c "! grep -q $'\e' err.txt out.txt"
check "shown as \\x1B" grep -qF '\x1B' err.txt

"$D" -c 'plot 80x; plot 120x40x; plot 9999999999999999999x24' --keep-going >/dev/null 2>&1
check "mistyped plot sizes write no file" bash -c '! ls 80x 120x40x 9999999999999999999x24 2>/dev/null'

out=$("$D" -c 'cursor 1e-400 0' 2>&1)
check "underflow is named" grep -q 'underflows' <<<"$out"
finish
