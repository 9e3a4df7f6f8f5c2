"""A throwaway PostgreSQL server on loopback, for the class store's tests and benches.

Debian's ``postgresql`` package (``/usr/lib/postgresql/<version>/bin``; ``scripts/test.sh``
installs it when missing): ``initdb`` into a temporary folder, ``pg_ctl start`` on a free
loopback port with trust authentication for one user, and ``pg_ctl stop`` plus the folder
removed afterwards. PostgreSQL refuses to run as root, so as root the server runs as the
``postgres`` user the package creates (``runuser``). Missing PostgreSQL is an error, never a skip.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from harness.servers import free_port

USER = "mixgen"
DATABASE = "mixgen"


def pg_bindir() -> Path:
    """The newest installed PostgreSQL's programs; RuntimeError naming the fix when there is none."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError("PostgreSQL is not installed: run scripts/test.sh, or apt-get install postgresql")


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


class PostgresServer:
    """One running throwaway cluster: ``url`` is a plain ``postgresql://user@host:port/db``."""

    def __init__(self, folder: Path, port: int, bindir: Path):
        self.folder, self.port, self.bindir = folder, port, bindir
        self.data = folder / "data"
        self.url = f"postgresql://{USER}@127.0.0.1:{port}/{DATABASE}"

    def _run(self, *args: str, timeout: float = 120) -> str:
        done = subprocess.run(_as_server_user([str(self.bindir / args[0]), *args[1:]]), capture_output=True,
                              text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed:\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}")
        return done.stdout

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                  "-o", f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
                        "-c max_connections=200 -c fsync=off -c full_page_writes=off", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Start a fresh cluster with database ``mixgen``, yield it, stop it and delete its folder."""
    bindir = pg_bindir()
    folder = Path(tempfile.mkdtemp(prefix="mixgen-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    server = PostgresServer(folder, free_port(), bindir)
    try:
        server._run("initdb", "-D", str(server.data), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync")
        server.start()
        server._run("createdb", "-h", "127.0.0.1", "-p", str(server.port), "-U", USER, DATABASE)
        yield server
    finally:
        try:
            if (server.data / "postmaster.pid").exists():
                server.stop("immediate")
        finally:
            for _ in range(3):
                shutil.rmtree(folder, ignore_errors=True)
                if not folder.exists():
                    break
                time.sleep(0.5)
