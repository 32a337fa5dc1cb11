#!/usr/bin/env python3
"""svg_struct.py FILE.svg [GOLDEN.svg] — the structure of an SVG cairo wrote: every
element in document order as its tag, its attribute names, its colours and the commands
of its path data (M, L, C, Z counts), without coordinates. With GOLDEN, compare the two
and exit 1 with the first difference; without, print the structure."""
import re, sys
import xml.etree.ElementTree as ET

def structure(path):
    out = []
    for el in ET.parse(path).getroot().iter():
        tag = el.tag.split("}")[-1]
        attrs = sorted(k.split("}")[-1] for k in el.attrib)
        colours = sorted(set(re.findall(r"(?:fill|stroke):(rgb\([^)]*\)|#[0-9a-fA-F]+|none)",
                                        el.attrib.get("style", "").replace(" ", ""))))
        for k in ("fill", "stroke"):
            if k in el.attrib:
                colours.append(f"{k}={el.attrib[k]}")
        cmds = ""
        if "d" in el.attrib:
            letters = re.findall(r"[MLCZmlcz]", el.attrib["d"])
            cmds = " ".join(f"{c}{letters.count(c)}" for c in "MLCZ" if letters.count(c))
        out.append(f"{tag} [{' '.join(attrs)}] {' '.join(colours)} {cmds}".rstrip())
    return out

got = structure(sys.argv[1])
if len(sys.argv) < 3:
    print("\n".join(got))
    sys.exit(0)
want = structure(sys.argv[2])
for i, (a, b) in enumerate(zip(got, want)):
    if a != b:
        print(f"element {i + 1} differs:\n  got:    {a}\n  golden: {b}")
        sys.exit(1)
if len(got) != len(want):
    print(f"{len(got)} elements, the golden has {len(want)}")
    sys.exit(1)
print(f"{sys.argv[1]}: {len(got)} elements, same structure as {sys.argv[2]}")
