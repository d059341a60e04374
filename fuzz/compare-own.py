#!/usr/bin/env python3
"""Compares two replays of one target's corpus on one build (own-coverage.sh's $OUT
files): an earlier snapshot and a later corpus. Prints what the later one reached in
hrpolicy's own functions, each edge by where its code was written: one of hrpolicy's own
lines, or std or a crate inlined into the function. Exit status 0 when the later corpus
reached no new edge at an own line and ran no own function the earlier did not (coverage
of hrpolicy's code stopped growing), 1 when it did, 2 on bad use.

Usage: fuzz/compare-own.py EARLIER_OUT LATER_OUT
(the files own-coverage.sh wrote with OUT=...; their .pcs files are read beside them)
"""
import os
import sys
from collections import Counter


def functions(path):
    """Own functions covered: name -> (covered, total, place)."""
    src = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "src")) + "/"
    out = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split(" ")
            if len(parts) < 3 or "/" not in parts[0]:
                continue
            place = parts[-1]
            if not place.startswith(src):
                continue
            covered, total = (int(n) for n in parts[0].split("/"))
            name = " ".join(parts[1:-1])
            # One name may stand for several monomorphised copies: add them up.
            c, t, _ = out.get(name, (0, 0, place))
            out[name] = (c + covered, t + total, place[len(src):])
    return out


def uncovered(path):
    """Edges not taken in own functions: (function, place) -> count."""
    out = Counter()
    with open(path + ".pcs", encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            count, rest = line.split(" ", 1)
            function, place = rest.rsplit(None, 1)
            out[(function.strip(), place)] += int(count)
    return out


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    earlier, later = sys.argv[1], sys.argv[2]
    fa, fb = functions(earlier), functions(later)
    ua, ub = uncovered(earlier), uncovered(later)
    own_a = sum(c for c, _, _ in fa.values())
    own_b = sum(c for c, _, _ in fb.values())
    print(f"own edges: {own_a} -> {own_b} ({own_b - own_a:+d})")

    newly_run = sorted(n for n in fb if n not in fa)
    for n in newly_run:
        c, t, place = fb[n]
        print(f"  newly run: {n} ({place}): {c}/{t} edges")
    lost = sorted(n for n in fa if n not in fb)
    for n in lost:
        print(f"  run before, not now: {n} (replays differ?)")

    own_lines, inlined = Counter(), Counter()
    for key, count in ua.items():
        reached = count - ub.get(key, 0)
        function, place = key
        if function not in fb or reached <= 0:
            continue
        (inlined if place.startswith("/") else own_lines)[key] += reached
    for key, count in ub.items():
        if key[0] in fa and count > ua.get(key, 0):
            print(f"  fewer taken now: {key[0]} at {key[1]}: {count - ua.get(key, 0)} (replays differ?)")
    for title, found in (("at hrpolicy's own lines", own_lines), ("inlined std/crate code", inlined)):
        print(f"edges reached {title}: {sum(found.values())}")
        for (function, place), count in sorted(found.items()):
            print(f"  +{count}  {function}  {place}")
    grew = bool(own_lines) or bool(newly_run)
    print("verdict:", "GREW (own code reached)" if grew else "stopped (no own line reached)")
    return 1 if grew else 0


if __name__ == "__main__":
    sys.exit(main())
