"""A live app for the protocol tests (one per test module; stopped after it)."""

from __future__ import annotations

import pytest

from harness.servers import start_streamlit, stop


@pytest.fixture(scope="module")
def live_app():
    proc, url = start_streamlit("app.py")
    yield proc, url
    stop(proc)
