#!/usr/bin/env python3
"""readme_reference.py — README's command reference is generated from the command
table (`descent --reference`). Without --write: check that README is up to date and
print "readme: N passed, N failed". With --write: rewrite the section."""
import subprocess, sys, os

BEGIN, END = "<!-- commands:begin -->", "<!-- commands:end -->"
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.environ.get("DESCENT", os.path.join(root, "descent"))
ref = subprocess.run([binary, "--reference"], capture_output=True, text=True, check=True).stdout
path = os.path.join(root, "README.md")
text = open(path, encoding="utf-8").read()
head, sep, rest = text.partition(BEGIN)
_, sep2, tail = rest.partition(END)
if not sep or not sep2:
    print("README.md has no command reference markers")
    print("readme: 0 passed, 1 failed")
    sys.exit(1)
fresh = head + BEGIN + "\n" + ref + END + tail
if "--write" in sys.argv:
    open(path, "w", encoding="utf-8").write(fresh)
    sys.exit(0)
if fresh != text:
    print("README.md's command reference is stale: run `make docs`")
    print("readme: 0 passed, 1 failed")
    sys.exit(1)
print("readme: 1 passed, 0 failed")
