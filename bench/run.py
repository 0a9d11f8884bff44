#!/usr/bin/env python3
"""baspa's speed benchmark: baspa against Hugo on the same synthetic pages.

    python3 bench/run.py                       # everything: ~25 min on 2 busy cores today
    python3 bench/run.py --sizes 100,1000 --runs 3
    python3 bench/run.py --no-hugo --sizes 100  # quick look at baspa alone
    python3 bench/run.py --cases minimal,chartcost --sizes 1000 --runs 3 --no-floor --work /dev/shm/bench

Needs: cargo, `hugo` (Debian: apt-get install -y hugo), Python 3.11.

For every case it generates a corpus (bench/corpus.py, fixed seed, two
languages, ru and en) and the equivalent Hugo site (bench/hugo_site.py) in a
temporary folder, then builds it alternately with baspa and with Hugo
(baspa, hugo, baspa, hugo…), each time into a fresh output folder and, for
Hugo, with its resource cache removed (both builds are cold). Each build is
measured from the parent with os.wait4: wall time, CPU time (user + system)
and peak resident memory. The table gives the medians and baspa/Hugo.

Cases:
  plain   N pages per language, the default theme as shipped: its menu lists
          every page, so each page's HTML grows with N (sizes up to
          --full-menu-max, default 1000: at 2×10,000 that menu alone is ~13 GB
          of HTML per build, for either tool);
  charts  the same with one ```chart block per page (Hugo has no chart
          blocks: they stay plain code blocks there);
  short   the theme with a 12-entry menu (`menu[:12]`, Hugo: `first 11`), so
          a page's HTML no longer depends on N: this is the growth case, at
          every size from 1000 up.
  minimal a minimal theme on both sides (corpus.py --minimal, hugo_site.py
          --minimal: <title>, <h1> and the content; no menu, switcher, TOC,
          help box, CSS or JS). Alternates baspa, Hugo and baspa with
          RAYON_NUM_THREADS=1; the baspa builds run with --verbose, and the
          render stage's time on 1 and on 2 threads gives the parallel
          speed-up. Prints baspa ÷ Hugo against issue 15's targets.
  chartcost baspa alone, the minimal theme with one distinct chart per page
          (corpus.py --distinct-charts: every chart over its own data file),
          at --chart-pages pages per language (default 100: a chart costs
          about 0.1 s of CPU), next to the same corpus without charts, each
          on 1 and on 2 threads, alternating; prints the cost per chart
          (difference ÷ charts) and the speed-up from the second thread.

It also measures the floor (pulldown-cmark alone rendering the same Markdown,
bench/floor) and baspa on the shipped report (`--root` the repository).
Results are printed as Markdown and saved as JSON (--json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # no __pycache__ in the work tree

import cores  # noqa: E402
import corpus  # noqa: E402
import hugo_site  # noqa: E402

BASPA = REPO / "target" / "release" / "baspa"
FLOOR = HERE / "floor" / "target" / "release" / "baspa-bench-floor"
SHORT_MENU = 12


STAGE = re.compile(r"^\s+(\w+)\s+(\d+) ms$", re.M)


def measure(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> dict:
    """Run cmd; wall, CPU (user+sys) and peak RSS of the child, from wait4,
    and the stage times baspa --verbose prints (`  render  1487 ms`)."""
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""  # small: a few lines
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{out[-3000:]}")
    r = {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024, "load": load}
    stages: dict[str, float] = {}
    for name, ms in STAGE.findall(out):
        stages[name] = stages.get(name, 0) + int(ms) / 1000
    if stages:
        r["stages"] = stages
    return r


def fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    return path


def count_pages(out: Path) -> int:
    return sum(1 for lang in ("ru", "en") for _ in (out / lang).glob("**/index.html"))


def build_baspa(root: Path, out: Path, threads: int = 0, verbose: bool = False) -> dict:
    """threads: RAYON_NUM_THREADS (0: rayon's default, one per core)."""
    env = dict(os.environ)
    env.pop("RAYON_NUM_THREADS", None)
    if threads:
        env["RAYON_NUM_THREADS"] = str(threads)
    return measure([str(BASPA), "build", "--root", str(root), "--out", str(fresh(out)), "--verbose" if verbose else "--quiet"], env=env)


def build_hugo(site: Path, out: Path, cache: Path) -> dict:
    fresh(site / "resources")
    return measure(["hugo", "--minify", "--quiet", "--source", str(site), "--destination", str(fresh(out)), "--cacheDir", str(fresh(cache))])


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def floor(root: Path) -> dict:
    out = subprocess.run([str(FLOOR), str(root), "--repeat", "5"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def sh(cmd: list[str], cwd: Path | None = None) -> str:
    try:
        return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in sh(["lscpu"]).splitlines() if line.startswith("Model name")), "?")
    dirty = sh(["git", "status", "--porcelain", "--untracked-files=no", "--", "src", "Cargo.toml", "Cargo.lock", "build.rs"], REPO)
    return {
        "cpus": os.cpu_count(),
        "nproc": sh(["nproc"]),
        "cpu_model": model,
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "kernel": platform.release(),
        "baspa_commit": sh(["git", "rev-parse", "--short", "HEAD"], REPO) + (" (src modified)" if dirty not in ("", "?") else ""),
        "hugo": sh(["hugo", "version"]),
        "rustc": sh(["rustc", "--version"]),
        "python": platform.python_version(),
        "load_at_start": os.getloadavg(),
    }


def runs_for(size: int, args) -> int:
    if args.runs:
        return args.runs
    return 3 if size >= 10_000 else 5


def run_case(name: str, size: int, work: Path, args, results: list) -> None:
    charts = name == "charts"
    menu = SHORT_MENU if name == "short" else 0
    root = work / f"{name}-{size}"
    t = time.perf_counter()
    corpus.generate(root, size, charts, menu=menu)
    site = work / f"{name}-{size}-hugo"
    if not args.no_hugo:
        hugo_site.convert(root, site, menu=menu)
    print(f"[{name} 2×{size}] corpus ready in {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)

    n = runs_for(size, args)
    runs: dict[str, list] = {"baspa": [], "hugo": []}
    tools = ["baspa"] if args.no_hugo else ["baspa", "hugo"]
    for i in range(n):
        for tool in tools:
            if i > 0 and runs[tool][0]["wall"] > args.slow:
                continue  # one run is all a very slow build gets (see --slow)
            out = work / f"out-{tool}"
            r = build_baspa(root, out) if tool == "baspa" else build_hugo(site, out, work / "hugo-cache")
            if i == 0:
                r["pages"] = count_pages(out)
                r["output_mb"] = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 2**20
            runs[tool].append(r)
            print(f"[{name} 2×{size}] {tool} run {i + 1}/{n}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, "
                  f"{r['rss_mb']:.0f} MB, load {r['load']:.2f}", file=sys.stderr, flush=True)
            shutil.rmtree(out)
    pages = {t: runs[t][0]["pages"] for t in tools}
    if len(set(pages.values())) != 1 or pages["baspa"] != 2 * (size + 1):
        raise SystemExit(f"[{name} 2×{size}] the tools built different pages: {pages}")
    fl = floor(root) if not args.no_floor else None
    results.append({"case": name, "size": size, "floor": fl, **{t: runs[t] for t in tools}})
    shutil.rmtree(root)
    if site.exists():
        shutil.rmtree(site)


def alternate(label: str, variants: dict, n: int, work: Path, args) -> dict[str, list]:
    """Build every variant n times, round-robin (v1, v2, v3, v1, v2, v3…), each
    cold into a fresh folder. variants: name → function(out) → measurement."""
    runs: dict[str, list] = {v: [] for v in variants}
    for i in range(n):
        for name, build in variants.items():
            out = work / f"out-{name}"
            r = build(out)
            if i == 0:
                r["pages"] = count_pages(out)
                r["output_mb"] = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 2**20
            runs[name].append(r)
            render = f", render {r['stages']['render'] * 1000:.0f} ms" if "stages" in r and "render" in r["stages"] else ""
            print(f"[{label}] {name} run {i + 1}/{n}: {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU, "
                  f"{r['rss_mb']:.0f} MB{render}, load {r['load']:.2f}", file=sys.stderr, flush=True)
            shutil.rmtree(out)
    return runs


def run_minimal(size: int, work: Path, args, results: list) -> None:
    """Issue 15's case: minimal templates on both sides; baspa on 2 and on 1 thread."""
    root = work / f"minimal-{size}"
    site = work / f"minimal-{size}-hugo"
    corpus.generate(root, size, False, minimal=True)
    variants = {"baspa": lambda out: build_baspa(root, out, verbose=True)}
    if not args.no_hugo:
        hugo_site.convert(root, site, minimal=True)
        variants["hugo"] = lambda out: build_hugo(site, out, work / "hugo-cache")
    variants["baspa-1t"] = lambda out: build_baspa(root, out, threads=1, verbose=True)
    uptime = sh(["uptime"])
    print(f"[minimal 2×{size}] corpus ready; {uptime}", file=sys.stderr, flush=True)
    runs = alternate(f"minimal 2×{size}", variants, runs_for(size, args), work, args)
    pages = {t: rs[0]["pages"] for t, rs in runs.items()}
    if len(set(pages.values())) != 1 or pages["baspa"] != 2 * (size + 1):
        raise SystemExit(f"[minimal 2×{size}] the tools built different pages: {pages}")
    fl = floor(root) if not args.no_floor else None
    probe = cores.probe(3, 2)  # what a second thread could get right now
    results.append({"case": "minimal", "size": size, "floor": fl, "uptime_before": uptime, "uptime_after": sh(["uptime"]), "cores": probe, **runs})
    shutil.rmtree(root)
    if site.exists():
        shutil.rmtree(site)


def run_chartcost(size: int, work: Path, args, results: list) -> None:
    """One distinct chart per page against the same pages without charts, 1 and 2 threads."""
    with_charts = work / f"chartcost-{size}"
    without = work / f"chartcost-{size}-none"
    corpus.generate(with_charts, size, "distinct", minimal=True)
    corpus.generate(without, size, False, minimal=True)
    variants = {
        "charts": lambda out: build_baspa(with_charts, out, verbose=True),
        "charts-1t": lambda out: build_baspa(with_charts, out, threads=1, verbose=True),
        "none": lambda out: build_baspa(without, out, verbose=True),
        "none-1t": lambda out: build_baspa(without, out, threads=1, verbose=True),
    }
    uptime = sh(["uptime"])
    print(f"[chartcost 2×{size}] corpora ready; {uptime}", file=sys.stderr, flush=True)
    runs = alternate(f"chartcost 2×{size}", variants, args.runs or 3, work, args)
    probe = cores.probe(3, 2)
    results.append({"case": "chartcost", "size": size, "n_charts": 2 * size, "uptime_before": uptime, "uptime_after": sh(["uptime"]), "cores": probe, **runs})
    shutil.rmtree(with_charts)
    shutil.rmtree(without)


def stage(runs: list, name: str) -> float:
    return statistics.median(r["stages"][name] for r in runs)


def probe_line(res: dict) -> str:
    p = res.get("cores")
    if not p:
        return ""
    return (f"- what a second thread could get at the time (bench/cores.py, right after the runs): two busy loops got "
            f"{p['second_thread_gain']:.2f}× the CPU of one ({p['two_cpu_s']:.2f} s against {p['one_cpu_s']:.2f} s in {p['seconds']:g} s)")


TARGETS = {"wall": 0.25, "cpu": 0.30, "rss_mb": 0.35}  # issue 15: baspa ÷ Hugo at most


def minimal_table(results: list) -> list[str]:
    out = []
    for res in results:
        if res["case"] != "minimal":
            continue
        b, h, b1 = res["baspa"], res.get("hugo"), res["baspa-1t"]
        out += [f"Minimal templates, 2×{res['size']:,} pages (before: {res['uptime_before']}; after: {res['uptime_after']})", "",
                "| | runs | wall (median) | CPU user+sys | peak RSS | output | baspa ÷ Hugo wall | CPU | RSS |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for name, rs in (("baspa (2 threads)", b), ("Hugo", h), ("baspa, RAYON_NUM_THREADS=1", b1)):
            if not rs:
                continue
            ratio = ["", "", ""]
            if h and rs is not h:
                ratio = [f"{median(rs, k) / median(h, k):.2f}×" for k in ("wall", "cpu", "rss_mb")]
            out.append(f"| {name} | {len(rs)} | {fmt_s(median(rs, 'wall'))} | {fmt_s(median(rs, 'cpu'))} | {median(rs, 'rss_mb'):.0f} MB | "
                       f"{rs[0]['output_mb']:.0f} MB | {' | '.join(ratio)} |")
        if h:
            out.append("")
            for k, label in (("wall", "wall"), ("cpu", "CPU"), ("rss_mb", "peak RSS")):
                r = median(b, k) / median(h, k)
                out.append(f"- {label}: baspa ÷ Hugo {r:.2f}× (target ≤ {TARGETS[k]}×): {'met' if r <= TARGETS[k] else 'NOT met'}")
        s2, s1 = {n: stage(b, n) for n in b[0]["stages"]}, {n: stage(b1, n) for n in b1[0]["stages"]}
        out.append("- stages, medians, 2 threads / 1 thread: " + ", ".join(f"{n} {s2[n] * 1000:.0f} / {s1.get(n, 0) * 1000:.0f} ms" for n in s2))
        sp = s1["render"] / s2["render"]
        gain = res.get("cores", {}).get("second_thread_gain", 2.0)
        verdict = "met" if sp >= 1.7 else "NOT met" if gain >= 1.7 else f"not measurable: the machine gave a second thread only {gain:.2f}× one"
        out.append(f"- render stage speed-up from the second thread: {sp:.2f}× (target ≥ 1.7×): {verdict}; "
                   f"whole build {median(b1, 'wall') / median(b, 'wall'):.2f}× (wall)")
        out.append(probe_line(res))
        out.append("")
    return out


def chart_table(results: list) -> list[str]:
    out = []
    for res in results:
        if res["case"] != "chartcost":
            continue
        n = res["n_charts"]
        out += [f"One distinct chart per page, 2×{res['size']:,} pages = {n:,} charts, minimal theme (before: {res['uptime_before']}; after: {res['uptime_after']})", "",
                "| build | threads | runs | wall (median) | CPU user+sys | render stage | peak RSS | output |",
                "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for name, label, t in (("charts", "with charts", 2), ("charts-1t", "with charts", 1), ("none", "without charts", 2), ("none-1t", "without charts", 1)):
            rs = res[name]
            out.append(f"| {label} | {t} | {len(rs)} | {fmt_s(median(rs, 'wall'))} | {fmt_s(median(rs, 'cpu'))} | {fmt_s(stage(rs, 'render'))} | "
                       f"{median(rs, 'rss_mb'):.0f} MB | {rs[0]['output_mb']:.0f} MB |")
        out.append("")
        for name, t in (("charts", 2), ("charts-1t", 1)):
            none = "none" if t == 2 else "none-1t"
            w = (median(res[name], "wall") - median(res[none], "wall")) / n
            c = (median(res[name], "cpu") - median(res[none], "cpu")) / n
            r = (stage(res[name], "render") - stage(res[none], "render")) / n
            out.append(f"- per chart, {t} thread{'s' if t > 1 else ''}: {w * 1000:.1f} ms wall, {c * 1000:.1f} ms CPU, {r * 1000:.1f} ms of render stage")
        sp = stage(res["charts-1t"], "render") / stage(res["charts"], "render")
        out.append(f"- render stage speed-up from the second thread (with charts): {sp:.2f}×; whole build {median(res['charts-1t'], 'wall') / median(res['charts'], 'wall'):.2f}× (wall)")
        out.append(probe_line(res))
        out.append("")
    return out


def fmt_s(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def table(results: list, shipped: list | None) -> str:
    lines = [
        "| case | pages | tool | runs | wall (median) | CPU user+sys | peak RSS | output | baspa/Hugo wall | CPU | RSS | floor: pulldown-cmark² |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for res in results:
        if res["case"] not in ("plain", "charts", "short"):
            continue  # minimal and chartcost have tables of their own
        label = {"plain": "plain, menu of every page", "charts": "charts¹, menu of every page", "short": f"plain, {SHORT_MENU}-entry menu"}[res["case"]]
        b = res["baspa"]
        h = res.get("hugo")
        fl = res["floor"]
        floor_txt = fmt_s(fl["serial_min_s"]) if fl else "–"
        for tool, rs in (("baspa", b), ("Hugo", h)):
            if not rs:
                continue
            ratio = ["", "", ""]
            if tool == "baspa" and h:
                ratio = [f"{median(b, k) / median(h, k):.2f}×" for k in ("wall", "cpu", "rss_mb")]
            lines.append(
                f"| {label} | 2×{res['size']:,} | {tool} | {len(rs)} | {fmt_s(median(rs, 'wall'))} | {fmt_s(median(rs, 'cpu'))} | "
                f"{median(rs, 'rss_mb'):.0f} MB | {rs[0]['output_mb']:.0f} MB | {' | '.join(ratio)} | {floor_txt if tool == 'baspa' else ''} |"
            )
    if shipped:
        lines.append(
            f"| shipped report (3 languages), cold | 3×7 | baspa | {len(shipped)} | {fmt_s(median(shipped, 'wall'))} | "
            f"{fmt_s(median(shipped, 'cpu'))} | {median(shipped, 'rss_mb'):.0f} MB | | | | | |"
        )
    return "\n".join(lines)


def growth(results: list) -> list[str]:
    out = []
    short = {r["size"]: r for r in results if r["case"] == "short"}
    sizes = sorted(short)
    for a, b in zip(sizes, sizes[1:]):
        for tool in ("baspa", "hugo"):
            if short[a].get(tool) and short[b].get(tool):
                w = median(short[b][tool], "wall") / median(short[a][tool], "wall")
                c = median(short[b][tool], "cpu") / median(short[a][tool], "cpu")
                m = median(short[b][tool], "rss_mb") / median(short[a][tool], "rss_mb")
                out.append(f"- {tool}: 2×{a:,} → 2×{b:,} pages ({b / a:.0f}× the pages): wall {w:.1f}×, CPU {c:.1f}×, peak RSS {m:.1f}×")
        if short[a]["floor"] and short[b]["floor"]:
            fa, fb = short[a]["floor"]["serial_min_s"], short[b]["floor"]["serial_min_s"]
            out.append(f"- floor (pulldown-cmark): {fb / fa:.1f}×")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000", help="pages per language, comma-separated (default 100,1000,10000)")
    ap.add_argument("--runs", type=int, default=0, help="runs per tool and case (default 5, and 3 at 10,000 pages or more)")
    ap.add_argument("--cases", default="plain,charts,short", help="which cases: plain, charts, short, minimal, chartcost (default plain,charts,short)")
    ap.add_argument("--chart-pages", type=int, default=100, help="pages per language of the chartcost case (default 100)")
    ap.add_argument("--no-floor", action="store_true", help="skip the pulldown-cmark floor (and its cargo build)")
    ap.add_argument("--full-menu-max", type=int, default=1000, help="largest size for the cases with the theme's full menu")
    ap.add_argument("--slow", type=float, default=120.0, help="a build whose first run takes longer (s) is not repeated")
    ap.add_argument("--shipped-runs", type=int, default=10, help="cold builds of the shipped report (0: skip)")
    ap.add_argument("--no-hugo", action="store_true", help="baspa only")
    ap.add_argument("--no-build", action="store_true", help="use target/release/baspa as it is")
    ap.add_argument("--baspa", type=Path, help="benchmark this baspa binary instead of building the work tree's")
    ap.add_argument("--baspa-label", help="what to call that binary in the report (e.g. its commit)")
    ap.add_argument("--work", type=Path, help="working folder (default: a new temporary folder, removed at the end)")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    cases = [c for c in args.cases.split(",") if c]

    global BASPA
    if args.baspa:
        BASPA = args.baspa.resolve()
    elif not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    if not args.no_floor:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=HERE / "floor", check=True)
    if not args.no_hugo and not shutil.which("hugo"):
        raise SystemExit("hugo not found: apt-get install -y hugo (or pass --no-hugo)")

    info = machine()
    if args.baspa:
        info["baspa_commit"] = args.baspa_label or str(BASPA)
    work = args.work or Path(tempfile.mkdtemp(prefix="baspa-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: list = []
    started = time.perf_counter()
    try:
        for size in sizes:
            for case in cases:
                if case == "chartcost":
                    continue
                if case == "minimal":
                    run_minimal(size, work, args, results)
                    continue
                if case in ("plain", "charts") and size > args.full_menu_max:
                    continue
                if case == "short" and size < 1000:
                    continue
                run_case(case, size, work, args, results)
        if "chartcost" in cases:
            run_chartcost(args.chart_pages, work, args, results)
        shipped = []
        for i in range(args.shipped_runs):
            shipped.append(build_baspa(REPO, work / "out-shipped"))
        if shipped:
            print(f"[shipped] median {median(shipped, 'wall') * 1000:.0f} ms", file=sys.stderr)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    info["load_at_end"] = os.getloadavg()
    info["duration_s"] = round(time.perf_counter() - started)

    print(f"machine: {info['nproc']} CPUs ({info['cpu_model']}), {info['memory_gb']} GiB; baspa {info['baspa_commit']}; {info['hugo']}; {info['rustc']}")
    print(f"load average at start {info['load_at_start'][0]:.2f}, at end {info['load_at_end'][0]:.2f}; benchmark took {info['duration_s']} s\n")
    if any(r["case"] in ("plain", "charts", "short") for r in results) or shipped:
        print(table(results, shipped))
        print("\n¹ Hugo has no chart blocks: there the ```chart block is rendered as a plain code block.")
        print("² pulldown-cmark 0.13 alone rendering the same Markdown bodies (tables, footnotes, heading attributes), one thread, best of 5.\n")
    for line in minimal_table(results) + chart_table(results):
        print(line)
    for line in growth(results):
        print(line)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results, "shipped": shipped}, indent=1))


if __name__ == "__main__":
    main()
