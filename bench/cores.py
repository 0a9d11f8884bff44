#!/usr/bin/env python3
"""How much a second thread is worth on this machine right now.

    python3 bench/cores.py [--seconds 5] [--rounds 3]

Runs 1 and then 2 busy-looping processes for the same wall time, alternately,
and prints the CPU time they got (from os.wait4). On a quiet 2-core machine two
loops get ~2× the CPU of one; on a machine busy with other work they get less,
and a build's speed-up from its second thread (RAYON_NUM_THREADS=1 against 2)
cannot be larger than that. bench/run.py's minimal and chartcost cases print
this next to their speed-ups.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

LOOP = "import time\nend = time.monotonic() + {s}\nwhile time.monotonic() < end: pass\n"


def cpu_of(procs: int, seconds: float) -> float:
    children = [subprocess.Popen([sys.executable, "-c", LOOP.format(s=seconds)]) for _ in range(procs)]
    total = 0.0
    for c in children:
        _, _, ru = os.wait4(c.pid, 0)
        total += ru.ru_utime + ru.ru_stime
    return total


def probe(seconds: float = 5, rounds: int = 3) -> dict:
    one, two = [], []
    for _ in range(rounds):
        one.append(cpu_of(1, seconds))
        two.append(cpu_of(2, seconds))
    a, b = statistics.median(one), statistics.median(two)
    return {"seconds": seconds, "one_cpu_s": a, "two_cpu_s": b, "second_thread_gain": b / a if a else 0.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    p = probe(a.seconds, a.rounds)
    print(f"in {p['seconds']:g} s of wall time: one loop got {p['one_cpu_s']:.2f} s of CPU, two got {p['two_cpu_s']:.2f} s "
          f"({p['second_thread_gain']:.2f}× one); load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
