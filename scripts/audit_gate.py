#!/usr/bin/env python3
"""Fails CI when the site audit (../shared/tools/site-audit) finds anything, and checks the
weight targets of the site: home page first visit <= 14 KiB gzip, median entry page <= 5 KiB.

Usage: audit_gate.py REPORT_DIR
"""
import json
import statistics
import sys


def main(report_dir):
    report = json.load(open(f"{report_dir}/report.json"))
    problems = []
    for name, check in report["checks"].items():
        status = check.get("status")
        print(f"{status:8} {name}: {check.get('summary', '')}")
        # A check the audit could not run (missing browser…) fails too: nothing was proven.
        if status != "PASS":
            problems.append(f"{name}: {status}")
    rows = json.load(open(f"{report_dir}/weights.json"))
    rows = rows.get("pages", rows) if isinstance(rows, dict) else rows
    by_page = {r["page"]: r for r in rows}
    home = by_page.get("index.html")
    if home is None:
        problems.append("weights: no row for index.html")
    else:
        kb = home["first_visit_gzip"] / 1024
        print(f"home page first visit: {kb:.1f} KiB gzip (target <= 14)")
        if kb > 14:
            problems.append(f"home page first visit {kb:.1f} KiB > 14 KiB")
    entries = [r["html_gzip"] for p, r in by_page.items() if p.startswith(("alternatives/", "providers/"))]
    if entries:
        med = statistics.median(entries) / 1024
        print(f"median entry page: {med:.2f} KiB gzip (target <= 5)")
        if med > 5:
            problems.append(f"median entry page {med:.2f} KiB > 5 KiB")
    if problems:
        print("site audit: FAILED\n  " + "\n  ".join(problems))
        return 1
    print("site audit: all checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
