"""Past one server: Streamlit replicas behind nginx with session affinity, on loopback.

Run: ``python -m bench.replicas`` (defaults: 2 replicas, 24 affinity sessions, a 40 s
throughput step per replica count with 20 students clicking every 0.5-1.5 s). It starts N
``streamlit run app.py`` on 127.0.0.1 and nginx on 127.0.0.1 with ``deploy/nginx.conf``
rendered for loopback (:func:`render_nginx_conf`: the same file, with the replicas, listen
address, pid, logs and temp paths replaced; one source). Then it shows:

1. **Affinity**: each session's page load and websocket handshake are answered by the same
   replica (nginx's ``X-Upstream`` header), and every later handshake of that browser too;
   sessions per replica are counted.
2. **Throughput**: the same Locust load (``bench.capacity.run_step``) through nginx with 1, 2,
   ... replicas: script runs per second and p95.
3. **Failover**: a student on a scenario link (``?g_seed=7&g_k=4``) notes the Points metric
   and the chart's data; their replica is stopped; the browser's reconnect lands on another
   replica, which runs the same URL and shows the same points (every setting is in the URL).

Needs nginx (``apt-get install nginx``; ``scripts/test.sh`` installs it).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.protocol import Session
from bench.servers import ROOT, free_port, start_streamlit, stop, wait_healthy

NGINX_CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SCENARIO = "g_seed=7&g_k=4"


def render_nginx_conf(upstreams: list[str], listen: str, prefix: Path, template: str | None = None) -> str:
    """``deploy/nginx.conf`` for loopback: ``upstreams`` ("127.0.0.1:PORT") between the replica
    markers, ``listen`` instead of port 80, and pid, logs and temp files under ``prefix``."""
    text = template if template is not None else NGINX_CONF.read_text()
    head, rest = text.split("# replicas: begin\n", 1)
    old, tail = rest.split("# replicas: end\n", 1)
    indent = re.search(r"^(\s*)server ", old, re.M).group(1)
    servers = "".join(f"{indent}server {u} max_fails=1 fail_timeout=10s;\n" for u in upstreams)
    text = f"{head}# replicas: begin\n{servers}{indent}# replicas: end\n{tail}"
    subs = [
        (r"^(\s*)listen 80;", rf"\g<1>listen {listen};"),
        (r"^pid .*;", f"pid {prefix}/nginx.pid;"),
        (r"^error_log .*;", f"error_log {prefix}/error.log warn;"),
        (r"^(\s*)access_log /dev/stdout mixgen;", rf"\g<1>access_log {prefix}/access.log mixgen;"),
    ]
    for pattern, repl in subs:
        text, n = re.subn(pattern, repl, text, count=1, flags=re.M)
        if n != 1:
            raise ValueError(f"deploy/nginx.conf no longer has a line matching {pattern!r}")
    temp = "".join(f"    {kind}_temp_path {prefix}/{kind}_temp;\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return text.replace("http {\n", "http {\n" + temp, 1)


class Nginx:
    """nginx in the foreground on loopback, for the load tools and tests."""

    def __init__(self, upstreams: list[str], port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.prefix = Path(tempfile.mkdtemp(prefix="mixgen-nginx-"))
        self.conf = self.prefix / "nginx.conf"
        self.conf.write_text(render_nginx_conf(upstreams, f"127.0.0.1:{self.port}", self.prefix))
        self.proc: subprocess.Popen | None = None

    def check(self) -> str:
        """``nginx -t`` on the rendered config; raises with nginx's words if it refuses it."""
        out = subprocess.run([NGINX, "-t", "-p", str(self.prefix), "-c", str(self.conf)],
                             capture_output=True, text=True, timeout=30)
        if out.returncode != 0:
            raise RuntimeError(f"nginx -t refused the config:\n{out.stderr}")
        return out.stderr

    def start(self) -> "Nginx":
        self.check()
        self.proc = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(self.conf), "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_healthy(self.url, timeout=30)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()  # nginx: SIGTERM is a fast shutdown of master and workers
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        shutil.rmtree(self.prefix, ignore_errors=True)

    def access_log(self) -> str:
        path = self.prefix / "access.log"
        return path.read_text() if path.exists() else ""


@contextmanager
def cluster(replicas: int):
    """``replicas`` servers and an nginx in front: yields (nginx, [(process, "127.0.0.1:PORT")])."""
    procs: list = []
    proxy = None
    try:
        for _ in range(replicas):
            proc, url = start_streamlit("app.py")
            procs.append((proc, url.removeprefix("http://")))
        proxy = Nginx([addr for _, addr in procs]).start()
        yield proxy, procs
    finally:
        if proxy is not None:
            proxy.stop()
        for proc, _ in procs:
            stop(proc)


def page_upstream(s: Session, path: str) -> str:
    """GET ``path`` through the proxy; the replica that answered (``X-Upstream``)."""
    req = urllib.request.Request(s.base_url + path, headers={"Cookie": s._cookie_header()} if s.cookies else {})
    with urllib.request.urlopen(req, timeout=s.timeout) as r:
        s._remember(r.headers)
        r.read()
        return r.headers.get("X-Upstream", "").split(",")[-1].strip()


def affinity(proxy_url: str, sessions: int, interactions: int = 2) -> dict:
    """Open ``sessions`` sessions through the proxy; for each, compare the replica of its page load,
    websocket handshake and a reconnect. Returns sessions per replica and the sessions that moved."""
    per_replica: dict[str, int] = {}
    moved: list[str] = []
    for i in range(sessions):
        s = Session(proxy_url)
        try:
            s.open("/gaussians")
            page = page_upstream(s, "/gaussians")  # the browser's next request, with its cookie
            first = s.upstream
            for _ in range(interactions):
                s.toggle("g_colour")
            s.reconnect()
            seen = {page, first, s.upstream}
            if len(seen) != 1 or "" in seen:
                moved.append(f"session {i}: page {page}, websocket {first}, reconnect {s.upstream}")
            per_replica[first] = per_replica.get(first, 0) + 1
        finally:
            s.close()
    return {"per_replica": per_replica, "moved": moved}


def failover(proxy_url: str, procs: list, query: str = SCENARIO) -> dict:
    """A student on ``query`` loses their replica; their reconnect must show the same sample."""
    s = Session(proxy_url)
    try:
        before = s.open("/gaussians", query)
        home = s.upstream
        proc = next(p for p, addr in procs if addr == home)
        stop(proc)
        after = s.reconnect()
        plot_before, plot_after = before.plotly_data("g_plot"), after.plotly_data("g_plot")
        return {
            "from": home, "to": s.upstream, "query": s.query_string,
            "points_before": before.metric("Points"), "points_after": after.metric("Points"),
            "same_plot": plot_before is not None and plot_before == plot_after,
            "ok": after.ok,
        }
    finally:
        s.close()


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
