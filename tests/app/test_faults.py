"""A page's fault reaches the visitor as a short message, never a stack trace, as on Community
Cloud (``client.showErrorDetails = false``, which Streamlit shows as "stacktrace"); the fault is
logged with its trace and the other pages keep working."""

from __future__ import annotations

import logging

import pytest
from streamlit import config
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
from streamlit.testing.v1 import AppTest

import mixgen_core
from mixgen_streamlit import faults
from mixgen_ui.fault_text import FAULT_MESSAGE
from tests import ROOT


@pytest.fixture
def as_on_community_cloud(monkeypatch):
    """Faults caught as in production, with Community Cloud's error setting; restored afterwards."""
    monkeypatch.delenv("MIXGEN_RAISE_FAULTS")
    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "false")
    yield
    config.set_option("client.showErrorDetails", before)


def _app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    return at


def _shows_fault_message(at: AppTest) -> bool:
    return any(e.value == FAULT_MESSAGE for e in at.error)


def test_a_fault_at_a_page_top_level_shows_the_message_and_logs_the_trace(
        as_on_community_cloud, monkeypatch, caplog):
    monkeypatch.setenv("MIXGEN_FAULT_PAGE", "1")
    at = _app()
    with caplog.at_level(logging.ERROR, logger="mixgen"):
        at.switch_page(faults.FAULT_PAGE_FILE).run()
    assert not at.exception
    assert _shows_fault_message(at)
    assert at.title[0].value == "A page that fails"  # what ran before the fault stays on the page
    assert config.get_option("client.showErrorDetails") == "none"  # a fault elsewhere shows no trace either
    [record] = [r for r in caplog.records if r.name == "mixgen"]
    assert "fault_for_tests" in record.getMessage()
    assert "a fault injected by the tests" in caplog.text and "Traceback" in caplog.text
    # The same session goes on to another page and finds it working.
    at.switch_page("pages/topics.py").run()
    assert not at.exception and not _shows_fault_message(at)
    assert at.title and at.get("plotly_chart")


def test_a_fault_inside_the_gaussian_pages_fragment_keeps_the_sidebar(as_on_community_cloud, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("sampling broke")

    at = _app()
    monkeypatch.setattr(mixgen_core, "sample_gaussian_mixture", broken)
    with caplog.at_level(logging.ERROR, logger="mixgen"):
        at.switch_page("pages/gaussians.py").run()
    assert not at.exception
    assert _shows_fault_message(at)
    assert at.sidebar.slider  # the settings outside the fragment are still there to change
    assert "sampling broke" in caplog.text
    monkeypatch.undo()  # the fault is gone: the page works again on the next run
    at.run()
    assert not _shows_fault_message(at) and at.get("plotly_chart")


class _Page:
    """A page whose run raises ``control``, as ``st.stop()``/``st.rerun()`` do inside a page."""
    url_path = "a_page"

    def __init__(self, control: BaseException):
        self.control = control

    def run(self) -> None:
        raise self.control


@pytest.mark.parametrize("control", [StopException(), RerunException(RerunData())], ids=["stop", "rerun"])
def test_st_stop_and_st_rerun_pass_through_the_router(as_on_community_cloud, control):
    """Streamlit's control flow is not a fault: the pages' ``st.stop()`` after a message, the
    router's ``st.rerun()``."""
    with pytest.raises(type(control)):
        faults.run_page(_Page(control))


def test_tests_see_faults_as_exceptions(monkeypatch):
    """Under the tests a fault fails the run, so no test passes by meeting the friendly message."""
    monkeypatch.setenv("MIXGEN_FAULT_PAGE", "1")
    at = _app()
    at.switch_page(faults.FAULT_PAGE_FILE).run()
    assert at.exception and not _shows_fault_message(at)


def test_the_fault_page_exists_only_when_the_tests_ask(monkeypatch):
    monkeypatch.delenv("MIXGEN_FAULT_PAGE", raising=False)
    assert faults.pages_for_tests() == []
    at = _app()
    with pytest.raises(ValueError):
        at.switch_page(faults.FAULT_PAGE_FILE)
