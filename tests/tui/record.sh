#!/usr/bin/env bash
# tests/tui/record.sh — `record FILE.cast` on the screen writes a valid asciicast v2 file
# (header with the size, events with what the screen drew); bad input (stop with
# nothing recording, record while recording, an unwritable path) is an error that
# changes nothing; --record plays a script on a virtual screen of --size.
source "$(dirname "$0")/harness.bash"

cast=$TMPD/live.cast
start 100 30
check "prompt shows" wait_for 'descent›' 5
type_line 'record stop'
check "stop with nothing recording is an error" wait_for 'nothing is recording' 5
type_line 'record /nonexistent/dir/x.cast'
check "unwritable path named" wait_for "cannot record to '/nonexistent/dir/x.cast'" 5
type_line "record $cast"
check "recording starts" wait_for 'recording the screen to' 5
type_line "record $TMPD/other.cast"
check "record while recording is an error" wait_for 'already recording to' 5
check "and writes no second file" test ! -e "$TMPD/other.cast"
type_line 'func himmelblau'
type_line 'algo adam lr=0.1'
type_line 'run 40'
check "the run animates" wait_for 'it 40 ' 15
type_line "export $TMPD/screen.svg"
check "export works on the screen" wait_for "wrote a 800x500 pt svg to $TMPD/screen.svg" 10
type_line 'record stop'
check "stop says what it wrote" wait_for 'screen updates in' 5
check "valid asciicast v2 with >= 10 events" python3 tests/tools/cast_check.py "$cast" 10
check "header has the terminal size" grep -q '"width": 100, "height": 30' "$cast"
check "the recording holds the screen's text" grep -q 'himmelblau' "$cast"
type_line 'quit'
check "quits" wait_for 'exit=0' 5

# --record: a script typed into a virtual screen, without a person.
printf 'func booth\nalgo gd lr=0.05\nrun 20\n' >"$TMPD/demo.txt"
"$DESCENT" --record "$TMPD/demo.cast" --size 90x28 "$TMPD/demo.txt" >"$TMPD/rec.out" 2>&1
check "--record exits 0" test $? -eq 0
check "--record writes a valid cast" python3 tests/tools/cast_check.py "$TMPD/demo.cast" 10
check "--record uses --size" grep -q '"width": 90, "height": 28' "$TMPD/demo.cast"
check "--record typed the script" grep -q 'booth' "$TMPD/demo.cast"
"$DESCENT" --record "$TMPD/x.cast" >"$TMPD/rec.out" 2>&1
check "--record without a script is refused" test $? -eq 2
check "--record to a directory is refused" bash -c "! '$DESCENT' --record '$TMPD' '$TMPD/demo.txt' 2>/dev/null"
finish
