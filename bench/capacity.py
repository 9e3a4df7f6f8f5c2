"""How many students one server holds: the protocol load test (Locust, no browsers), step by step.

Run: ``python -m bench.capacity`` (defaults: 10, 30, 60, 100 users, 60 s each at classroom
pacing). For each user count it starts a fresh ``streamlit run app.py`` on 127.0.0.1 (so every
step starts from the same memory), opens one warm-up session, then runs Locust in this process
(:class:`bench.locust_app.Student`: each user a websocket session doing the interactions of a
student, a click every ~5 s) and prints: sessions held at the end, failed interactions, p50 /
p95 / p99 of the interactions (request -> ``script_finished``), runs per second, the server's
CPU (its /proc process tree, in cores: CPU seconds per second of wall time), the load
generator's own CPU, and the server's memory per session (peak RSS minus the warm baseline,
over the users). The knee is the most users with no failure and p95 < ``--goal`` (0.5 s).

``--url`` targets a server already running (then no CPU or memory figures unless ``--pid``);
``--json`` prints one JSON object per step (used by ``tests/load/test_protocol.py``).
Only loopback addresses are accepted.
"""

from __future__ import annotations

# Locust runs on gevent: patch the standard library before anything else opens a socket.
from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import asdict, dataclass, field  # noqa: E402

import gevent  # noqa: E402
from locust import between  # noqa: E402
from locust.env import Environment  # noqa: E402

from bench.locust_app import Student  # noqa: E402
from harness.protocol import Session, check_loopback  # noqa: E402
from harness.servers import start_streamlit, stop  # noqa: E402
from harness.load_driver import cpu_seconds, percentile, rss_kib  # noqa: E402


@dataclass
class Step:
    """What one Locust run at ``users`` users measured."""

    users: int
    duration: float = 0.0  # seconds of the measured window (after every user has started)
    held: int = 0  # sessions connected at the end
    requests: int = 0
    failures: int = 0
    p50: float = float("nan")
    p95: float = float("nan")
    p99: float = float("nan")
    runs_per_s: float = 0.0
    server_cores: float = float("nan")  # server CPU seconds per wall second
    generator_cores: float = float("nan")
    rss_base_mib: float = float("nan")
    rss_peak_mib: float = float("nan")
    mib_per_session: float = float("nan")
    upstreams: dict[str, int] = field(default_factory=dict)  # behind a proxy: sessions per replica
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.users:5d} {self.held:5d} {self.requests:6d} {self.failures:5d} "
                f"{self.p50:6.3f} {self.p95:6.3f} {self.p99:6.3f} {self.runs_per_s:7.2f} "
                f"{self.server_cores:6.2f} {self.generator_cores:6.2f} {self.rss_base_mib:6.0f} "
                f"{self.rss_peak_mib:6.0f} {self.mib_per_session:6.2f}")


HEADER = ("users  held    req  fail    p50    p95    p99   runs/s server  gener   RSS0  RSSpk MiB/ses\n"
          "                              (s)    (s)    (s)          cores  cores  (MiB)  (MiB)")


def warm_up(url: str) -> None:
    """One student's round, so the first-visit imports (numpy, plotly) are not counted as load."""
    s = Session(url, timeout=60)
    try:
        s.open("/gaussians")
        for page in ("topics", "gaussians", "guide_gaussians", "guide_topics"):
            s.switch_page(page)
    finally:
        s.close()


