"""The class store: rounds and the one answer each student sends per round, in SQLite or PostgreSQL.

Two tables. ``rounds``: the code, the digest of the teacher's key, the scenario (the page and
its link's settings), when it expires and whether it has ended. ``answers``: one row per
student and round (a digest of the round and the session's id, the nickname as typed, the
result's numbers; nothing else about a student). Expired rounds are deleted with their answers
whenever a round is opened, and are never shown meanwhile.

SQLite (the default, no set-up) runs in write-ahead-log mode with a busy timeout and takes its
write lock at the start of every writing transaction, so many sessions of one server can write
at once without "database is locked". PostgreSQL is shared by replicas; plain
``postgresql://`` URLs use psycopg 3.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from .codes import key_digest, key_matches, new_code, new_teacher_key, normalise_code, student_digest
from .results import MAX_NICKNAME, RESULT_KEYS, check_nickname, check_result, check_student

#: How long a round lives, by default.
DEFAULT_TTL_SECONDS = 24 * 3600
#: Longest scenario (a page name and its link's settings).
MAX_SCENARIO = 4000
#: The environment variable that says where the default SQLite file lives.
DB_FILE_ENV = "MIXGEN_CLASS_DB"
#: The environment variable (or Streamlit secret) that names a shared database.
DATABASE_URL_ENV = "MIXGEN_DATABASE_URL"

_meta = sa.MetaData()
rounds = sa.Table(
    "mixgen_rounds", _meta,
    sa.Column("code", sa.String(16), primary_key=True),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("scenario", sa.Text, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("ended", sa.Boolean, nullable=False, default=False),
)
answers = sa.Table(
    "mixgen_answers", _meta,
    sa.Column("code", sa.String(16), primary_key=True),
    sa.Column("student", sa.String(32), primary_key=True),
    sa.Column("nickname", sa.String(MAX_NICKNAME), nullable=False),
    sa.Column("accuracy", sa.Float),  # None: joined, not answered yet
    sa.Column("ari", sa.Float),
    sa.Column("k_guess", sa.Integer),
    sa.Index("mixgen_answers_by_round", "code"),
)
_RESULT_COLUMNS = tuple(RESULT_KEYS)


@dataclass(frozen=True)
class Round:
    """A round just opened: the code students type and the teacher's secret key (shown once)."""
    code: str
    teacher_key: str
    scenario: str
    expires_at: float


@dataclass(frozen=True)
class RoundInfo:
    """What anyone with the code may know of a round: its scenario and whether it takes answers."""
    code: str
    scenario: str
    ended: bool
    expires_at: float


@dataclass(frozen=True)
class BoardState:
    """The teacher's view, read in one query: who joined, the answers (one dict per student that
    answered: "nickname" and the result's keys), whether the round has ended."""
    code: str
    scenario: str
    ended: bool
    expires_at: float
    joined: int
    rows: list[dict[str, Any]]

    @property
    def answered(self) -> int:
        return len(self.rows)


def database_url(secrets: Any = None) -> str | None:
    """The shared database's URL: ``MIXGEN_DATABASE_URL`` from the environment, else from
    ``secrets`` (a mapping such as ``st.secrets``), else None (the embedded SQLite default)."""
    url = os.environ.get(DATABASE_URL_ENV)
    if not url and secrets is not None:
        try:
            url = secrets.get(DATABASE_URL_ENV)
        except Exception:  # no secrets file: Streamlit raises rather than return None
            url = None
    return str(url).strip() if url else None


def default_sqlite_path() -> str:
    """Where the embedded database lives: ``MIXGEN_CLASS_DB``, else a file in the temporary folder."""
    return os.environ.get(DB_FILE_ENV) or os.path.join(tempfile.gettempdir(), "mixgen_class.db")


def engine_url(url: str | None) -> sa.URL:
    """The SQLAlchemy URL for ``url`` as people write it; ``postgresql://`` and ``postgres://`` use psycopg 3."""
    if url is None:
        return make_url("sqlite:///" + default_sqlite_path())
    if not isinstance(url, str) or not url.strip():
        raise ValueError("A database URL is text such as sqlite:///class.db or postgresql://user@host:5432/db.")
    parsed = make_url(url.strip())
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError("The class store runs on SQLite or PostgreSQL.")
    return parsed


def open_store(url: str | None = None, *, ttl_seconds: float = DEFAULT_TTL_SECONDS) -> "ClassStore":
    """A store on ``url`` (None: the embedded SQLite file, see :func:`default_sqlite_path`).
    The schema is created on first use."""
    return ClassStore(engine_url(url), ttl_seconds=ttl_seconds)


