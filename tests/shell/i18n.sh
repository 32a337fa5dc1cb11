#!/usr/bin/env bash
# tests/shell/i18n.sh — the interface language through gettext: --lang ko, a Korean
# locale (installed or not: CI has no ko_KR) and `lesson lang ko` give Korean; --lang en
# and the C locale give English; a missing catalogue gives English without a word on
# stderr.
source "$(dirname "$0")/lib.bash"

run() { # run OUT ENV... -- ARGS... — descent with exactly ENV, stdout to OUT, stderr to OUT.err
    local out=$1 envs=()
    shift
    while [ "$1" != -- ]; do envs+=("$1"); shift; done
    shift
    env -i PATH="$PATH" HOME="$TMPD" "${envs[@]}" "$DESCENT" "$@" >"$out" 2>"$out.err"
}

run "$TMPD/flag" LANG=C.UTF-8 -- --lang ko -c lesson
check "--lang ko: Korean" contains "레슨 목록:" "$TMPD/flag"
run "$TMPD/c" LC_ALL=C -- --lang ko -c lesson
check "--lang ko under LC_ALL=C: Korean" contains "레슨 목록:" "$TMPD/c"
run "$TMPD/loc" LANG=ko_KR.UTF-8 -- -c lesson
check "LANG=ko_KR.UTF-8 (installed or not): Korean" contains "레슨 목록:" "$TMPD/loc"
run "$TMPD/en" LANG=ko_KR.UTF-8 -- --lang en -c lesson
check "--lang en beats a Korean locale" contains "Lessons:" "$TMPD/en"
run "$TMPD/plain" LANG=C.UTF-8 LANGUAGE=ko -- -c lesson
check "an English locale: English" contains "Lessons:" "$TMPD/plain"
run "$TMPD/cmd" LANG=C.UTF-8 -- -c 'lesson lang ko; lesson'
check "lesson lang ko switches the messages" contains "레슨 목록:" "$TMPD/cmd"

run "$TMPD/none" LANG=ko_KR.UTF-8 DESCENT_LOCALEDIR="$TMPD/nowhere" -- --lang ko -c lesson
check "no catalogue: English" contains "Lessons:" "$TMPD/none"
check "no catalogue: nothing on stderr" test ! -s "$TMPD/none.err"
mkdir -p "$TMPD/broken/ko/LC_MESSAGES"
echo "not a catalogue" >"$TMPD/broken/ko/LC_MESSAGES/descent.mo"
run "$TMPD/corrupt" DESCENT_LOCALEDIR="$TMPD/broken" -- --lang ko -c lesson
check "a corrupt catalogue: English" contains "Lessons:" "$TMPD/corrupt"
check "a corrupt catalogue: nothing on stderr" test ! -s "$TMPD/corrupt.err"
run "$TMPD/bad" LANG=C.UTF-8 -- --lang ../../x -c lesson
check "--lang with a path in it: English" contains "Lessons:" "$TMPD/bad"

# A teacher's tools in Korean: --check-lessons says what it counted in Korean but keeps
# its machine-read tally line; --report's CSV stays as scripts read it, its notes on
# stderr follow the language.
run "$TMPD/check" LANG=C.UTF-8 DESCENT_LESSONS="$PWD/lessons" -- --lang ko --check-lessons
check "--check-lessons in Korean" contains "실제 세션을 확인하는 과제" "$TMPD/check"
check "--check-lessons keeps its tally line" grep -qE '^[0-9]+ passed, 0 failed$' "$TMPD/check"
run "$TMPD/checken" LANG=C.UTF-8 DESCENT_LESSONS="$PWD/lessons" -- --check-lessons
check "--check-lessons in English" contains "on the live session" "$TMPD/checken"
mkdir -p "$TMPD/class/kim"
run "$TMPD/report" LANG=C.UTF-8 -- --lang ko --report "$TMPD/class"
check "--report: the CSV header as scripts read it" contains "learner,lesson,step" "$TMPD/report"
check "--report: its notes in Korean" contains "진행 파일이 없습니다" "$TMPD/report.err"
finish
