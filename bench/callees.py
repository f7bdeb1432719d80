#!/usr/bin/env python3
"""Where the time of a function goes, from a `perf record -g` profile.

    perf record -F 4000 -g -o perf.data BIN ARGS   (BIN built with -C force-frame-pointers=yes)
    perf script -i perf.data | python3 bench/callees.py FUNCTION [DEPTH]

Prints the share of all samples spent in FUNCTION (inclusive), then how that time splits
among the functions it calls directly (and its own code), sorted. A substring matches.
"""
import re
import sys
from collections import Counter

target = sys.argv[1]
total = 0
inside = 0
split = Counter()
frames = []


def flush():
    global total, inside
    if not frames:
        return
    total += 1
    # frames are leaf first; find the outermost frame matching the target
    idx = None
    for i in range(len(frames) - 1, -1, -1):
        if target in frames[i]:
            idx = i
            break
    if idx is not None:
        inside += 1
        split[frames[idx - 1] if idx > 0 else "(self)"] += 1


for line in sys.stdin:
    line = line.rstrip("\n")
    if not line.strip():
        flush()
        frames = []
        continue
    if line.startswith((" ", "\t")):
        m = re.match(r"\s+[0-9a-f]+\s+(.*?)(\+0x[0-9a-f]+)?\s+\(", line)
        if m:
            name = re.sub(r"::h[0-9a-f]{16}$", "", m.group(1))
            frames.append(name[:140])
flush()
print(f"{target}: {inside} of {total} samples ({100.0 * inside / max(total, 1):.1f}%)")
for name, n in split.most_common(25):
    print(f"  {100.0 * n / max(inside, 1):5.1f}%  {name}")