#: Tries at switching a new SQLite file to write-ahead logging, a twentieth of a second apart.
WAL_TRIES = 100


def _write_ahead_log(cursor) -> None:
    """Switch the file to write-ahead logging, a setting the file keeps. Servers opening a new file at
    the same moment all try; SQLite can answer one of them "database is locked" at once, without
    waiting out the busy timeout, so it tries again (by then another has usually switched it)."""
    for attempt in range(WAL_TRIES):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or attempt == WAL_TRIES - 1:
                raise
            time.sleep(0.05)


def _make_engine(url: sa.URL) -> sa.Engine:
    if url.get_backend_name() == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, pool_timeout=30,
                                connect_args={"connect_timeout": 10})
    if url.database and url.database != ":memory:":
        os.makedirs(os.path.dirname(os.path.abspath(url.database)), exist_ok=True)
    engine = sa.create_engine(url, pool_size=5, max_overflow=10, pool_timeout=30,
                              connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_settings(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # the driver begins nothing itself: "begin" below does
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=30000")
        _write_ahead_log(cur)
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn):
        # A writer takes the lock at BEGIN: a deferred transaction that reads and then writes
        # can fail at once with "database is locked" (the busy timeout does not apply to it).
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("mixgen_write") else "BEGIN")

    return engine


