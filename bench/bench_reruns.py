"""Server time per script run of every page and tab at its defaults, against an empty page.

Run: ``python -m bench.bench_reruns [--runs 30] [--only 'tab 7'] [--baseline REF]``. Starts ``streamlit run app.py`` and, as the
baseline, ``streamlit run harness/empty_app.py`` (one line of text, same config) on 127.0.0.1.
For each page (and each tab of the topic page, and the Gaussian page with the EM fit on) it
opens a session at the page's URL through the websocket protocol (``harness/protocol.py``),
then asks for ``--runs`` reruns with nothing changed (what a click that changes nothing costs;
caches warm), and prints per page: p50 and p95 of the run (rerun request -> the server's
``script_finished``), the server's CPU per run (its /proc process tree), the bytes it sent
per run, and the p50 and the CPU as ratios to the empty page measured in the same run.
The tool for issue 14 part 2 (cheaper reruns): run it before and after a change.

"Server time" is the CPU column: the empty page's p50 shows that every run also waits a fixed
~48 ms that is not work (the same for one line of text as for a page), so the wall-clock p50
cannot go below it. The goal is CPU/run <= 50 ms for every page and tab at its defaults.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from harness.protocol import Session
from harness.servers import EMPTY_APP, start_streamlit, stop
from bench.throughput import unpack
from mixgen_ui.topic_settings import TABS
from harness.load_driver import cpu_seconds, percentile

#: Most server CPU per script run of any page or tab at its defaults.
GOAL_CPU = 0.050

PAGES: list[tuple[str, str, str]] = [  # (name, path, query)
    ("home", "/", ""),
    ("gaussians", "/gaussians", ""),
    ("gaussians, fit on", "/gaussians", "g_fit=true"),
    *((f"topics, tab {label}", "/topics", "t_tab=" + quote(label)) for label in TABS),
    ("guide: Gaussians (step 1)", "/guide_gaussians", ""),
    ("guide: topics (step 1)", "/guide_topics", ""),
]


def measure(url: str, pid: int, path: str, query: str, runs: int) -> dict:
    s = Session(url, timeout=60)
    try:
        first = s.open(path, query)
        if not first.ok:
            raise RuntimeError(f"{path}?{query}: {first.status} {first.exceptions}")
        s.rerun()  # one more warm-up: the first rerun of a session fills its own state
        times, sent = [], 0
        cpu0 = cpu_seconds(pid)
        for _ in range(runs):
            r = s.rerun()
            if not r.ok:
                raise RuntimeError(f"{path}?{query}: {r.status} {r.exceptions}")
            times.append(r.seconds)
            sent += r.bytes
        cpu = (cpu_seconds(pid) - cpu0) / runs
        return {"p50": percentile(times, 50), "p95": percentile(times, 95), "cpu": cpu, "kib": sent / runs / 1024}
    finally:
        s.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30, help="reruns per page (default 30)")
    ap.add_argument("--only", default="", help="only the pages whose name contains this text (e.g. 'tab 7')")
    ap.add_argument("--baseline", help="also measure the app at this git commit, page by page beside this checkout")
    args = ap.parse_args(argv)
    if not 3 <= args.runs <= 1000:
        ap.error("keep to 3-1000 runs")
    if args.baseline:
        with tempfile.TemporaryDirectory(prefix="mixgen-baseline-") as tmp:
            return compare(unpack(args.baseline, Path(tmp)), args.baseline, args.runs, args.only)
    empty_proc, empty_url = start_streamlit(EMPTY_APP)
    app_proc, app_url = start_streamlit("app.py")
    try:
        base = measure(empty_url, empty_proc.pid, "/", "", args.runs)
        print(f"{os.cpu_count()} cores; {args.runs} reruns per page, nothing changed; times in ms\n")
        print(f"{'page':40s} {'p50':>7s} {'p95':>7s} {'CPU/run':>8s} {'KiB/run':>8s} {'p50 x':>7s} {'CPU x':>7s}")
        print(f"{'(baseline) empty page':40s} {base['p50'] * 1e3:7.1f} {base['p95'] * 1e3:7.1f} "
              f"{base['cpu'] * 1e3:8.1f} {base['kib']:8.1f} {1:7.1f} {1:7.1f}")
        for name, path, query in (p for p in PAGES if args.only in p[0]):
            m = measure(app_url, app_proc.pid, path, query, args.runs)
            print(f"{name:40s} {m['p50'] * 1e3:7.1f} {m['p95'] * 1e3:7.1f} {m['cpu'] * 1e3:8.1f} {m['kib']:8.1f} "
                  f"{m['p50'] / base['p50']:7.1f} {m['cpu'] / max(base['cpu'], 1e-4):7.1f}"
                  + ("" if m["cpu"] <= GOAL_CPU else "  over the goal"), flush=True)
    finally:
        stop(app_proc)
        stop(empty_proc)
    return 0


def compare(old_root: Path, ref: str, runs: int, only: str) -> int:
    """CPU per run of each page at commit ``ref`` and in this checkout, measured one after the other
    page by page, so that both see the same load on a shared machine."""
    old_proc, old_url = start_streamlit("app.py", root=old_root)
    new_proc, new_url = start_streamlit("app.py")
    try:
        print(f"{os.cpu_count()} cores; {runs} reruns per page, nothing changed; CPU per run in ms\n")
        print(f"{'page':48s} {ref[:10]:>10s} {'now':>7s} {'now/old':>8s}")
        for name, path, query in (p for p in PAGES if only in p[0]):
            old = measure(old_url, old_proc.pid, path, query, runs)["cpu"]
            new = measure(new_url, new_proc.pid, path, query, runs)["cpu"]
            print(f"{name:48s} {old * 1e3:10.1f} {new * 1e3:7.1f} {new / old:8.2f}"
                  + ("" if new <= GOAL_CPU else "  over the goal"), flush=True)
    finally:
        stop(new_proc)
        stop(old_proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
