#!/usr/bin/env bash
# tests/shell/install_deps.sh — scripts/install-deps names the Debian packages it would
# install when pkg-config finds nothing, installs nothing with --dry-run, and rejects
# unknown options.
source "$(dirname "$0")/lib.bash"

PKG_CONFIG_LIBDIR=/nonexistent scripts/install-deps --dry-run >"$TMPD/out" 2>&1
rc=$?
check "dry run exits 0" test $rc -eq 0
for p in libncurses-dev libreadline-dev libcairo2-dev; do
    check "dry run names $p" contains "$p" "$TMPD/out"
done
check "dry run prints the apt-get command" grep -qE '^(sudo )?apt-get update && (sudo )?apt-get install -y ' "$TMPD/out"
PKG_CONFIG_LIBDIR=/nonexistent scripts/install-deps --check
check "--check reports missing packages" test $? -eq 1
scripts/install-deps --bogus >"$TMPD/out" 2>&1
rc=$?
check "unknown option is refused" test $rc -eq 2
check "and the known ones are named" contains "--dry-run" "$TMPD/out"
finish