class ClassStore:
    """Rounds and answers on one database (thread-safe: each call takes its own connection)."""

    def __init__(self, url: sa.URL, *, ttl_seconds: float = DEFAULT_TTL_SECONDS):
        if not (isinstance(ttl_seconds, (int, float)) and math.isfinite(ttl_seconds) and ttl_seconds > 0):
            raise ValueError("A round's lifetime must be a positive number of seconds.")
        self.url = url
        self.backend = url.get_backend_name()
        self.ttl_seconds = float(ttl_seconds)
        self.engine = _make_engine(url)
        self._schema_ready = False

    # ----------------------------------------------------------------- plumbing
    def _ensure_schema(self) -> None:
        if self._schema_ready:
            return
        for attempt in range(3):
            try:
                with self.engine.connect().execution_options(mixgen_write=True) as conn, conn.begin():
                    _meta.create_all(conn, checkfirst=True)
                break
            except (IntegrityError, ProgrammingError):
                # Two servers created the tables at the same moment: the other one won, use its tables.
                if attempt == 2:
                    raise
        self._schema_ready = True

    def _write(self):
        self._ensure_schema()
        return _Tx(self.engine.connect().execution_options(mixgen_write=True))

    def _read(self):
        self._ensure_schema()
        return _Tx(self.engine.connect())

    def close(self) -> None:
        self.engine.dispose()

    # ----------------------------------------------------------------- teacher
    def open_round(self, scenario: str) -> Round:
        """A new round for ``scenario`` (e.g. ``"gaussians?g_challenge=true&g_seed=3"``), taking
        answers until it ends or expires. Deletes expired rounds first."""
        if not isinstance(scenario, str) or not scenario or len(scenario) > MAX_SCENARIO:
            raise ValueError(f"A scenario is a page and its settings, at most {MAX_SCENARIO} characters.")
        if re.search(r"[\x00-\x1f\x7f]", scenario):
            raise ValueError("A scenario cannot contain control characters.")
        self.purge_expired()
        key = new_teacher_key()
        expires = time.time() + self.ttl_seconds
        for _ in range(20):
            code = new_code()
            try:
                with self._write() as conn:
                    conn.execute(rounds.insert().values(code=code, key_hash=key_digest(key), scenario=scenario,
                                                        expires_at=expires, ended=False))
                return Round(code, key, scenario, expires)
            except IntegrityError:
                continue  # that code is taken: draw another
        raise RuntimeError("Could not find a free round code; try again.")

    def end_round(self, code: str, teacher_key: str) -> None:
        """Stop taking answers (the board stays readable until the round expires)."""
        code = self._check_key(code, teacher_key)
        with self._write() as conn:
            conn.execute(rounds.update().where(rounds.c.code == code).values(ended=True))

    def board(self, code: str, teacher_key: str) -> list[dict[str, Any]]:
        """One dict per student who answered: "nickname" and the result's keys."""
        return self.board_state(code, teacher_key).rows

    def board_state(self, code: str, teacher_key: str) -> BoardState:
        """The board in one query: the round (to check the key), joined students and answers.

        Raises ValueError for an unknown or expired round, PermissionError for a wrong key."""
        code = normalise_code(code)
        q = (sa.select(rounds.c.key_hash, rounds.c.scenario, rounds.c.ended, rounds.c.expires_at,
                       answers.c.nickname, *(answers.c[k] for k in _RESULT_COLUMNS))
             .select_from(rounds.outerjoin(answers, answers.c.code == rounds.c.code))
             .where(rounds.c.code == code))
        with self._read() as conn:
            found = conn.execute(q).all()
        if not found or found[0].expires_at <= time.time():
            raise ValueError(f"There is no round {code} (it may have expired).")
        if not key_matches(teacher_key, found[0].key_hash):
            raise PermissionError("This is not the teacher's key for this round.")
        joined = [r for r in found if r.nickname is not None]
        rows = [{"nickname": r.nickname, **{k: getattr(r, k) for k in _RESULT_COLUMNS if getattr(r, k) is not None}}
                for r in joined if r.accuracy is not None]
        head = found[0]
        return BoardState(code, head.scenario, bool(head.ended), head.expires_at, len(joined), rows)

    def _check_key(self, code: str, teacher_key: str) -> str:
        code = normalise_code(code)
        with self._read() as conn:
            row = conn.execute(sa.select(rounds.c.key_hash, rounds.c.expires_at)
                               .where(rounds.c.code == code)).first()
        if row is None or row.expires_at <= time.time():
            raise ValueError(f"There is no round {code} (it may have expired).")
        if not key_matches(teacher_key, row.key_hash):
            raise PermissionError("This is not the teacher's key for this round.")
        return code

    # ----------------------------------------------------------------- students
    def round_info(self, code: str) -> RoundInfo:
        """The round a typed code names; ValueError if there is none (or it expired)."""
        code = normalise_code(code)
        with self._read() as conn:
            row = conn.execute(sa.select(rounds.c.scenario, rounds.c.ended, rounds.c.expires_at)
                               .where(rounds.c.code == code)).first()
        if row is None or row.expires_at <= time.time():
            raise ValueError(f"There is no round {code}: check the code on the board.")
        return RoundInfo(code, row.scenario, bool(row.ended), row.expires_at)

    def join(self, code: str, *, student: str, nickname: str | None = None) -> RoundInfo:
        """Count the student as joined (keeping any answer already sent) and return the round."""
        return self._upsert(code, student, nickname, None)

    def submit(self, code: str, *, student: str, nickname: str | None = None,
               result: dict[str, Any]) -> None:
        """Record the student's answer, replacing their earlier one in this round.

        Raises ValueError for an unknown, expired or ended round, a nickname over 40 characters,
        or a result with an unknown key or a value that is not a number in its range."""
        self._upsert(code, student, nickname, check_result(result))

    def _upsert(self, code: str, student: str, nickname: str | None, result: dict | None) -> RoundInfo:
        code = normalise_code(code)
        student = check_student(student)
        nickname = check_nickname(nickname)
        values = {"code": code, "student": student_digest(code, student), "nickname": nickname}
        if result is not None:
            values.update({k: result.get(k) for k in _RESULT_COLUMNS})
        insert = (postgresql.insert if self.backend == "postgresql" else sqlite.insert)(answers)
        changed = {k: v for k, v in values.items() if k not in ("code", "student")}
        stmt = insert.values(**values).on_conflict_do_update(index_elements=["code", "student"], set_=changed)
        with self._write() as conn:
            row = conn.execute(sa.select(rounds.c.scenario, rounds.c.ended, rounds.c.expires_at)
                               .where(rounds.c.code == code)).first()
            if row is None or row.expires_at <= time.time():
                raise ValueError(f"There is no round {code}: check the code on the board.")
            if row.ended:
                raise ValueError(f"Round {code} has ended: the teacher no longer takes answers.")
            conn.execute(stmt)
        return RoundInfo(code, row.scenario, False, row.expires_at)

    # ----------------------------------------------------------------- housekeeping
    def purge_expired(self, now: float | None = None) -> int:
        """Delete rounds past their expiry, with their answers. Returns how many rounds went."""
        now = time.time() if now is None else now
        expired = sa.select(rounds.c.code).where(rounds.c.expires_at <= now)
        with self._write() as conn:
            conn.execute(answers.delete().where(answers.c.code.in_(expired)))
            gone = conn.execute(rounds.delete().where(rounds.c.expires_at <= now)).rowcount
        return int(gone or 0)


class _Tx:
    """A connection in one transaction: committed on success, rolled back on error, then closed."""

    def __init__(self, conn: sa.Connection):
        self.conn = conn

    def __enter__(self) -> sa.Connection:
        self.conn.begin()
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.conn.commit()
            else:
                self.conn.rollback()
        finally:
            self.conn.close()


__all__ = ["ClassStore", "Round", "RoundInfo", "BoardState", "open_store", "database_url", "default_sqlite_path",
           "engine_url", "DEFAULT_TTL_SECONDS", "OperationalError"]
