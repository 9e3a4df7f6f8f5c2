"""Checking the settings a shared link carries, before the page's widgets read them.

Widgets are bound to the URL with ``bind="query-params"``, and Streamlit quietly drops a
value a widget cannot take. This module says *what* was dropped or changed, in words a
student understands, so the page can show a notice instead of silently differing from
the link. Every key and value here is untrusted text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
#: Notices listed one by one; the rest are counted.
MAX_NOTICES = 6
#: Characters of a key or value quoted in a notice.
QUOTE_CHARS = 40


@dataclass(frozen=True)
class Param:
    """What one URL-bound widget accepts.

    kind is "int", "float", "bool", "text" or "choice"; ``lo``/``hi`` bound numbers,
    ``max_chars`` bounds text, ``choices`` lists a choice widget's options as they appear
    in the URL.
    """

    kind: str
    lo: float | None = None
    hi: float | None = None
    max_chars: int | None = None
    choices: tuple[str, ...] = ()

    def problem(self, raw: str) -> str | None:
        """What happens to ``raw`` when it is not used as it is, or None when it is fine."""
        ignored = ", so the usual value is used instead"
        if self.kind == "bool":
            return None if raw.lower() in ("true", "false") else "is not true or false" + ignored
        if self.kind == "choice":
            return None if raw in self.choices else "is not one of the options" + ignored
        if self.kind == "text":
            if self.max_chars is not None and len(raw) > self.max_chars:
                return f"is longer than {self.max_chars:,} characters, so it was cut"
            return None
        # Streamlit reads numbers the way Python's float() does ("５" is 5, " 3 " is 3).
        try:
            value = float(raw)
        except ValueError:
            return "is not a number" + ignored
        if not math.isfinite(value):
            return "is not a finite number" + ignored
        if (self.lo is not None and value < self.lo) or (self.hi is not None and value > self.hi):
            return f"is outside {_num(self.lo)} to {_num(self.hi)}" + ignored
        if self.kind == "int" and not value.is_integer():
            return "is not a whole number, so a whole number next to it is used"
        if not _PLAIN_NUMBER.match(raw):
            return f"was read as {value:g}"
        return None


def item_param(key: str, count: int, settings: Mapping[str, Param], fields: Mapping[str, Param],
               prefix: str) -> Param | None:
    """What URL parameter ``key`` may hold on a page of ``count`` items (Gaussians, topics).

    Page-wide keys are looked up in ``settings``; per-item keys look like
    ``<prefix>_<i>_<field>`` and are in use only for ``i < count``.
    """
    if key in settings:
        return settings[key]
    match = re.fullmatch(rf"{prefix}_([0-9])_([a-z]+)", key)
    if match and int(match.group(1)) < count and match.group(2) in fields:
        return fields[match.group(2)]
    return None


def _num(x: float | None) -> str:
    return "any" if x is None else f"{x:g}"


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def link_notices(
    params: Mapping[str, Sequence[str]],
    lookup: Callable[[str], Param | None],
) -> list[str]:
    """Plain sentences about every setting of a link that is ignored or changed.

    Parameters
    ----------
    params : mapping of key -> list of raw values (``st.query_params`` as ``get_all``)
    lookup : function from a key to its :class:`Param`, or None for a key this page
        does not know (or does not use with the link's other settings).

    Returns
    -------
    list of str
        Untrusted text is quoted and cut short; escape before showing as markdown.
    """
    notices: list[str] = []
    unknown: list[str] = []
    for key, values in params.items():
        spec = lookup(key)
        if spec is None:
            unknown.append(key)
            continue
        values = list(values)
        if len(values) > 1:
            notices.append(f'"{_quote(key)}" appears {len(values)} times in the link; the last one is used.')
        reason = spec.problem(values[-1]) if values else None
        if reason:
            notices.append(f'The link\'s "{_quote(key)}" ("{_quote(values[-1])}") {reason}.')
    if unknown:
        shown = ", ".join(f'"{_quote(k)}"' for k in unknown[:3])
        more = f" and {len(unknown) - 3:,} more" if len(unknown) > 3 else ""
        notices.append(f"The link has settings this page does not use, which were ignored: {shown}{more}.")
    if len(notices) > MAX_NOTICES:
        notices = notices[: MAX_NOTICES - 1] + [f"…and {len(notices) - MAX_NOTICES + 1:,} more problems with the link."]
    return notices
