#!/usr/bin/env python3
"""How fast `baspa serve` rebuilds after a one-page edit.

    python3 bench/serve_edit.py BASPA ROOT PAGE [--port 8799] [--edits 5]

Starts `BASPA serve -v --root ROOT`, appends a line to ROOT/PAGE once a second
(`--edits` times), reads each `rebuilt in N ms` line (serve's own measure: from
the start of the rebuild to the reload message) with the stage times that
follow it, restores the page and prints the times and their median.
"""

import argparse
import pathlib
import re
import statistics
import subprocess
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("baspa")
    ap.add_argument("root", type=pathlib.Path)
    ap.add_argument("page", help="the page to edit, relative to ROOT (e.g. content/en/01-x.md)")
    ap.add_argument("--port", default="8799")
    ap.add_argument("--edits", type=int, default=5)
    args = ap.parse_args()
    page = args.root / args.page
    original = page.read_text()
    serve = subprocess.Popen(
        [args.baspa, "serve", "-v", "--root", str(args.root), "--port", args.port],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []

    def read_until(pattern: str) -> str | None:
        for line in serve.stdout:
            lines.append(line.rstrip())
            if re.search(pattern, line):
                return line
        return None

    times = []
    try:
        read_until(r"serving http")
        for i in range(args.edits):
            time.sleep(1.0)
            with page.open("a") as f:
                f.write(f"\nAn added line {i}.\n")
            m = re.search(r"rebuilt in (\d+) ms", read_until(r"rebuilt in|build failed") or "")
            if m:
                times.append(int(m.group(1)))
    finally:
        page.write_text(original)
        time.sleep(0.3)
        serve.terminate()
        lines.extend(serve.communicate()[0].splitlines())
    for line in lines:
        if "rebuilt in" in line or re.match(r"\s+(load|parse|render|pdf|write)\s", line):
            print(line)
    print(f"rebuilds (ms): {times}; median {statistics.median(times) if times else '–'}")


if __name__ == "__main__":
    main()
