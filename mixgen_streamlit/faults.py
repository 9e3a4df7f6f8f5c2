"""A page's fault reaches the visitor as a short message, never as a stack trace.

Community Cloud forces ``client.showErrorDetails = false``, which Streamlit treats as
"stacktrace": whatever ``.streamlit/config.toml`` says, an uncaught exception there shows
its trace. So the router runs each page inside :func:`run_page`: a fault, even at a page's
top level, is logged with its trace and the visitor reads :data:`FAULT_MESSAGE`; the next
run (another page, a reload) starts afresh. A fragment rerun does not pass through the
router, so a fragment's function is wrapped in :func:`guarded`. Faults that reach Streamlit
another way (a widget's callback) still show no trace: :func:`run_page` sets
``client.showErrorDetails`` back to ``"none"``.

``st.rerun``, ``st.stop`` and ``st.switch_page`` work by raising exceptions that are not
``Exception``s: they pass through untouched.

Two switches, for tests only: ``MIXGEN_RAISE_FAULTS=1`` (set by ``tests/conftest.py``)
lets a fault fail the test that met it, and ``MIXGEN_FAULT_PAGE=1`` adds a page that fails
at its top level, so the catching itself can be tested. Production sets neither.
"""

from __future__ import annotations

import functools
import logging
import os
from typing import Callable, TypeVar

import streamlit as st
from streamlit.errors import FragmentHandledException
from streamlit.navigation.page import StreamlitPage

from mixgen_ui.fault_text import FAULT_MESSAGE

LOG = logging.getLogger("mixgen")
FAULT_PAGE_FILE = "tests/fault_page.py"  # test code stays in tests/
F = TypeVar("F", bound=Callable)


def _tests_see_faults() -> bool:
    return os.environ.get("MIXGEN_RAISE_FAULTS") == "1"


def report(fault: Exception, where: str) -> None:
    """Log ``fault`` with its trace and tell the visitor what to try (or re-raise it under tests)."""
    if _tests_see_faults():
        raise fault
    if not isinstance(fault, FragmentHandledException):  # Streamlit has logged that one already
        LOG.error("A fault in %s", where, exc_info=fault)
    st.error(FAULT_MESSAGE, icon=":material/error:")


def run_page(page: StreamlitPage) -> None:
    """Run the page ``st.navigation`` chose; a fault in it becomes :data:`FAULT_MESSAGE`."""
    if not _tests_see_faults():
        st.set_option("client.showErrorDetails", "none")
    try:
        page.run()
    except Exception as fault:  # noqa: BLE001 - any fault of a page, by design
        report(fault, f"page {page.url_path or 'home'!r}")


def guarded(func: F) -> F:
    """Wrap a fragment's function (below ``@st.fragment``) so its own reruns catch faults too."""
    @functools.wraps(func)
    def run(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Exception as fault:  # noqa: BLE001
            report(fault, f"fragment {func.__name__!r}")
    return run  # type: ignore[return-value]


def pages_for_tests() -> list[StreamlitPage]:
    """The page of ``tests/fault_page.py`` (it fails at its top level) when ``MIXGEN_FAULT_PAGE=1``;
    no page otherwise."""
    if os.environ.get("MIXGEN_FAULT_PAGE") != "1":
        return []
    return [st.Page(FAULT_PAGE_FILE, title="Fault (tests only)", url_path="fault_for_tests")]
