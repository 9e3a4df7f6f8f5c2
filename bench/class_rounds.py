"""A class round under load: 300 students answering within 10 seconds while the teacher's board
refreshes, on SQLite and on PostgreSQL. Nothing may be lost; the board's refresh should stay
under 0.5 s at the 95th percentile.

Two levels, both printed:

- ``store``: the class store alone (``mixgen_classroom``), as one server's sessions use it:
  300 student threads, their starts spread evenly over 10 s, each joining then checking twice
  (the second check replaces the first), while a teacher thread reads the board
  (``board_state``, one query) every 0.25 s. Measures the board read's p50/p95, the
  submissions' p50/p95, and whether every last answer arrived.
- ``app``: the live app over Streamlit's websocket protocol (:mod:`harness.protocol`, no
  browsers), one ``streamlit run app.py`` on loopback: each student opens the join link
  (``/join?code=...``), types a nickname, presses Join (the server switches to the round's
  challenge), then presses "Check my guess"; the teacher's board page is open, its fragment
  rerun every second as ``st.fragment(run_every=...)`` makes a browser do. Measures the board
  fragment's refresh p50/p95 (request to ``script_finished``), the students' runs (typing how
  many Gaussians they see, then the check), and that every student's answer is on the board.
  One server process is one core (see the README's capacity figures), so at 300 students its
  queue, not the database, sets the latencies.

- ``cost``: what one student's steps and one board refresh cost the server, one at a time on
  an otherwise idle ``streamlit run app.py`` (the server process's CPU time from /proc, summed
  over 20 students after 2 that warm the caches, so the 10 ms clock tick averages out), and
  what the board's refresh sends (it must be a fragment run: only the live part, not the page).

Run: ``python -m bench.class_rounds`` (defaults: the store and app levels, both backends, 300
students, 10 s). ``--level store``, ``--level cost``, ``--backend sqlite``, ``--students 100``, ``--within 10``;
``--replicas 3``: the students spread over 3 servers and the board on a fourth (separate
processes, as replicas are; with SQLite they share the file, so they must share a machine).
PostgreSQL is a throwaway cluster from Debian's package (:mod:`harness.postgres`).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field

from mixgen_classroom import open_store

SCENARIO = "gaussians?g_challenge=true&g_seed=3"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))]


@dataclass
class Result:
    level: str
    backend: str
    students: int
    answered: int = 0
    joined: int = 0
    errors: list[str] = field(default_factory=list)
    board: list[float] = field(default_factory=list)     # board refresh seconds
    student: list[float] = field(default_factory=list)   # a student's submit (store) or check run (app)
    wall: float = 0.0

    def line(self) -> str:
        lost = self.students - self.answered
        return (f"{self.level:5s} {self.backend:10s} students {self.students:4d}  answered {self.answered:4d}  "
                f"lost {lost:3d}  errors {len(self.errors):3d}  board p50 {percentile(self.board, 50):.3f} s "
                f"p95 {percentile(self.board, 95):.3f} s (n={len(self.board)})  student p50 "
                f"{percentile(self.student, 50):.3f} s p95 {percentile(self.student, 95):.3f} s  "
                f"wall {self.wall:.1f} s")


def spread_threads(n: int, within: float, work) -> float:
    """Start ``work(i)`` for i < n, evenly over ``within`` seconds; wait for all. Returns the wall time."""
    threads = []
    start = time.monotonic()
    for i in range(n):
        delay = start + within * i / max(1, n) - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        t = threading.Thread(target=work, args=(i,), daemon=True)
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    return time.monotonic() - start


def store_level(url: str, backend: str, students: int, within: float) -> Result:
    store = open_store(url)
    r = store.open_round(scenario=SCENARIO)
    res = Result("store", backend, students)
    lock = threading.Lock()
    done = threading.Event()

    def teacher():
        while not done.is_set():
            t0 = time.perf_counter()
            store.board_state(r.code, r.teacher_key)
            with lock:
                res.board.append(time.perf_counter() - t0)
            time.sleep(0.25)

    def student(i):
        try:
            store.join(r.code, student=f"s{i}", nickname=f"student {i}")
            for attempt in range(2):
                t0 = time.perf_counter()
                store.submit(r.code, student=f"s{i}", nickname=f"student {i}",
                             result={"accuracy": (i % 100) / 100, "ari": 0.5, "k_guess": 1 + (i + attempt) % 8})
                with lock:
                    res.student.append(time.perf_counter() - t0)
        except Exception as err:  # noqa: BLE001 - counted and printed
            with lock:
                res.errors.append(repr(err))

    watcher = threading.Thread(target=teacher, daemon=True)
    watcher.start()
    res.wall = spread_threads(students, within, student)
    done.set()
    watcher.join()
    state = store.board_state(r.code, r.teacher_key)
    res.answered, res.joined = state.answered, state.joined
    expected = {(f"student {i}", (i % 100) / 100, 1 + (i + 1) % 8) for i in range(students)}
    if {(row["nickname"], row["accuracy"], row["k_guess"]) for row in state.rows} != expected:
        res.errors.append("the board does not hold exactly every student's last answer")
    store.close()
    return res


def app_level(url: str, backend: str, students: int, within: float, replicas: int = 1) -> Result:
    from harness.protocol import Session
    from harness.servers import start_streamlit, stop

    env_key = "MIXGEN_DATABASE_URL" if backend == "postgresql" else "MIXGEN_CLASS_DB"
    value = url if backend == "postgresql" else url.removeprefix("sqlite:///")
    old = os.environ.get(env_key)
    os.environ[env_key] = value
    servers = []
    try:
        # The board on a server of its own when there are several (as a teacher's own replica would be).
        for _ in range(replicas + (1 if replicas > 1 else 0)):
            servers.append(start_streamlit("app.py"))
    finally:
        if old is None:
            os.environ.pop(env_key, None)
        else:
            os.environ[env_key] = old
    board_base = servers[-1][1]
    student_bases = [b for _, b in servers[:replicas]]
    store = open_store(url)
    res = Result(f"app/{replicas}" if replicas > 1 else "app", backend, students)
    lock = threading.Lock()
    done = threading.Event()
    try:
        r = store.open_round(scenario=SCENARIO)
        board = Session(board_base, timeout=120)
        first = board.open("/board", f"code={r.code}&key={r.teacher_key}")
        fragment = next((f for f in first.element_fragments if f), "")
        if not first.ok or not fragment:
            raise RuntimeError(f"the board did not draw its live part: {first.status} {first.exceptions}")

        def teacher():
            while not done.is_set():
                t0 = time.perf_counter()
                board._send_rerun([], "", fragment)  # what run_every makes the browser send
                run = board._read_run(t0, fragment)
                with lock:
                    res.board.append(run.seconds)
                time.sleep(1.0)

        def student(i):
            s = Session(student_bases[i % len(student_bases)], timeout=180)
            try:
                run = join_round(s, r.code, f"student {i}")
                if "g_guess_k_challenge" not in run.widgets:
                    raise RuntimeError(f"Join did not open the challenge: {run.status} {run.exceptions[:1]}")
                s.set_number("g_guess_k_challenge", 3)  # how many Gaussians they see: the guess starts there
                run = s.click("g_guess_check")
                if not run.ok:
                    raise RuntimeError(f"check failed: {run.status} {run.exceptions[:1]}")
                with lock:
                    res.student.append(run.seconds)
            except Exception as err:  # noqa: BLE001 - counted and printed
                with lock:
                    res.errors.append(repr(err)[:200])
            finally:
                s.close()

        watcher = threading.Thread(target=teacher, daemon=True)
        watcher.start()
        res.wall = spread_threads(students, within, student)
        done.set()
        watcher.join()
        board.close()
        state = store.board_state(r.code, r.teacher_key)
        res.answered, res.joined = state.answered, state.joined
        names = {row["nickname"] for row in state.rows}
        if names != {f"student {i}" for i in range(students)} - {None}:
            missing = students - len(names)
            if missing:
                res.errors.append(f"{missing} students' answers are not on the board")
    finally:
        store.close()
        for proc, _ in servers:
            stop(proc)
    return res


def join_round(s, code: str, nickname: str):
    """A student's Join over the protocol: the join link, a nickname, the Join button."""
    s.open("/join", f"code={code}")
    return press_join(s, nickname)


