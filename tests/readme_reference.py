#!/usr/bin/env python3
"""readme_reference.py — README's command reference and the man page's (descent.1) are
generated from the command table (`descent --reference`, `--reference=man`). Without
--write: check that both are up to date and print "readme: N passed, N failed". With
--write: rewrite both sections."""
import subprocess, sys, os

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.environ.get("DESCENT", os.path.join(root, "descent"))
# (file, option, begin marker, end marker)
targets = [
    ("README.md", "--reference", "<!-- commands:begin -->", "<!-- commands:end -->"),
    ("descent.1", "--reference=man", ".\\\" commands:begin", ".\\\" commands:end"),
]
passed = failed = 0
for name, option, BEGIN, END in targets:
    ref = subprocess.run([binary, option], capture_output=True, text=True, check=True).stdout
    path = os.path.join(root, name)
    text = open(path, encoding="utf-8").read()
    head, sep, rest = text.partition(BEGIN)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        print(f"{name} has no command reference markers")
        failed += 1
        continue
    fresh = head + BEGIN + "\n" + ref + END + tail
    if "--write" in sys.argv:
        if fresh != text:
            open(path, "w", encoding="utf-8").write(fresh)
        continue
    if fresh != text:
        print(f"{name}'s command reference is stale: run `make docs`")
        failed += 1
    else:
        passed += 1
if "--write" not in sys.argv:
    print(f"readme: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
