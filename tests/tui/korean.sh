#!/usr/bin/env bash
# tests/tui/korean.sh — the interface in Korean (gettext): `descent --lang ko` with a
# lesson from lessons/ko/ shows Korean panel labels, the Korean lesson pane and Korean
# command output, at 120×40 and at 80×24; without the flag the same screen is English.
source "$(dirname "$0")/harness.bash"

# again W H ARGS... — after descent has quit, the same shell at another size runs it anew.
again() {
    local w=$1 h=$2
    shift 2
    wait_for "exit=" 5
    tm resize-window -x "$w" -y "$h" 2>/dev/null
    tm send-keys "clear; $DESCENT $*; echo \"exit=\$?\"" Enter
    wait_gone "exit=" 5
}

start 120 40 --lang ko --lesson 1
check "Korean lesson pane" wait_for "레슨 1" 10
check "Korean panel rule: runs" wait_for "─ 실행 ─"
check "Korean panel rule: at the cursor" wait_for "커서 위치"
check "Korean status word" wait_for "준비됨"
type_line "next"
check "Korean task line" wait_for "과제:" 5
type_line "grad 1 2"
check "Korean lesson feedback" wait_for "✓ 완료!" 5
check "Korean command output" wait_for "가장 가파른 오르막" 5
type_line "hessian 0 0"
check "Korean hessian verdict" wait_for "양의 정부호" 5
type_line "quit"
again 80 24 --lang ko --lesson 1
check "80x24: Korean lesson pane" wait_for "단계:" 10
check "80x24: Korean panel rule" wait_for "실행"
type_line "quit"
again 120 40
check "English by default (LANG=C.UTF-8)" wait_for "at the cursor" 10
type_line "quit"
finish
