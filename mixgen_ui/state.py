"""Small helpers around ``st.session_state`` shared by the pages."""

from __future__ import annotations

from typing import Any, MutableMapping


def keep_widget_state(state: MutableMapping[str, Any], prefixes: tuple[str, ...]) -> None:
    """Stop Streamlit from dropping the values of widgets on pages not shown in this run.

    Streamlit forgets a widget's value once a run does not draw it, so switching pages
    would reset the other page. Re-assigning the value makes it ordinary session state,
    which survives; the widget picks it up again when its page is drawn.
    """
    for key in [k for k in state.keys() if isinstance(k, str) and k.startswith(prefixes)]:
        state[key] = state[key]
