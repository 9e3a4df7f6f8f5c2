"""Streamlit servers on loopback, for the browser tests, the protocol tests and the load tools.

Any script and port; the output is kept in a log file (a pipe nobody reads would fill and block
a busy server), removed by :func:`stop`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: A page with one line of text: the baseline a script run of a real page is compared with.
EMPTY_APP = ROOT / "harness" / "empty_app.py"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer its health check within {timeout:g} s")


def start_streamlit(script: Path | str = "app.py", port: int | None = None, *,
                    extra: tuple[str, ...] = (), root: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """``streamlit run <script>`` in ``root`` (this checkout unless given) on 127.0.0.1 (free port
    unless given); returns (process, url) once healthy."""
    port = port or free_port()
    log = tempfile.NamedTemporaryFile(prefix=f"streamlit-{port}-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *extra],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    proc.log_path = log.name  # type: ignore[attr-defined]
    log.close()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
    except RuntimeError:
        stop(proc)
        raise RuntimeError(f"streamlit {script} did not start:\n{Path(proc.log_path).read_text()[-2000:]}")
    return proc, url


def stop(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Terminate a server we started (kill it if it does not stop in time)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)
    log = getattr(proc, "log_path", None)
    if log and os.path.exists(log):
        os.unlink(log)
