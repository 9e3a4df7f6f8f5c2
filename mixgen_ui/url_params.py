"""Checking the settings a shared link carries, before the page's widgets read them.

Widgets are bound to the URL with ``bind="query-params"``, and Streamlit quietly drops a
value a widget cannot take. This module says *what* was dropped or changed, in words a
student understands, so the page can show a notice instead of silently differing from
the link. Every key and value here is untrusted text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from .settings import PageSettings, Setting

#: Notices listed one by one; the rest are counted.
MAX_NOTICES = 6
#: Characters of a key or value quoted in a notice.
QUOTE_CHARS = 40


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def link_notices(
    params: Mapping[str, Sequence[str]],
    lookup: Callable[[str], Setting | None],
) -> list[str]:
    """Plain sentences about every setting of a link that is ignored or changed.

    Parameters
    ----------
    params : mapping of key -> list of raw values (``st.query_params`` as ``get_all``)
    lookup : function from a key to its :class:`~mixgen_ui.settings.Setting`, or None for a key this page
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


def url_text(s: Setting, value: Any) -> str:
    """``value`` of setting ``s`` as the URL spells it (``true``, ``2.5``, an option's name)."""
    if s.kind == "bool":
        return "true" if value else "false"
    if s.kind in ("int", "float"):
        stored = s.stored(value)  # a whole number in a box is a float, and Streamlit writes it so
        return repr(stored) if isinstance(stored, float) else str(stored)
    return str(value)


def scenario_query(params: Mapping[str, str], state: Mapping[str, Any], page: PageSettings) -> dict[str, str]:
    """The query that reopens this scenario: the URL's parameters, corrected by the widgets' values.

    The browser sends its URL with each rerun, but a widget bound to the URL may change it
    just *after* sending (Streamlit's frontend reads the query from React state not yet
    updated), so the parameters can lag one click behind. The values in session state
    never do: every setting of ``page`` found there wins, and one at its default is left
    out, as Streamlit does.
    """
    query = dict(params)
    count = int(state.get(page.count_key, page[page.count_key].default)) if page.count_key else 0
    # Only the declared keys are looked up: building the whole of session state costs more.
    declared = [*page.settings, *(page.item(i, f.key) for i in range(count) for f in page.fields)]
    for s in declared:
        key = s.key
        value = state.get(key)
        if value is None:
            continue
        if s.kind == "choice" and value not in s.options:
            continue
        if s.stored(value) == s.stored(s.default):
            query.pop(key, None)
        elif not (key in query and _same(s, query[key], value)):
            query[key] = url_text(s, value)
    return query


def _same(s: Setting, raw: str, value: Any) -> bool:
    """Whether the URL's text ``raw`` already says ``value`` (kept as the URL spells it)."""
    if s.kind in ("int", "float", "bool"):
        return s.problem(raw) is None and s.stored(float(raw) if s.kind != "bool" else raw.lower() == "true") \
            == s.stored(value)
    return raw == str(value)


def hidden_values(specs: Sequence[Setting], state: Mapping[str, Any],
                  params: Callable[[str], Sequence[str]]) -> dict[str, Any]:
    """``{key: value}`` of settings whose widgets are not drawn this run.

    A value the session already holds (from the widget, drawn earlier) comes first, then
    the link's (``params(key)``: every value of the key in the link, the last one used),
    then the default.
    """
    out = {}
    for s in specs:
        if s.key in state:
            out[s.key] = state[s.key]
        else:
            out[s.key] = s.from_link(list(params(s.key)))
    return out


#: What a page says while a challenge hides its settings.
CHALLENGE_CAPTION = "A challenge: the settings are hidden until you check your guess."


@dataclass(frozen=True)
class Challenge:
    """A teacher's challenge link (``?g_challenge=true``, ``?t_challenge=true``): the student guesses
    first, with the settings (which would give the answer away) hidden until a guess is checked.

    Attributes
    ----------
    on : bool
        The link sets a challenge.
    hidden : bool
        Its settings are still hidden (no guess checked yet in this session).
    """

    on: bool = False
    hidden: bool = False

    @classmethod
    def of(cls, on: bool, *, solved: bool) -> "Challenge":
        """The challenge of a link whose flag is ``on``, once a guess was checked (``solved``) or not."""
        return cls(on=bool(on), hidden=bool(on) and not solved)