def run_step(url: str, users: int, duration: float, *, spawn_rate: float = 2.0, think: tuple[float, float] = (2.5, 7.5),
             server_pid: int | None = None, path: str = "/gaussians", query: str = "",
             log=lambda s: None) -> Step:
    """Run ``users`` Students against ``url``: ramp at ``spawn_rate`` users/s, then ``duration`` s measured."""
    check_loopback(url)
    student = type("ClassroomStudent", (Student,), {"wait_time": between(*think), "path": path, "query": query,
                                                    "abstract": False, "registry": []})
    env = Environment(user_classes=[student], host=url)
    times: list[float] = []
    errors: list[str] = []
    counting = {"on": False}

    def on_request(request_type, name, response_time, response_length, exception=None, **_):
        if not counting["on"]:
            return
        if exception is None:
            times.append(response_time / 1000)
        else:
            errors.append(f"{name}: {type(exception).__name__}: {str(exception)[:160]}")

    env.events.request.add_listener(on_request)
    step = Step(users)
    rss_base = rss_kib(server_pid) if server_pid else 0
    peak = {"rss": rss_base}

    def sample_rss() -> None:
        while True:
            peak["rss"] = max(peak["rss"], rss_kib(server_pid))
            gevent.sleep(0.5)

    runner = env.create_local_runner()
    sampler = gevent.spawn(sample_rss) if server_pid else None
    try:
        runner.start(users, spawn_rate=spawn_rate)
        ramp_deadline = time.monotonic() + users / spawn_rate + 30
        while runner.user_count < users and time.monotonic() < ramp_deadline:
            gevent.sleep(0.2)
        gevent.sleep(min(think[1], 5.0))  # every user has opened its page
        log(f"  {runner.user_count} users running; measuring {duration:g} s")
        counting["on"] = True
        t0, cpu0, me0 = time.perf_counter(), cpu_seconds(server_pid) if server_pid else 0.0, _own_cpu()
        gevent.sleep(duration)
        counting["on"] = False
        wall = time.perf_counter() - t0
        step.duration = wall
        if server_pid:
            step.server_cores = (cpu_seconds(server_pid) - cpu0) / wall
        step.generator_cores = (_own_cpu() - me0) / wall
        students = student.registry
        step.held = sum(1 for u in students if u.connected)
        for u in students:
            for up in u.upstreams:
                step.upstreams[up] = step.upstreams.get(up, 0) + 1
    finally:
        runner.quit()
        if sampler is not None:
            sampler.kill()
    step.requests, step.failures, step.errors = len(times) + len(errors), len(errors), errors[:10]
    step.p50, step.p95, step.p99 = (percentile(times, q) for q in (50, 95, 99))
    step.runs_per_s = len(times) / step.duration if step.duration else 0.0
    if server_pid:
        step.rss_base_mib, step.rss_peak_mib = rss_base / 1024, peak["rss"] / 1024
        step.mib_per_session = (peak["rss"] - rss_base) / 1024 / users
    return step


def _own_cpu() -> float:
    t = os.times()
    return t.user + t.system


def knee(steps: list[Step], goal: float) -> Step | None:
    """The step with the most users, no failure and p95 under ``goal``."""
    good = [s for s in steps if s.failures == 0 and s.held == s.users and s.p95 < goal]
    return max(good, key=lambda s: s.users, default=None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", default="10,30,60,100", help="comma-separated user counts (default 10,30,60,100)")
    ap.add_argument("--duration", type=float, default=60.0, help="measured seconds per step (default 60)")
    ap.add_argument("--spawn-rate", type=float, default=2.0, help="users started per second (default 2)")
    ap.add_argument("--think", default="2.5,7.5", help="pause before each click, min,max seconds (default 2.5,7.5)")
    ap.add_argument("--goal", type=float, default=0.5, help="p95 goal in seconds for the knee (default 0.5)")
    ap.add_argument("--url", help="a running server to target instead of starting one per step")
    ap.add_argument("--pid", type=int, help="with --url: the server's pid, for CPU and memory")
    ap.add_argument("--json", action="store_true", help="print one JSON object per step")
    args = ap.parse_args(argv)
    counts = [int(x) for x in args.users.split(",")]
    think = tuple(float(x) for x in args.think.split(","))
    if not (all(1 <= c <= 1000 for c in counts) and 1 <= args.duration <= 3600 and len(think) == 2):
        ap.error("keep to 1-1000 users and 1-3600 s")

    def say(s: str) -> None:
        if not args.json:
            print(s, flush=True)

    say(f"{os.cpu_count()} cores; steps {counts} users, {args.duration:g} s each, think {think[0]:g}-{think[1]:g} s, "
        f"spawn {args.spawn_rate:g}/s")
    steps = []
    for users in counts:
        proc = None
        if args.url:
            url, pid = args.url, args.pid
        else:
            proc, url = start_streamlit("app.py")
            pid = proc.pid
        try:
            warm_up(url)
            say(f"{users} users against {url}")
            step = run_step(url, users, args.duration, spawn_rate=args.spawn_rate, think=think, server_pid=pid,
                            log=say)
        finally:
            if proc is not None:
                stop(proc)
        steps.append(step)
        if args.json:
            print(json.dumps(asdict(step)), flush=True)
        else:
            print(HEADER + "\n" + step.line(), flush=True)
            for e in step.errors[:5]:
                print("   failure:", e)
    if not args.json:
        print("\nSummary\n" + HEADER)
        for s in steps:
            print(s.line())
        k = knee(steps, args.goal)
        print(f"\nknee: {k.users if k else 'none'} sessions with no failure and p95 < {args.goal:g} s"
              + (f" (p95 {k.p95:.3f} s, server {k.server_cores:.2f} cores, {k.runs_per_s:.1f} runs/s)" if k else ""))
    return 0 if all(s.failures == 0 for s in steps) else 1


if __name__ == "__main__":
    sys.exit(main())
