# tests/shell/lib.bash — shared by the shell tests (tests/shell/*.sh) that check the
# project's edges without a screen: scripts, man page, install, init file. Sourced, not
# run (no .sh suffix). Each test ends with `finish`: "N passed, N failed".
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DESCENT=${DESCENT:-./descent}
case $DESCENT in /*) ;; *) DESCENT=$PWD/$DESCENT ;; esac
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
passed=0
failed=0

# check NAME COMMAND... — a pass when COMMAND succeeds.
check() {
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1)); echo "ok   $name"
    else
        failed=$((failed + 1)); echo "FAIL $name"
    fi
}

# contains TEXT FILE — FILE holds the fixed string TEXT.
contains() { grep -qF -- "$1" "$2"; }

finish() {
    echo "$(basename "$0"): $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
