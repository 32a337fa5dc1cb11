#!/usr/bin/env python3
# tests/tui/sgr_cells.py ROW COL0 COL1 [BG] < capture-pane -e output — prints how many
# cells of screen row ROW (0-based), columns [COL0, COL1), have the terminal's default
# background, or background BG (an SGR code such as 40): colors.sh uses it to see that
# the bands really are filled (not left plain, or black, when an 8-colour terminal runs
# out of colour pairs or is given a colour it does not have).
import re, sys, unicodedata
row, c0, c1 = (int(a) for a in sys.argv[1:4])
want = sys.argv[4] if len(sys.argv) > 4 else None
line = sys.stdin.read().split('\n')[row]
bg, col, plain = None, 0, 0
for m in re.finditer(r'\x1b\[([0-9;:]*)m|(.)', line):
    if m.group(1) is not None:
        ps = [p for p in m.group(1).split(';')] or ['0']
        i = 0
        while i < len(ps):
            p = ps[i]
            if p in ('', '0', '49'): bg = None
            elif p == '48': bg = 'x'; i += 2 if ps[i + 1:i + 2] == ['5'] else 4
            elif p.isdigit() and (40 <= int(p) <= 47 or 100 <= int(p) <= 107): bg = p
            elif p in ('38',): i += 2 if ps[i + 1:i + 2] == ['5'] else 4
            i += 1
        continue
    ch = m.group(2)
    if unicodedata.combining(ch): continue
    w = 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1
    if c0 <= col < c1 and bg == want: plain += 1
    col += w
if col < c1 and want is None: plain += c1 - max(col, c0)  # blanks tmux left out are plain
print(plain)
