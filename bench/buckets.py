#!/usr/bin/env python3
"""Which of our functions the CPU time goes to, from a `perf record -g` profile.

    perf script -i perf.data | python3 bench/buckets.py

Each sample is charged to the innermost frame that is ours (`aiguillage::…`) or a call into a
library that matters as a whole (Tera's render, serde-saphyr, pulldown-cmark, a file-system
call); samples with none (thread start, kernel only) are "other". Rayon's work stealing hides
who called whom across threads; this view does not need it.
"""
import re
import sys
from collections import Counter

MARKS = [
    ("tera::tera::Tera::render", "tera render"),
    ("serde_saphyr::", "serde-saphyr"),
    ("pulldown_cmark::", "pulldown-cmark"),
    ("flate2::", "gzip"),
]
counts = Counter()
frames = []
total = 0


def flush():
    global total
    if not frames:
        return
    total += 1
    for f in frames:
        for needle, name in MARKS:
            if needle in f:
                counts[name] += 1
                return
        if f.startswith("aiguillage::") or f.startswith("<aiguillage::"):
            counts[re.sub(r"\{\{closure\}\}", "{closure}", f)[:110]] += 1
            return
    counts["other (" + frames[0][:60] + ")" if len(frames) < 3 else "other"] += 1


for line in sys.stdin:
    line = line.rstrip("\n")
    if not line.strip():
        flush()
        frames = []
        continue
    if line.startswith((" ", "\t")):
        m = re.match(r"\s+[0-9a-f]+\s+(.*?)(\+0x[0-9a-f]+)?\s+\(", line)
        if m:
            frames.append(re.sub(r"::h[0-9a-f]{16}$", "", m.group(1)))
flush()
print(f"{total} samples")
for name, n in counts.most_common(int(sys.argv[1]) if len(sys.argv) > 1 else 30):
    print(f"  {100.0 * n / total:5.1f}%  {name}")
