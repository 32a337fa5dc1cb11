#!/usr/bin/env python3
"""cast_check.py FILE.cast [MIN_EVENTS] — check that FILE is a valid asciicast v2
recording: a JSON header with version 2, width, height, timestamp and title, then
[time, "o", text] events with non-decreasing times. Exit 0 when valid."""
import json, sys

path, need = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1
lines = open(path, encoding="utf-8").read().splitlines()
head = json.loads(lines[0])
assert head.get("version") == 2, "version is not 2"
for k in ("width", "height", "timestamp"):
    assert isinstance(head.get(k), int) and head[k] > 0, f"header {k} missing"
assert isinstance(head.get("title"), str), "header title missing"
last = 0.0
events = 0
for n, line in enumerate(lines[1:], 2):
    ev = json.loads(line)
    assert isinstance(ev, list) and len(ev) == 3, f"line {n}: not [t, type, data]"
    t, kind, data = ev
    assert kind == "o" and isinstance(data, str), f"line {n}: not an output event"
    assert isinstance(t, (int, float)) and t >= last, f"line {n}: time goes back"
    last = t
    events += 1
assert events >= need, f"{events} output events, expected at least {need}"
print(f"{path}: {head['width']}x{head['height']}, {events} events over {last:.2f} s")
