#!/usr/bin/env bash
# tests/shell/export.sh — export writes real figures: an SVG of a scene with three runs
# that parses as XML with path elements, a PNG whose header has the requested size, a
# PDF; with dataview on, the data view beside the plot; a small scene's SVG has the
# golden structure; bad input (unknown extension, a
# directory, sizes 0 and beyond 20000) is refused naming the file, writing nothing.
source "$(dirname "$0")/lib.bash"

scene='func himmelblau; start 0 0; algo gd lr=0.01; add adam lr=0.3; add newton; run 40'
"$DESCENT" -c "$scene; export $TMPD/f.svg; export $TMPD/f.png 640x400; export $TMPD/f.pdf; export $TMPD/d.png" >"$TMPD/out" 2>&1
check "four exports succeed" test $? -eq 0
check "says what it wrote" contains "wrote a 800x500 pt svg to $TMPD/f.svg" "$TMPD/out"
python3 - "$TMPD/f.svg" <<'PY' >"$TMPD/svg.txt" 2>&1
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
paths = [e for e in root.iter() if e.tag.endswith("}path")]
assert root.attrib["width"] == "800pt" and root.attrib["height"] == "500pt", root.attrib
assert len(paths) >= 20, f"only {len(paths)} path elements"
print("svg ok", len(paths))
PY
check "SVG parses as XML with path elements, 800x500 pt" contains "svg ok" "$TMPD/svg.txt"
cat "$TMPD/svg.txt" | grep -v "svg ok"
png_size() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n" and d[12:16]==b"IHDR"; print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"; }
check "PNG header says 640x400" test "$(png_size "$TMPD/f.png")" = 640x400
check "default PNG is 1600x1000" test "$(png_size "$TMPD/d.png")" = 1600x1000
check "PDF starts with %PDF-" test "$(head -c 5 "$TMPD/f.pdf")" = "%PDF-"

# dataview on: the data view beside the contour plot. More drawn than without it (the
# samples and the model), the page size asked.
dv='func linreg; data split 0.8; algo sgd batch=5 lr=0.1; step 20'
"$DESCENT" -c "$dv; export $TMPD/nodv.svg; dataview on; export $TMPD/dv.svg; export $TMPD/dv.png 900x450" >"$TMPD/dv.out" 2>&1
check "exports with dataview on succeed" test $? -eq 0
check "the data view PNG has the size asked" test "$(png_size "$TMPD/dv.png")" = 900x450
count() { python3 -c 'import sys,xml.etree.ElementTree as E; print(sum(1 for e in E.parse(sys.argv[1]).getroot().iter() if e.tag.endswith("}path")))' "$1"; }
check "the data view adds its samples and model to the figure" test "$(count "$TMPD/dv.svg")" -gt $(($(count "$TMPD/nodv.svg") + 40))

# A golden SVG of a small scene, compared by structure (elements, colours, path commands).
small='func bowl; algo gd lr=0.3; run 6; arrow off'
"$DESCENT" -c "$small; export $TMPD/small.svg 240x160" >/dev/null 2>&1
check "small scene matches the golden SVG's structure" python3 tests/tools/svg_struct.py "$TMPD/small.svg" tests/golden/export_small.svg

# A missing font never stops an export: another stands in, said once per process.
printf '<?xml version="1.0"?>\n<fontconfig><dir>/nonexistent-fonts</dir><cachedir>%s/fc</cachedir></fontconfig>\n' "$TMPD" >"$TMPD/fonts.conf"
FONTCONFIG_FILE=$TMPD/fonts.conf "$DESCENT" -c "func bowl; export $TMPD/n1.png 400x250; export $TMPD/n2.svg" >"$TMPD/font.out" 2>&1
check "without fonts the exports still succeed" test $? -eq 0 -a -s "$TMPD/n1.png" -a -s "$TMPD/n2.svg"
check "and the missing font is said once" test "$(grep -c 'font DejaVu Sans is not installed' "$TMPD/font.out")" -eq 1

# Bad input: a clear error naming the file; nothing written.
mkdir "$TMPD/bad" && cd "$TMPD/bad" || exit 1
bad() { # bad EXPECTED-TEXT ARGS... — export ARGS fails saying EXPECTED-TEXT
    local want=$1
    shift
    "$DESCENT" -c "func bowl; export $*" >"$TMPD/bad.out" 2>&1 && return 1
    grep -qF -- "$want" "$TMPD/bad.out" || { cat "$TMPD/bad.out"; return 1; }
}
check "unknown extension lists the known ones" bad "export fig.gif: unknown format; name a file ending in .svg, .png or .pdf" fig.gif
check "a directory is refused" bad "cannot write '$TMPD/bad': it is a directory" "$TMPD/bad"
check "a name ending in / is refused" bad "a name ending in '/' is a directory" "$TMPD/bad/d.svg/"
check "size 0 is refused" bad "export f.png: size 0x100 is out of range" f.png 0x100
check "size beyond 20000 is refused" bad "each side from 1 to 20000" f.svg 20001x100
check "a size that is not WxH is refused" bad "should be WIDTHxHEIGHT" f.png big
check "a missing directory is refused" bad "cannot write '/nonexistent/f.pdf'" /nonexistent/f.pdf
check "nothing was written" test -z "$(ls -A "$TMPD/bad")"
cd - >/dev/null || exit 1
finish
