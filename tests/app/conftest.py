"""Fixtures of the AppTest tests."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests import ROOT

ROUTER = """
import streamlit as st
R = {root!r}
st.navigation([
    st.Page(R + "/pages/{first}.py", default=True),
    st.Page(R + "/pages/{second}.py", url_path="other-guide"),
    st.Page(R + "/pages/gaussians.py", url_path="gaussians"),
    st.Page(R + "/pages/topics.py", url_path="topics"),
]).run()
"""


@pytest.fixture
def open_guide(tmp_path):
    """Run a guide inside a router like ``app.py``'s, with the query parameters given.

    The router sits in ``tmp_path`` beside a ``pages`` link to the real folder, so
    ``st.page_link("pages/gaussians.py")`` resolves exactly as it does from ``app.py``.
    """
    (tmp_path / "pages").symlink_to(ROOT / "pages", target_is_directory=True)

    def run(name: str, **query: str) -> AppTest:
        other = "guide_topics" if name == "guide_gaussians" else "guide_gaussians"
        router = tmp_path / f"router_{name}.py"
        router.write_text(ROUTER.format(root=str(ROOT), first=name, second=other))
        at = AppTest.from_file(str(router), default_timeout=30)
        at.query_params.update(query)
        at.run()
        assert not at.exception, at.exception
        return at

    return run
