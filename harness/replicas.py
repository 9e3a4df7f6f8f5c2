"""Past one server: Streamlit replicas behind nginx with session affinity, on loopback.

The pieces (a cluster, its affinity and failover checks) used by ``tests/load/test_replicas.py``
and by ``python -m bench.replicas`` (defaults: 2 replicas, 24 affinity sessions, a 40 s
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

import re
import shutil
import subprocess
import tempfile
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from harness.protocol import Session
from harness.servers import ROOT, free_port, start_streamlit, stop, wait_healthy

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
