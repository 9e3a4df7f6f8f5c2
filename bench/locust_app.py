"""Locust users for mixgen: one :class:`Student` per simulated student, over the websocket protocol.

Run by ``bench/capacity.py`` and ``harness/replicas.py`` (in-process), or on its own:
``.venv/bin/locust -f bench/locust_app.py --headless -u 30 -r 1 -t 60s --host http://127.0.0.1:8501``.

A student opens ``/gaussians`` (GET the page, open the websocket, first run), then, one step
per Locust task, pausing ``wait_time`` before each (classroom pacing: a click every ~5 s):
toggle "Colour by source" (``g_colour``), press "New sample", switch to ``/topics``, open
tab "3 · Mixed documents", toggle "Colour by topic" (``t_colour``), switch back, and again.
Each step is one Locust request (type ``WS``, named after the step), timed from sending the
``rerun_script`` to the server's ``script_finished``. A step fails when the run shows an
exception, ends otherwise than successfully, or does not finish within ``TIMEOUT`` seconds;
the student then reconnects (a browser reloads) and carries on.
"""

from __future__ import annotations

import time
from typing import Callable

from locust import User, between, task

from harness.protocol import ProtocolError, Run, Session

MIXED_TAB = "3 · Mixed documents"
TIMEOUT = 30.0  # seconds a run may take before it counts as failed


def _colour(s: Session) -> Run:
    return s.toggle("g_colour")


def _new_sample(s: Session) -> Run:
    return s.click(label="New sample")


def _to_topics(s: Session) -> Run:
    return s.switch_page("topics")


def _mixed_tab(s: Session) -> Run:
    return s.open_tab("t_tab", MIXED_TAB)


def _topic_colour(s: Session) -> Run:
    return s.toggle("t_colour")


def _to_gaussians(s: Session) -> Run:
    return s.switch_page("gaussians")


#: One round of a student's interactions, in order: (request name, action).
ROUND: tuple[tuple[str, Callable[[Session], Run]], ...] = (
    ("g_colour", _colour), ("new sample", _new_sample), ("to /topics", _to_topics),
    ("tab 3", _mixed_tab), ("t_colour", _topic_colour), ("to /gaussians", _to_gaussians),
)


class Student(User):
    """One student's browser tab: one Streamlit session."""

    wait_time = between(2.5, 7.5)  # a student reads, then clicks: ~5 s on average
    path = "/gaussians"
    query = ""
    registry: list["Student"] | None = None  # a subclass may set a list: every started student is added

    def on_start(self) -> None:
        if self.registry is not None:
            self.registry.append(self)
        self.session: Session | None = None
        self.step = 0
        self.upstreams: list[str] = []  # the replica (X-Upstream) of each handshake, behind a proxy
        self._open()

    def on_stop(self) -> None:
        if self.session is not None:
            self.session.close()

    @property
    def connected(self) -> bool:
        return self.session is not None and self.session.ws is not None and self.session.ws.connected

    def _record(self, name: str, action: Callable[[], Run]) -> Run | None:
        start = time.perf_counter()
        run, error = None, None
        try:
            run = action()
            if not run.ok:
                error = ProtocolError(f"run {run.status or 'unfinished'}: {'; '.join(run.exceptions)[:200]}")
        except Exception as err:  # noqa: BLE001 - every failure is reported to Locust, not raised
            error = err
        elapsed = run.seconds if run is not None and run.seconds == run.seconds else time.perf_counter() - start
        self.environment.events.request.fire(
            request_type="WS", name=name, response_time=elapsed * 1000,
            response_length=run.bytes if run else 0, exception=error, context={"user": id(self)},
        )
        return None if error else run

    def _open(self) -> None:
        if self.session is not None:
            self.session.close()
        self.session = Session(self.host, timeout=TIMEOUT, allow_remote=False)
        self.step = 0
        if self._record("open " + self.path, lambda: self.session.open(self.path, self.query)) is None:
            self.session.close()
        elif self.session.upstream:
            self.upstreams.append(self.session.upstream)

    @task
    def interact(self) -> None:
        if not self.connected:  # the last step failed: reload the page, as a student would
            self._open()
            return
        name, action = ROUND[self.step % len(ROUND)]
        self.step += 1
        if self._record(name, lambda: action(self.session)) is None:
            self.session.close()
