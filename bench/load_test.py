"""Classroom load test: N concurrent browser sessions against a live ``streamlit run app.py``.

Run: ``python -m bench.load_test`` (defaults: 30 sessions over 3 headless Chromiums, 2 rounds).
Starts the app on 127.0.0.1 at a free port, drives every session through real page loads and
interactions (see ``harness/load_driver.py``), and prints sessions held, failed
interactions, first-render and rerun latencies (p50/p95), and the server's resident memory
(VmRSS of the streamlit process and its children) at baseline, at the peak, per session, and
after every session has closed. Not part of the default test run; its 3-session smoke
version is ``tests/browser/test_load_smoke.py``.

Goal on the 2-core machine: 30 sessions held, no failed interaction, rerun p95 < 1.5 s,
memory back near baseline after the sessions close.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from harness.browser import start_app
from harness.load_driver import FULL_ROUND, format_report, run_load
from harness.servers import stop


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=30, help="concurrent sessions (default 30)")
    ap.add_argument("--browsers", type=int, default=3, help="Chromium processes sharing them (default 3)")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of interactions per session (default 2)")
    ap.add_argument("--ramp", type=float, default=4.0,
                    help="seconds between session starts (default 4: a class arrives over two minutes)")
    ap.add_argument("--think", type=float, default=5.0,
                    help="mean pause before each interaction, seconds (default 5: a student reads, then "
                         "clicks; each pause is 0.5x-1.5x)")
    ap.add_argument("--waves", type=int, default=1,
                    help="classes one after another on the same server (default 1; 2 shows whether memory "
                         "keeps growing from one class to the next)")
    ap.add_argument("--settle", type=float, default=125.0,
                    help="seconds to wait after closing every session before the memory readings (default "
                         "125: past server.disconnectedSessionTTL, 120 s, so a closed tab's session can go)")
    ap.add_argument("--timeout", type=float, default=30.0, help="per-interaction timeout, seconds")
    ap.add_argument("--clients-nice", type=int, default=10,
                    help="niceness of the Chromium clients (default 10; 0 to let them compete with the server)")
    args = ap.parse_args(argv)
    if not (1 <= args.sessions <= 200 and 1 <= args.browsers <= 16 and 0 <= args.rounds <= 20
            and 1 <= args.waves <= 5):
        ap.error("keep to 1-200 sessions, 1-16 browsers, 0-20 rounds, 1-5 waves")

    proc, url = start_app()
    # The Chromium pages stand in for 30 students' own computers. On this one 2-core machine they
    # would otherwise take the CPU from the server they measure; niced, they only get what the
    # server leaves. The server started above keeps its priority; the browsers inherit ours.
    os.nice(args.clients_nice)
    try:
        print(f"app at {url} (pid {proc.pid}); {args.sessions} sessions, {args.browsers} browsers, "
              f"{args.rounds} round(s), ramp {args.ramp:g} s, think {args.think:g} s, "
              f"clients' niceness {args.clients_nice}", flush=True)
        reports = []
        for wave in range(args.waves):
            reports.append(asyncio.run(run_load(
                url, sessions=args.sessions, browsers=args.browsers, rounds=args.rounds, steps=FULL_ROUND,
                server_pid=proc.pid, ramp=args.ramp, think=args.think, settle=args.settle,
                timeout_ms=args.timeout * 1000, warmup=wave == 0, log=lambda s: print(s, flush=True),
            )))
            print(f"\nWave {wave + 1} of {args.waves}:\n" + format_report(reports[-1], browsers=args.browsers,
                                                                         rounds=args.rounds), flush=True)
    finally:
        stop(proc)
    return 1 if any(r.failures or r.held < args.sessions for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
