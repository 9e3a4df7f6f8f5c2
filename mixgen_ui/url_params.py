"""Checking the settings a shared link carries, before the page's widgets read them.

Widgets are bound to the URL with ``bind="query-params"``, and Streamlit quietly drops a
value a widget cannot take. This module says *what* was dropped or changed, in words a
student understands, so the page can show a notice instead of silently differing from
the link. Every key and value here is untrusted text.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

from .settings import Setting

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