def press_join(s, nickname: str):
    """On the join page: type ``nickname`` and press Join (the server opens the round's challenge)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    nick = s.widget("class_nickname")
    join = next(el.button.id for _, el in s.last.elements
                if el.WhichOneof("type") == "button" and el.button.label == "Join")
    return s.rerun(WidgetState(id=nick.id, string_value=nickname), WidgetState(id=join, trigger_value=True))


def cost_level(url: str, backend: str, students: int = 20, warm: int = 2) -> list[str]:
    """Server CPU per student step and per board refresh, one at a time (see the module's docstring)."""
    from harness.load_driver import cpu_seconds
    from harness.protocol import Session
    from harness.servers import start_streamlit, stop

    env_key = "MIXGEN_DATABASE_URL" if backend == "postgresql" else "MIXGEN_CLASS_DB"
    old = os.environ.get(env_key)
    os.environ[env_key] = url if backend == "postgresql" else url.removeprefix("sqlite:///")
    try:
        proc, base = start_streamlit("app.py")
    finally:
        if old is None:
            os.environ.pop(env_key, None)
        else:
            os.environ[env_key] = old
    store = open_store(url)
    steps = ("open the join link", "join (the challenge opens)", "type k and check (sends)", "board refresh")
    spent = dict.fromkeys(steps, 0.0)
    try:
        r = store.open_round(scenario=SCENARIO)
        board = Session(base, timeout=120)
        page = board.open("/board", f"code={r.code}&key={r.teacher_key}")
        fragment = next((f for f in page.element_fragments if f), "")
        for i in range(warm + students):
            s = Session(base, timeout=120)
            marks = [cpu_seconds(proc.pid)]
            s.open("/join", f"code={r.code}")
            marks.append(cpu_seconds(proc.pid))
            press_join(s, f"student {i}")
            marks.append(cpu_seconds(proc.pid))
            s.set_number("g_guess_k_challenge", 3)
            s.click("g_guess_check")
            marks.append(cpu_seconds(proc.pid))
            t0 = time.perf_counter()
            board._send_rerun([], "", fragment)
            refresh = board._read_run(t0, fragment)
            marks.append(cpu_seconds(proc.pid))
            s.close()
            if i >= warm:
                for step, a, b in zip(steps, marks, marks[1:]):
                    spent[step] += b - a
        board.close()
    finally:
        store.close()
        stop(proc)
    lines = [f"cost  {backend:10s} server CPU per step, mean of {students} students one at a time:"]
    lines += [f"      {step:28s} {1000 * t / students:6.1f} ms" for step, t in spent.items()]
    per_student = sum(t for step, t in spent.items() if step != "board refresh") / students
    lines.append(f"      one student, all steps      {1000 * per_student:6.1f} ms: 300 students need "
                 f"{300 * per_student:.0f} s of one server's core")
    lines.append(f"      board refresh: {refresh.status}, {refresh.messages} messages, {refresh.bytes} bytes "
                 f"(the whole board page: {page.messages} messages, {page.bytes} bytes)")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--level", choices=("store", "app", "both", "cost"), default="both")
    ap.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--students", type=int, default=300)
    ap.add_argument("--within", type=float, default=10.0)
    ap.add_argument("--replicas", type=int, default=1,
                    help="app level: students spread over this many servers (above 1, the board gets its own)")
    args = ap.parse_args(argv)
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    levels = ("store", "app") if args.level == "both" else (args.level,)
    if levels == ("cost",):
        with ExitStack() as stack:
            for backend in backends:
                if backend == "sqlite":
                    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="mixgen-class-"))
                    url = f"sqlite:///{folder}/class.db"
                else:
                    from harness.postgres import postgres_server
                    url = stack.enter_context(postgres_server()).url
                print("\n".join(cost_level(url, backend)), flush=True)
        return 0
    results = []
    with ExitStack() as stack:
        urls = {}
        if "sqlite" in backends:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="mixgen-class-"))
            urls["sqlite"] = f"sqlite:///{folder}/class.db"
        if "postgresql" in backends:
            from harness.postgres import postgres_server
            urls["postgresql"] = stack.enter_context(postgres_server()).url
        for level in levels:
            for backend in backends:
                if level == "store":
                    res = store_level(urls[backend], backend, args.students, args.within)
                else:
                    res = app_level(urls[backend], backend, args.students, args.within, args.replicas)
                print(res.line(), flush=True)
                for e in res.errors[:3]:
                    print("   ", e)
                results.append(res)
    ok = all(r.answered == r.students and not r.errors for r in results)
    print("nothing lost" if ok else "LOST OR FAILED ANSWERS")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
