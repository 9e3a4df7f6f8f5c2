"""What a student may send to a class round, checked strictly before it reaches the database.

A result is a small dict of known keys with bounded values; anything else (an unknown key, a
number outside its range, a string where a number belongs, NaN) is refused with a ValueError
whose sentence says what was wrong. Nicknames are kept exactly as typed (markup, right-to-left
marks and quotes included): whoever shows them escapes them.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any, Mapping

#: Longest nickname, in characters.
MAX_NICKNAME = 40
#: Longest student token (a session's id; stored only as a digest).
MAX_STUDENT = 200
#: Most groups a student can say they see (as many as a mixture may have components).
MAX_GROUPS = 8

#: Every key a result may hold: (kind, lowest, highest). "accuracy" is required: the share of
#: points (or, on the topic page, of words) in their right group.
RESULT_KEYS: dict[str, tuple[str, float, float]] = {
    "accuracy": ("real", 0.0, 1.0),
    "ari": ("real", -1.0, 1.0),       # adjusted Rand index: 1 perfect, about 0 random, never below -1
    "k_guess": ("int", 1, MAX_GROUPS),  # how many groups the student said they see
}
REQUIRED_KEYS = frozenset({"accuracy"})


def check_nickname(nickname: Any) -> str:
    """The nickname as typed (None or blank becomes ""); ValueError when too long or not text."""
    if nickname is None:
        return ""
    if not isinstance(nickname, str):
        raise ValueError("A nickname must be text.")
    if len(nickname) > MAX_NICKNAME:
        raise ValueError(f"A nickname can have at most {MAX_NICKNAME} characters; this one has {len(nickname)}.")
    # Control characters (a NUL, a line break) cannot be shown and some databases refuse them;
    # format characters such as right-to-left marks are text and are kept.
    if any(unicodedata.category(ch) == "Cc" for ch in nickname):
        raise ValueError("A nickname cannot contain control characters such as line breaks.")
    return nickname if nickname.strip() else ""


def check_student(student: Any) -> str:
    """The student's token (their session's id): non-empty text of bounded length."""
    if not isinstance(student, str) or not student or len(student) > MAX_STUDENT:
        raise ValueError(f"A student is identified by a non-empty text of at most {MAX_STUDENT} characters.")
    return student


def check_result(result: Any) -> dict[str, float | int]:
    """A clean copy of ``result``: only known keys, each value of its kind and in its range.

    Raises
    ------
    ValueError
        For anything but a dict of known keys with an accuracy, or a value that is not a
        number (booleans and NaN included) or lies outside its range.
    """
    if not isinstance(result, Mapping):
        raise ValueError("A result must be a dict such as {'accuracy': 0.9}.")
    if len(result) > len(RESULT_KEYS):
        raise ValueError(f"A result has at most {len(RESULT_KEYS)} entries.")
    unknown = [k for k in result if k not in RESULT_KEYS]
    if unknown:
        raise ValueError(f"A result can only hold {', '.join(RESULT_KEYS)}; {str(unknown[0])[:40]!r} is not one.")
    missing = REQUIRED_KEYS - set(result)
    if missing:
        raise ValueError(f"A result must say its {sorted(missing)[0]}.")
    clean: dict[str, float | int] = {}
    for k, value in result.items():
        kind, lo, hi = RESULT_KEYS[k]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            # numpy scalars are numbers too: accept them through their Python value
            if hasattr(value, "item") and not isinstance(value, (str, bytes)):
                value = value.item()
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"The result's {k} must be a number.")
        if kind == "int":
            if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
                raise ValueError(f"The result's {k} must be a whole number.")
            value = int(value)
        else:
            value = float(value)
            if not math.isfinite(value):
                raise ValueError(f"The result's {k} must be a finite number.")
        if not lo <= value <= hi:
            raise ValueError(f"The result's {k} must lie between {lo:g} and {hi:g}; it is {value:g}.")
        clean[k] = value
    return clean
