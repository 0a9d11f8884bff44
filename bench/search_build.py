#!/usr/bin/env python3
"""What the search index costs at build time: the same corpus built with search on and
with `search: false`, alternately, every build cold, wall and CPU time from os.wait4.

    python3 bench/search_build.py CORPUS [--runs 5] [--baspa target/release/baspa]

CORPUS is a folder made by bench/corpus.py. Prints the medians and the ratios, user and
system CPU time apart.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(cmd: list[str]) -> tuple[float, float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed")
    return wall, usage.ru_utime, usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--baspa", type=Path, default=REPO / "target" / "release" / "baspa")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        off = Path(tmp) / "off"
        shutil.copytree(a.corpus, off)
        config = off / "baspa.yaml"
        config.write_text(config.read_text() + "search: false\n")
        results: dict[str, list[tuple[float, float, float]]] = {"on": [], "off": []}
        for run in range(a.runs):
            for name, root in (("on", a.corpus), ("off", off)):
                out = Path(tmp) / f"out-{name}-{run}"
                results[name].append(timed([str(a.baspa), "build", "--quiet", "--root", str(root), "--out", str(out)]))
                shutil.rmtree(out)
    # User and system time apart: the index adds files, and on a busy or nearly full
    # disk creating them (kernel time) can cost more than computing them.
    med = {k: [statistics.median(r[i] for r in v) for i in range(3)] for k, v in results.items()}
    print("| search | runs | wall (median) | CPU user (median) | CPU system (median) |")
    print("|---|---:|---:|---:|---:|")
    for k in ("off", "on"):
        print(f"| {k} | {a.runs} | {med[k][0]:.2f} s | {med[k][1]:.2f} s | {med[k][2]:.2f} s |")
    ratio = [med["on"][i] / med["off"][i] for i in range(3)]
    cpu = (med["on"][1] + med["on"][2]) / (med["off"][1] + med["off"][2])
    print(f"\nsearch on / off: wall {ratio[0]:.3f}×, CPU {cpu:.3f}× (user {ratio[1]:.3f}×, system {ratio[2]:.3f}×)")

if __name__ == "__main__":
    main()
