#!/usr/bin/env bash
# tests/shell/man_install.sh — the man page renders without warnings and holds the whole
# command table; make install puts the binary, lessons, man page and completion under
# DESTDIR/PREFIX, the installed binary finds its lessons and its Korean message
# catalogue, and make uninstall removes
# them all; the completion offers options and lesson names.
source "$(dirname "$0")/lib.bash"

if command -v man >/dev/null 2>&1; then
    LANG=C.UTF-8 MANWIDTH=80 man --warnings -l descent.1 >"$TMPD/man.txt" 2>"$TMPD/man.err"
    check "man -l renders descent.1" test -s "$TMPD/man.txt"
    check "without warnings" test ! -s "$TMPD/man.err"
    cat "$TMPD/man.err"
    missing=0
    while read -r name; do
        grep -qE "^       $name( |$)" "$TMPD/man.txt" || { echo "  not in the man page: $name"; missing=1; }
    done < <("$DESCENT" --reference | sed -n 's/^| `\([a-z]*\).*/\1/p')
    check "every command of the table is in the man page" test $missing -eq 0
else
    echo "FAIL man is not installed (Debian package man-db)"; failed=$((failed + 1))
fi

dest=$TMPD/dest
make -s install DESTDIR="$dest" PREFIX=/usr >"$TMPD/install.log" 2>&1
check "make install succeeds" test $? -eq 0
check "binary in bin" test -x "$dest/usr/bin/descent"
check "man page in share/man/man1" test -f "$dest/usr/share/man/man1/descent.1"
check "lessons in share/descent" test -f "$dest/usr/share/descent/lessons/01-derivatives.lesson"
check "Korean lessons too" test -d "$dest/usr/share/descent/lessons/ko"
check "bash completion installed" test -f "$dest/usr/share/bash-completion/completions/descent"
(cd "$TMPD" && "$dest/usr/bin/descent" -c lesson) >"$TMPD/lessons.txt" 2>&1
check "installed binary finds the installed lessons" contains "Gradient, Jacobian and Hessian" "$TMPD/lessons.txt"
check "Korean catalogue in share/locale" test -f "$dest/usr/share/locale/ko/LC_MESSAGES/descent.mo"
(cd "$TMPD" && "$dest/usr/bin/descent" --lang ko -c lesson) >"$TMPD/lessons_ko.txt" 2>&1
check "installed binary finds the installed catalogue" contains "레슨 목록:" "$TMPD/lessons_ko.txt"

comp() { # comp WORDS... — the completion's candidates for the last word
    PATH="$dest/usr/bin:$PATH" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _descent; echo "${COMPREPLY[*]}"' \
        _ "$dest/usr/share/bash-completion/completions/descent" "$@"
}
check "completion offers --lesson" grep -qw -- --lesson <<<"$(comp descent --le)"
check "completion offers lesson names" grep -qw taylor <<<"$(comp descent --lesson '')"
check "completion offers lesson numbers" grep -qw 9 <<<"$(comp descent --lesson '')"

make -s uninstall DESTDIR="$dest" PREFIX=/usr >>"$TMPD/install.log" 2>&1
left=$(find "$dest" -type f | wc -l)
check "make uninstall removes every file" test "$left" -eq 0
finish
