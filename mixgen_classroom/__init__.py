"""The class, live: rounds a teacher opens, answers students send, a board only the teacher's key opens.

No Streamlit here: the store is used by the pages (``mixgen_streamlit.classroom_*``), by the
tests on SQLite and a real PostgreSQL server, and by ``bench/class_rounds.py``.
"""

from .codes import CODE_ALPHABET, CODE_LENGTH, normalise_code
from .guard import CodeGuard
from .membership import CLASS_PARAMS, Membership, membership_from_query, new_student_token, without_class_params
from .results import MAX_NICKNAME, RESULT_KEYS, check_nickname, check_result
from .store import (
    DEFAULT_TTL_SECONDS,
    MAX_SCENARIO,
    BoardState,
    ClassStore,
    Round,
    RoundInfo,
    database_url,
    default_sqlite_path,
    engine_url,
    open_store,
)

__all__ = [
    "CODE_ALPHABET", "CODE_LENGTH", "normalise_code", "CodeGuard", "MAX_NICKNAME", "RESULT_KEYS", "check_nickname",
    "check_result", "DEFAULT_TTL_SECONDS", "MAX_SCENARIO", "BoardState", "ClassStore", "Round", "RoundInfo", "database_url",
    "default_sqlite_path", "engine_url", "open_store",
    "CLASS_PARAMS", "Membership", "membership_from_query", "new_student_token", "without_class_params",
]
