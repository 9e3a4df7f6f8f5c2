"""Past one server: Streamlit replicas behind nginx with session affinity, on loopback.

Run: ``python -m bench.replicas`` (defaults: 2 replicas, 24 affinity sessions, a 40 s throughput
step per replica count with 20 students clicking every 0.5-1.5 s). What each step shows, and the
cluster it runs on: :mod:`harness.replicas`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from harness.protocol import Session
from harness.replicas import NGINX, affinity, cluster, failover
from harness.servers import ROOT


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicas", type=int, default=2, help="most replicas (default 2: the cores here)")
    ap.add_argument("--sessions", type=int, default=24, help="sessions for the affinity check (default 24)")
    ap.add_argument("--users", type=int, default=20, help="Locust users in each throughput step (default 20)")
    ap.add_argument("--duration", type=float, default=40.0, help="measured seconds per throughput step")
    ap.add_argument("--think", default="0.5,1.5", help="pause before each click, min,max s (default 0.5,1.5: "
                                                      "more than a class, to fill the replicas)")
    args = ap.parse_args(argv)
    if not (1 <= args.replicas <= 8 and 1 <= args.sessions <= 200 and 1 <= args.users <= 500):
        ap.error("keep to 1-8 replicas, 1-200 sessions, 1-500 users")
    think = tuple(float(x) for x in args.think.split(","))
    ok = True
    print(f"{os.cpu_count()} cores; nginx {NGINX}; replicas 1..{args.replicas}", flush=True)

    with cluster(args.replicas) as (proxy, procs):
        print(f"\n1. Affinity: {args.sessions} sessions through {proxy.url}", flush=True)
        a = affinity(proxy.url, args.sessions)
        for up, n in sorted(a["per_replica"].items()):
            print(f"   {up}: {n} sessions")
        print(f"   sessions whose requests reached more than one replica: {len(a['moved'])}")
        for m in a["moved"][:5]:
            print("   ", m)
        ok &= not a["moved"]

    # Throughput: a fresh cluster per replica count, the load through nginx in a child process
    # (Locust's gevent patches this process's sockets; the children keep theirs).
    print(f"\n2. Throughput through nginx: {args.users} users, think {think[0]:g}-{think[1]:g} s, "
          f"{args.duration:g} s measured", flush=True)
    from bench.capacity import HEADER
    print("replicas " + HEADER.replace("\n", "\n         "))
    for n in range(1, args.replicas + 1):
        with cluster(n) as (proxy, procs):
            for _, addr in procs:
                warm = Session(f"http://{addr}", timeout=60)
                warm.open("/gaussians")
                warm.switch_page("topics")
                warm.close()
            out = subprocess.run(
                [sys.executable, "-m", "bench.capacity", "--url", proxy.url, "--users", str(args.users),
                 "--duration", str(args.duration), "--think", args.think, "--spawn-rate", "5", "--json"],
                cwd=ROOT, capture_output=True, text=True, timeout=args.duration + args.users / 5 + 300)
            import json
            lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
            if not lines:
                print(f"   {n}: the load run failed:\n{out.stderr[-1500:]}")
                ok = False
                continue
            st = json.loads(lines[-1])
            print(f"{n:8d} {st['users']:5d} {st['held']:5d} {st['requests']:6d} {st['failures']:5d} "
                  f"{st['p50']:6.3f} {st['p95']:6.3f} {st['p99']:6.3f} {st['runs_per_s']:7.2f}   "
                  f"sessions per replica: {st['upstreams']}", flush=True)
            ok &= st["failures"] == 0

    with cluster(min(2, max(2, args.replicas))) as (proxy, procs):
        print("\n3. Failover: a student's replica stops", flush=True)
        f = failover(proxy.url, procs)
        print(f"   {f['from']} -> {f['to']}; URL ?{f['query']}; Points {f['points_before']} -> {f['points_after']}; "
              f"same chart data: {f['same_plot']}")
        ok &= f["from"] != f["to"] and f["points_before"] == f["points_after"] and f["same_plot"] and f["ok"]
    print("\nall checks passed" if ok else "\nSOME CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
