#!/usr/bin/env python3
"""The licences of awesome-selfhosted-data, read by `aiguillage check` (issue #16).

    python3 scripts/awesome_selfhosted_licences.py CHECKOUT [--bin target/release/aiguillage]
        [--write tests/fixtures/awesome-selfhosted-licences.tsv]

CHECKOUT is a clone of https://github.com/awesome-selfhosted/awesome-selfhosted-data. Every
*free* entry of software/*.yml (those whose licences are all in licenses.yml, none in
licenses-nonfree.yml) becomes an alternative record of a copy of the test fixture
tests/fixtures/check/base, its `license` the entry's licences joined by AND; then `check` runs
once and the script prints how many records got each error and warning code. With --write it
saves the distinct licence lists and their entry counts, which tests/content.rs checks offline.
Needs PyYAML (pip install pyyaml).
"""
import argparse, collections, glob, json, os, re, shutil, subprocess, sys, tempfile

import yaml

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)

ap = argparse.ArgumentParser()
ap.add_argument("checkout")
ap.add_argument("--bin", default=os.path.join(root, "target/release/aiguillage"))
ap.add_argument("--write")
a = ap.parse_args()

free = {l["identifier"] for l in yaml.safe_load(open(os.path.join(a.checkout, "licenses.yml")))}
nonfree = {l["identifier"] for l in yaml.safe_load(open(os.path.join(a.checkout, "licenses-nonfree.yml")))}
combos = collections.Counter()
entries = 0
for f in sorted(glob.glob(os.path.join(a.checkout, "software/*.yml"))):
    d = yaml.safe_load(open(f))
    ls = d.get("licenses") or []
    if not ls or any(l in nonfree or l not in free for l in ls):
        continue
    entries += 1
    combos[" AND ".join(ls)] += 1

site = tempfile.mkdtemp()
shutil.copytree(os.path.join(root, "tests/fixtures/check/base"), site, dirs_exist_ok=True)
template = open(os.path.join(site, "content/alternatives/jitsi-meet.md")).read()
for i, expr in enumerate(sorted(combos)):
    text = re.sub(r"(?m)^license: .*$", "license: " + json.dumps(expr), template)
    open(os.path.join(site, f"content/alternatives/asd-{i:03}.md"), "w").write(text)
out = subprocess.run([a.bin, "check", "--format", "json"], cwd=site, capture_output=True, text=True)
codes = collections.Counter()
by_expr = collections.defaultdict(list)
for line in out.stdout.splitlines():
    d = json.loads(line)
    m = re.search(r"asd-(\d+)\.md$", d["file"])
    if m:
        expr = sorted(combos)[int(m.group(1))]
        codes[(d["severity"], d["code"])] += combos[expr]
        by_expr[expr].append(f'{d["severity"]} {d["code"]}: {d["message"]}')
shutil.rmtree(site)

print(f"awesome-selfhosted-data: {entries} free entries, {len(combos)} distinct licence lists, "
      f"{len({l for c in combos for l in c.split(' AND ')})} licence ids")
for (sev, code), n in sorted(codes.items()):
    print(f"  {n:5} entries: {sev} {code}")
for expr in sorted(by_expr):
    for m in by_expr[expr]:
        print(f"    {expr} ({combos[expr]}): {m}")
if a.write:
    with open(a.write, "w") as w:
        w.write("# licence list of free awesome-selfhosted-data entries (joined by AND)\tentries\n")
        for expr in sorted(combos):
            w.write(f"{expr}\t{combos[expr]}\n")
sys.exit(1 if codes.get(("error", "bad-license")) or any(s == "error" for s, _ in codes) else 0)
