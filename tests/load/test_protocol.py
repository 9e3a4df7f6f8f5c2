"""What the load tools rely on from Streamlit's internal protocol, checked against this Streamlit.

``harness/protocol.py`` is the one module that speaks the protocol. If a Streamlit upgrade renames
a message or field, changes the handshake, or stops answering a widget change with a rerun,
these tests fail and say what moved; then fix ``harness/protocol.py`` (and ``RELIES_ON``).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from streamlit.proto import (AppPage_pb2, BackMsg_pb2, Block_pb2, Button_pb2, Checkbox_pb2, ClientState_pb2, Delta_pb2,
                             Element_pb2, Exception_pb2, ForwardMsg_pb2, Metric_pb2, Navigation_pb2, NewSession_pb2,
                             NumberInput_pb2,
                             PageInfo_pb2, PlotlyChart_pb2, WidgetStates_pb2)
from streamlit.runtime.state.common import GENERATED_ELEMENT_ID_PREFIX

from harness import protocol
from harness.protocol import Session, user_key
from harness.servers import ROOT

MESSAGES = {
    "BackMsg": BackMsg_pb2.BackMsg, "ClientState": ClientState_pb2.ClientState,
    "WidgetStates": WidgetStates_pb2.WidgetStates, "WidgetState": WidgetStates_pb2.WidgetState,
    "ForwardMsg": ForwardMsg_pb2.ForwardMsg, "ForwardMsgMetadata": ForwardMsg_pb2.ForwardMsgMetadata,
    "NewSession": NewSession_pb2.NewSession, "Initialize": NewSession_pb2.Initialize,
    "Navigation": Navigation_pb2.Navigation, "AppPage": AppPage_pb2.AppPage, "PageInfo": PageInfo_pb2.PageInfo,
    "Delta": Delta_pb2.Delta, "Element": Element_pb2.Element, "Exception": Exception_pb2.Exception,
    "Checkbox": Checkbox_pb2.Checkbox, "Button": Button_pb2.Button, "NumberInput": NumberInput_pb2.NumberInput, "Metric": Metric_pb2.Metric,
    "PlotlyChart": PlotlyChart_pb2.PlotlyChart, "Block": Block_pb2.Block,
    "Block.TabContainer": Block_pb2.Block.TabContainer,
}


@pytest.mark.parametrize("name", sorted(protocol.RELIES_ON))
def test_every_message_and_field_we_use_exists(name):
    assert name in MESSAGES, f"add {name} to MESSAGES in this test"
    fields = set(MESSAGES[name].DESCRIPTOR.fields_by_name)
    missing = [f for f in protocol.RELIES_ON[name] if f not in fields]
    assert not missing, f"Streamlit's {name} no longer has {missing}: harness/protocol.py must change"


def test_finished_statuses_and_widget_id_format():
    names = set(ForwardMsg_pb2.ForwardMsg.ScriptFinishedStatus.keys())
    assert set(protocol.FINISHED_STATUSES) <= names
    assert GENERATED_ELEMENT_ID_PREFIX == protocol.WIDGET_ID_PREFIX
    assert user_key(f"{GENERATED_ELEMENT_ID_PREFIX}-0123abcd-g_colour") == "g_colour"
    assert user_key(f"{GENERATED_ELEMENT_ID_PREFIX}-0123abcd-None") is None


def test_only_loopback():
    with pytest.raises(ValueError):
        Session("http://example.org")


def test_opening_handshake_finishes_a_run(live_app):
    _, url = live_app
    s = Session(url)
    try:
        run = s.open("/gaussians")
        assert run.ok, (run.status, run.exceptions)
        assert s.session_id, "no session id in new_session"
        assert {"gaussians", "topics"} <= set(s.pages), s.pages
        assert s.page_hash == s.pages["gaussians"]
        assert {"g_colour", "g_plot", "g_seed"} <= set(run.widgets)
        assert run.metric("Points") is not None
    finally:
        s.close()


def test_toggle_and_button_rerun_with_the_new_value_in_the_deltas(live_app):
    _, url = live_app
    s = Session(url)
    try:
        names = lambda run: [t.get("name") for t in run.plotly_data("g_plot")]  # noqa: E731
        first = s.open("/gaussians")
        assert len(names(first)) == 3  # one trace per Gaussian: coloured by source
        off = s.toggle("g_colour")
        assert off.ok and len(names(off)) == 1  # one grey trace
        assert "g_colour=false" in s.query_string  # bound to the URL, as the browser writes it
        again = s.click(label="New sample")
        assert again.ok and again.plotly_data("g_plot") != off.plotly_data("g_plot")
        topics = s.switch_page("topics")
        assert topics.ok and "t_tab" in topics.widgets and "g_colour" not in topics.widgets
        tab = s.open_tab("t_tab", "3 · Mixed documents")
        assert tab.ok and "t_colour" in tab.widgets
        before = [el.html.body for _, el in tab.elements if el.WhichOneof("type") == "html"]
        after_run = s.toggle("t_colour")
        after = [el.html.body for _, el in after_run.elements if el.WhichOneof("type") == "html"]
        assert after_run.ok and before != after  # the words lose their colours
    finally:
        s.close()


def test_same_link_same_sample_in_a_new_session(live_app):
    _, url = live_app
    a, b = Session(url), Session(url)
    try:
        ra, rb = a.open("/gaussians", "g_seed=7&g_k=4"), b.open("/gaussians", "g_seed=7&g_k=4")
        assert ra.metric("Points") == rb.metric("Points")
        assert ra.plotly_data("g_plot") == rb.plotly_data("g_plot")
    finally:
        a.close()
        b.close()


def test_locust_smoke_three_users_no_failure(live_app):
    """The load generator itself, in its own process (Locust patches sockets with gevent)."""
    proc, url = live_app
    out = subprocess.run(
        [sys.executable, "-m", "bench.capacity", "--url", url, "--pid", str(proc.pid), "--users", "3",
         "--duration", "10", "--think", "0.5,1.5", "--spawn-rate", "3", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=180)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    assert lines, out.stdout[-2000:] + out.stderr[-3000:]
    step = json.loads(lines[-1])
    assert step["failures"] == 0, step["errors"]
    assert step["held"] == 3
    assert step["requests"] >= 3  # every user did at least one interaction
