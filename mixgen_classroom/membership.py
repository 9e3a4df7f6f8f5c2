"""A student's membership of a round, carried by their page's URL.

Why the URL: it is the one piece of a Streamlit page that every rerun, reload and reconnect
sends back, to whichever replica answers, with no script and no cookie. So a student who was
moved to another replica (or reloaded) is still in the round, and their next check replaces
their row instead of adding one.

Three parameters: the round's code, the nickname as typed, and the student's token: 128
random bits made when they join, naming nobody (the store keeps only a digest of it with the
code). Why not a cookie: Streamlit can only read cookies, so one would have to be written by
a script, and it would outlive the student on a shared classroom computer (the next student
there would replace the previous one's row); the URL's token ends with the tab. Links a
page offers to copy leave these parameters out (:data:`CLASS_PARAMS`).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Mapping

from .codes import normalise_code
from .results import check_nickname

#: The URL parameters of a membership: round code, nickname, student token.
ROUND_PARAM, NICKNAME_PARAM, STUDENT_PARAM = "round", "nickname", "student"
CLASS_PARAMS = frozenset({ROUND_PARAM, NICKNAME_PARAM, STUDENT_PARAM})
_TOKEN = re.compile(r"[0-9a-f]{32}")


def new_student_token() -> str:
    """A fresh token: 128 random bits as 32 hexadecimal digits."""
    return secrets.token_hex(16)


@dataclass(frozen=True)
class Membership:
    """A student in a round: the code, their nickname ("" for none) and their token."""
    code: str
    nickname: str
    student: str

    def query(self) -> dict[str, str]:
        """The URL parameters that carry this membership (no nickname parameter when there is none)."""
        out = {ROUND_PARAM: self.code, STUDENT_PARAM: self.student}
        if self.nickname:
            out[NICKNAME_PARAM] = self.nickname
        return out


def membership_from_query(params: Mapping[str, str]) -> Membership | None:
    """The membership a page's URL carries; None when it carries none (no round parameter).

    Raises ValueError, with a sentence a student understands, for a round code, nickname or
    token that cannot be one (a URL is untrusted text)."""
    if ROUND_PARAM not in params:
        return None
    code = normalise_code(params[ROUND_PARAM])
    nickname = check_nickname(params.get(NICKNAME_PARAM))
    student = params.get(STUDENT_PARAM, "")
    if not isinstance(student, str) or not _TOKEN.fullmatch(student):
        raise ValueError("This link's student token is not one the app made: join the round again with its code.")
    return Membership(code, nickname, student)


def without_class_params(params: Mapping[str, str]) -> dict[str, str]:
    """``params`` without a membership's: for links meant for someone else."""
    return {k: v for k, v in params.items() if k not in CLASS_PARAMS}
