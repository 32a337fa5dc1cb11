#!/usr/bin/env bash
# tests/run.sh — runs every test of descent and ends with one line "N passed, N failed"
# (followed by ", N skipped" when checks were skipped: a locale the machine lacks).
#  unit:   each build/tests/test_* program (its last line "FILE: N passed, N failed")
#  batch:  tests/batch/NAME.cmd through `descent --batch`, stdout compared with NAME.out,
#          and with NAME.err / NAME.status when present; NAME.args holds extra options
#  tui:    tests/tui/*.sh, each ending with its own "N passed, N failed" (skipped with NO_TUI=1
#          or without tmux)
#  shell:  tests/shell/*.sh (scripts, man page, install, init file), each ending with
#          its own "N passed, N failed"
#  garbage: build/asan/tests/test_garbage when it was built (make check builds it)
#  reference: tests/reference/trajectories.py, COURSE.md's rules in Python vs trace (python3)
# Environment: BUILD (default build), ONLY=unit|batch|tui to run one kind.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
# Expected output is English: the caller's locale must not translate it (the tests of
# the Korean interface say --lang ko, or set LANG themselves).
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
# Sanitized builds: fontconfig's and cairo's own caches are not descent's leaks.
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
BIN=${DESCENT:-$BUILD/descent}
passed=0
failed=0
skipped=0
failures=()

tally() { # tally OUTPUT NAME — add the last "N passed, N failed[, N skipped]" of OUTPUT
    local line p f k
    line=$(printf '%s\n' "$1" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    if [ -z "$line" ]; then
        failed=$((failed + 1)); failures+=("$2 (no result line)"); return
    fi
    p=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+')
    f=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+')
    k=$(grep -oE '[0-9]+ skipped' <<<"$line" | grep -oE '[0-9]+')
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + ${k:-0}))
    [ "$f" -eq 0 ] || failures+=("$2")
}

want() { [ -z "${ONLY:-}" ] || [ "$ONLY" = "$1" ]; }

if want unit; then
    for t in "$BUILD"/tests/test_*; do
        [ -x "$t" ] || continue
        out=$("$t" 2>&1); rc=$?
        printf '%s\n' "$out" | grep -E '^FAIL|^SKIP|passed, ' | sed 's/^/  /'
        tally "$out" "$(basename "$t")"
        [ $rc -eq 0 ] || [[ " ${failures[*]} " == *" $(basename "$t") "* ]] || { failed=$((failed + 1)); failures+=("$(basename "$t") exit $rc"); }
    done
    if [ -z "${ONLY:-}" ] && [ -x build/asan/tests/test_garbage ] && [ "$BUILD" != build/asan ]; then
        out=$(build/asan/tests/test_garbage 2>&1); rc=$?
        printf '%s\n' "$out" | grep -E '^FAIL|passed, |ERROR|runtime error' | sed 's/^/  asan /'
        tally "$out" "test_garbage(asan)"
        [ $rc -eq 0 ] || { failed=$((failed + 1)); failures+=("test_garbage(asan) exit $rc"); }
    fi
fi

if want batch && [ -x "$BIN" ]; then
    bp=0; bf=0
    tmp=$(mktemp -d)
    for cmd in tests/batch/*.cmd; do
        [ -e "$cmd" ] || continue
        name=${cmd%.cmd}
        args=(); [ -f "$name.args" ] && read -r -a args <"$name.args"
        (cd tests/batch && "../../$BIN" "${args[@]}" --batch "$(basename "$cmd")" >"$tmp/out" 2>"$tmp/err"); rc=$?
        ok=1
        want_rc=0; [ -f "$name.status" ] && want_rc=$(cat "$name.status")
        [ "$rc" -eq "$want_rc" ] || { ok=0; echo "  FAIL $cmd: exit $rc, expected $want_rc"; cat "$tmp/err" | head -5 | sed 's/^/    /'; }
        if [ -f "$name.out" ] && ! diff -u "$name.out" "$tmp/out" >"$tmp/diff"; then
            ok=0; echo "  FAIL $cmd: stdout differs"; head -40 "$tmp/diff" | sed 's/^/    /'
        fi
        if [ -f "$name.err" ] && ! diff -u "$name.err" "$tmp/err" >"$tmp/diff"; then
            ok=0; echo "  FAIL $cmd: stderr differs"; head -20 "$tmp/diff" | sed 's/^/    /'
        fi
        if [ $ok -eq 1 ]; then bp=$((bp + 1)); else bf=$((bf + 1)); failures+=("$cmd"); fi
    done
    rm -rf "$tmp"
    echo "  batch: $bp passed, $bf failed"
    passed=$((passed + bp)); failed=$((failed + bf))
fi

if want tui && [ -z "${NO_TUI:-}" ] && [ -x "$BIN" ]; then
    if command -v tmux >/dev/null 2>&1; then
        for t in tests/tui/*.sh; do
            [ -e "$t" ] || continue
            out=$(DESCENT="$BIN" bash "$t" 2>&1)
            printf '%s\n' "$out" | grep -E '^FAIL|passed, ' | sed 's/^/  /'
            tally "$out" "$t"
        done
    else
        echo "  tui: tmux not installed — install the Debian package 'tmux' (screen tests skipped)"
        failed=$((failed + 1)); failures+=("tmux missing")
    fi
fi

if want shell && [ -x "$BIN" ]; then
    for t in tests/shell/*.sh; do
        [ -e "$t" ] || continue
        out=$(DESCENT="$BIN" bash "$t" 2>&1)
        printf '%s\n' "$out" | grep -E '^FAIL|passed, ' | sed 's/^/  /'
        tally "$out" "$t"
    done
fi

if want lessons && [ -x "$BIN" ] && ls lessons/*.lesson >/dev/null 2>&1; then
    out=$("$BIN" --check-lessons 2>&1)
    printf '%s\n' "$out" | grep -E "FAIL|error|passed, |^tasks in" | sed 's/^/  /'
    tally "$out" "--check-lessons"
    # Issue 14: at least half of every language's tasks check the live session.
    while read -r dir total live; do
        if [ $((2 * live)) -ge "$total" ]; then
            passed=$((passed + 1))
        else
            echo "  FAIL $dir: only $live of $total tasks check the live session (need half)"
            failed=$((failed + 1)); failures+=("live tasks in $dir")
        fi
    done < <(printf '%s\n' "$out" | sed -nE 's/^tasks in ([^:]*): ([0-9]+), on the live session: ([0-9]+).*/\1 \2 \3/p')
fi

if want reference && [ -x "$BIN" ] && command -v python3 >/dev/null 2>&1; then
    out=$(DESCENT="$BIN" python3 tests/reference/trajectories.py 2>&1)
    printf '%s\n' "$out" | grep -E '^FAIL|passed, ' | sed 's/^/  /'
    tally "$out" "reference trajectories"
fi

if want docs && [ -x "$BIN" ] && [ "$BUILD" = build ] && command -v python3 >/dev/null 2>&1; then
    out=$(DESCENT="$BIN" python3 tests/readme_reference.py 2>&1)
    printf '%s\n' "$out" | sed 's/^/  /'
    tally "$out" "readme reference"
fi

if [ ${#failures[@]} -gt 0 ]; then
    echo "failures: ${failures[*]}"
fi
if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
