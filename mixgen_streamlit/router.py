"""Make sure every page runs inside ``app.py``'s router.

Streamlit still honours the old convention that a ``pages/`` folder next to the main
script holds pages. Until ``st.navigation`` has run once in the server process, a first
visitor who opens ``/topics`` directly gets ``pages/topics.py`` run on its own: no page
config, the wrong sidebar. A page that finds itself run that way switches the old mode
off and reruns, so ``app.py`` routes it like any other visit.
"""

from __future__ import annotations

import streamlit as st


def ensure_router() -> None:
    """Rerun through ``app.py`` if this page was started by the old ``pages/`` folder mode."""
    from mixgen_streamlit.url_numbers import whole_numbers_stay_whole

    whole_numbers_stay_whole()
    try:  # internal: no public switch exists, so a Streamlit without it simply skips this
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
