#!/usr/bin/env python3
"""Where the CPU time goes, from a `perf record -g` profile (BIN built with frame pointers).

    RUSTFLAGS="-C force-frame-pointers=yes" cargo build --release --target-dir /tmp/fp
    perf record -F 4000 -g -o perf.data /tmp/fp/release/aiguillage build ...
    perf script -i perf.data | python3 bench/perfview.py buckets [N]
    perf script -i perf.data | python3 bench/perfview.py callees FUNCTION [N]

buckets: each sample is charged to the innermost frame that is ours (`aiguillage::…`) or a call
into a library that matters as a whole (Tera's render, serde-saphyr, pulldown-cmark, gzip);
samples with none (thread start, kernel only) are "other". Rayon's work stealing hides who
called whom across threads; this view does not need it.

callees: the share of all samples spent in FUNCTION (inclusive; a substring matches), then how
that time splits among the functions it calls directly, and its own code.
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


def samples(stream):
    """Each sample's frames, innermost first."""
    frames = []
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if frames:
                yield frames
            frames = []
        elif line.startswith((" ", "\t")):
            m = re.match(r"\s+[0-9a-f]+\s+(.*?)(\+0x[0-9a-f]+)?\s+\(", line)
            if m:
                frames.append(re.sub(r"::h[0-9a-f]{16}$", "", m.group(1)))
    if frames:
        yield frames


def bucket(frames):
    for f in frames:
        for needle, name in MARKS:
            if needle in f:
                return name
        if f.startswith("aiguillage::") or f.startswith("<aiguillage::"):
            return f.replace("{{closure}}", "{closure}")[:110]
    return "other"


def buckets(stream, most):
    counts = Counter(bucket(f) for f in samples(stream))
    total = sum(counts.values())
    print(f"{total} samples")
    for name, n in counts.most_common(most):
        print(f"  {100.0 * n / total:5.1f}%  {name}")


def callees(stream, target, most):
    total = inside = 0
    split = Counter()
    for frames in samples(stream):
        total += 1
        # The outermost frame matching the target, and the one it called.
        idx = next((i for i in range(len(frames) - 1, -1, -1) if target in frames[i]), None)
        if idx is not None:
            inside += 1
            split[frames[idx - 1][:140] if idx > 0 else "(self)"] += 1
    print(f"{target}: {inside} of {total} samples ({100.0 * inside / max(total, 1):.1f}%)")
    for name, n in split.most_common(most):
        print(f"  {100.0 * n / max(inside, 1):5.1f}%  {name}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["buckets"]:
        buckets(sys.stdin, int(args[1]) if len(args) > 1 else 30)
    elif args[:1] == ["callees"] and len(args) > 1:
        callees(sys.stdin, args[1], int(args[2]) if len(args) > 2 else 25)
    else:
        sys.exit(__doc__)
