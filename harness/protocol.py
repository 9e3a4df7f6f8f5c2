"""Streamlit's websocket protocol, spoken directly: a browser-less client for the load tools.

This is the ONE module that relies on Streamlit's internal protocol (its protobufs and the
``/_stcore/stream`` handshake). ``RELIES_ON`` lists every message and field used here;
``tests/load/test_protocol.py`` checks them and a real handshake, so a Streamlit upgrade that
changes them fails loudly there instead of silently measuring nothing.

What a browser does, and so what :class:`Session` does (Streamlit 1.67 front end, ``App.tsx``):

1. GET the page (``/gaussians``): the HTML. A proxy in front may set its affinity cookie here.
2. Open the websocket ``/_stcore/stream`` with the subprotocol header
   ``streamlit, <xsrf token>, <existing session id>`` (the last two may be empty; the session
   id is sent when reconnecting, so the server can resume that session if it still has it).
3. Send ``BackMsg.rerun_script`` (a ``ClientState``): on the first run ``page_name`` is the URL
   path (``"gaussians"``) and ``page_script_hash`` empty; afterwards ``page_script_hash`` is
   the current page's hash (from ``new_session`` / ``navigation``) and ``page_name`` empty.
   ``query_string`` is the URL's query without ``?``; ``widget_states`` are the widgets' values.
4. The server answers with ``new_session`` (the session id), ``navigation`` (the pages and
   their hashes), ``delta`` messages (the elements, each with its ``metadata.delta_path``),
   ``page_info_changed`` (a new query string, e.g. a widget bound to the URL changed) and, at
   the end of the run, ``script_finished``. A run that stops because another was requested
   (``st.rerun``) ends with ``FINISHED_EARLY_FOR_RERUN`` and is followed by the real one.
5. An interaction is another ``rerun_script`` with the changed ``WidgetState``: a toggle's
   ``bool_value``, a button's ``trigger_value`` (sent once), a tab's ``string_value`` (its
   label). A widget bound to the URL (``query_param_key``) also changes the query string the
   browser sends. A page switch sends the target page's hash and drops the old page's query.
6. A widget drawn inside an ``st.fragment`` carries that fragment's id on its delta
   (``Delta.fragment_id``); changing it sends ``ClientState.fragment_id``, and the server reruns
   only that fragment: its deltas, then ``FINISHED_FRAGMENT_RUN_SUCCESSFULLY``. The rest of the
   page stays as the last run drew it.

Widget ids: Streamlit derives them from the key and parameters as ``$$ID-<hash>-<user key>``;
rather than recompute the hash, :class:`Session` reads the ids from the deltas of the run and
finds widgets by their user key.

Differences from a browser, on purpose: no static files (the browser test measures those), no
message cache (``cached_message_hashes`` empty, so every run sends every element in full, the
browser's worst case), and ``widget_states`` holds only the widgets this client has set (the
server keeps the others' values from earlier runs, as it does for a browser's).

Uses ``websocket-client`` (blocking sockets), which works both in plain threads and under
Locust's gevent. Only loopback addresses are accepted unless ``allow_remote=True``.
"""

from __future__ import annotations

import json
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import websocket  # websocket-client
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

STREAM_PATH = "/_stcore/stream"
HEALTH_PATH = "/_stcore/health"
SUBPROTOCOL = "streamlit"
WIDGET_ID_PREFIX = "$$ID"  # streamlit.runtime.state.common.GENERATED_ELEMENT_ID_PREFIX

#: Every protobuf message and field this module reads or writes (message name -> fields).
RELIES_ON: dict[str, tuple[str, ...]] = {
    "BackMsg": ("rerun_script",),
    "ClientState": ("query_string", "widget_states", "page_script_hash", "page_name", "fragment_id"),
    "WidgetStates": ("widgets",),
    "WidgetState": ("id", "trigger_value", "bool_value", "string_value", "int_value", "double_value"),
    "ForwardMsg": ("new_session", "delta", "page_info_changed", "script_finished", "navigation", "metadata"),
    "ForwardMsgMetadata": ("delta_path",),
    "NewSession": ("initialize", "page_script_hash", "app_pages"),
    "Initialize": ("session_id",),
    "Navigation": ("app_pages", "page_script_hash"),
    "AppPage": ("page_script_hash", "url_pathname"),
    "PageInfo": ("query_string",),
    "Delta": ("new_element", "add_block", "fragment_id"),
    "Element": ("exception", "checkbox", "button", "metric", "plotly_chart", "number_input"),
    "Exception": ("type", "message"),
    "Checkbox": ("id", "value", "set_value", "default", "query_param_key"),
    "Button": ("id", "label"),
    "NumberInput": ("id", "default", "query_param_key"),
    "Metric": ("label", "body"),
    "PlotlyChart": ("id", "spec"),
    "Block": ("tab_container",),
    "Block.TabContainer": ("id", "query_param_key", "default_tab_label"),
}
#: The ``script_finished`` statuses (ForwardMsg.ScriptFinishedStatus) this module tells apart.
FINISHED_STATUSES = ("FINISHED_SUCCESSFULLY", "FINISHED_WITH_COMPILE_ERROR", "FINISHED_EARLY_FOR_RERUN",
                     "FINISHED_FRAGMENT_RUN_SUCCESSFULLY")
_EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class ProtocolError(RuntimeError):
    """The server did not answer as a Streamlit server does (or not in time)."""


def user_key(widget_id: str) -> str | None:
    """The user key inside a generated widget id (``$$ID-<hash>-<key>``); None for an unkeyed one."""
    if not widget_id.startswith(WIDGET_ID_PREFIX + "-"):
        return None
    parts = widget_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[2] != "None" else None


def check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if not (host.startswith("127.") or host in ("localhost", "::1")):
        raise ValueError(f"the load tools only ever target loopback, not {host!r}")


@dataclass
class Widget:
    """A widget (or a keyed block such as tabs) seen in a run's deltas."""

    id: str
    kind: str  # the Element/Block oneof name: "checkbox", "button", "tab_container", ...
    proto: Any
    fragment: str = ""  # the st.fragment it was drawn in: changing it reruns only that fragment


@dataclass
class Run:
    """One script run, from our request to the server's ``script_finished``."""

    seconds: float
    status: str
    elements: list[tuple[tuple[int, ...], Any]] = field(default_factory=list)  # (delta_path, Element)
    element_fragments: list[str] = field(default_factory=list)  # the st.fragment of each element ("" none)
    widget_fragments: dict[str, str] = field(default_factory=dict)  # widget id -> its st.fragment
    widgets: dict[str, Widget] = field(default_factory=dict)  # by user key
    exceptions: list[str] = field(default_factory=list)
    messages: int = 0
    bytes: int = 0

    @property
    def ok(self) -> bool:
        return self.status in ("FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY") and not self.exceptions

    def metric(self, label: str) -> str | None:
        """The value shown by ``st.metric(label, ...)``, or None."""
        return next((el.metric.body for _, el in self.elements
                     if el.WhichOneof("type") == "metric" and el.metric.label == label), None)

    def plotly_data(self, key: str) -> list | None:
        """The ``data`` (traces) of the plotly chart with user key ``key``, or None."""
        w = self.widgets.get(key)
        if w is None or w.kind != "plotly_chart":
            return None
        return json.loads(w.proto.spec).get("data")


class Session:
    """One browser tab's Streamlit session, driven over the websocket."""

    def __init__(self, base_url: str, *, timeout: float = 30.0, allow_remote: bool = False):
        if not allow_remote:
            check_loopback(base_url)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.ws: websocket.WebSocket | None = None
        self.cookies: dict[str, str] = {}
        self.session_id = ""
        self.page_hash = ""
        self.pages: dict[str, str] = {}  # url_pathname -> page_script_hash
        self.query_string = ""
        self.states: dict[str, WidgetState] = {}  # by widget id: values this client has set
        self.last: Run | None = None
        self.upstream = ""  # the proxy's X-Upstream header of the latest handshake, if any

    # ------------------------------------------------------------ connection

    def _cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _remember(self, headers) -> None:
        for value in headers.get_all("Set-Cookie") or []:
            c = SimpleCookie()
            c.load(value)
            self.cookies.update({k: m.value for k, m in c.items()})

    def get(self, path: str) -> int:
        """GET ``path`` like a browser's page load (keeps cookies); returns the HTTP status."""
        req = urllib.request.Request(self.base_url + path, headers={"Cookie": self._cookie_header()}
                                     if self.cookies else {})
        with urllib.request.urlopen(req, timeout=self.timeout) as r:
            self._remember(r.headers)
            r.read()
            return r.status

    def connect(self) -> None:
        """Open the websocket (resuming ``session_id`` on a reconnect)."""
        split = urlsplit(self.base_url)
        scheme = "wss" if split.scheme == "https" else "ws"
        headers = []
        if self.cookies:
            headers.append(f"Cookie: {self._cookie_header()}")
        # The front end repurposes the subprotocol header: "streamlit, <xsrf token>, <session id>".
        protocols = [SUBPROTOCOL, "", self.session_id] if self.session_id else [SUBPROTOCOL]
        self.ws = websocket.create_connection(
            f"{scheme}://{split.netloc}{split.path}{STREAM_PATH}", timeout=self.timeout, header=headers,
            origin=f"{split.scheme}://{split.netloc}", subprotocols=protocols, enable_multithread=False)
        # nginx lists every replica it tried ("a, b" when a was down): the last one answered.
        self.upstream = (self.ws.getheaders() or {}).get("x-upstream", "").split(",")[-1].strip()

    def close(self) -> None:
        if self.ws is not None:
            try:
                self.ws.close(timeout=2)
            except Exception:  # noqa: BLE001 - closing a dead socket
                pass
            self.ws = None

    # ------------------------------------------------------------ runs

    def _send_rerun(self, extra: list[WidgetState], page_name: str = "", fragment: str = "") -> None:
        cs = ClientState(query_string=self.query_string, page_script_hash=self.page_hash, page_name=page_name,
                         fragment_id=fragment)
        cs.widget_states.CopyFrom(WidgetStates(widgets=[*self.states.values(), *extra]))
        self.ws.send_binary(BackMsg(rerun_script=cs).SerializeToString())

    def _keep_the_rest(self, run: Run, fragment: str) -> None:
        """A fragment run redrew only ``fragment``: the rest of the page is still the last run's."""
        last = self.last
        kept = [i for i, f in enumerate(last.element_fragments) if f != fragment]
        run.elements = [last.elements[i] for i in kept] + run.elements
        run.element_fragments = [last.element_fragments[i] for i in kept] + run.element_fragments
        run.widgets = {**{k: w for k, w in last.widgets.items() if w.fragment != fragment}, **run.widgets}
        run.widget_fragments = {**{i: f for i, f in last.widget_fragments.items() if f != fragment},
                                **run.widget_fragments}

    def _read_run(self, start: float, fragment: str = "") -> Run:
        run = Run(seconds=float("nan"), status="")
        deadline = start + self.timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise ProtocolError(f"no finished run within {self.timeout:g} s")
            self.ws.settimeout(left)
            try:
                data = self.ws.recv()
            except websocket.WebSocketTimeoutException as err:
                raise ProtocolError(f"no finished run within {self.timeout:g} s") from err
            if not isinstance(data, bytes):
                continue
            run.messages += 1
            run.bytes += len(data)
            msg = ForwardMsg.FromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._take_delta(run, msg)
            elif kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                self.page_hash = msg.new_session.page_script_hash or self.page_hash
                self._take_pages(msg.new_session.app_pages)
            elif kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
                self._take_pages(msg.navigation.app_pages)
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "script_finished":
                if msg.script_finished == _EARLY:
                    for drawn in (run.elements, run.element_fragments, run.widgets, run.widget_fragments):
                        drawn.clear()
                    continue
                run.seconds = time.perf_counter() - start
                run.status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if run.status == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY" and self.last is not None:
                    self._keep_the_rest(run, fragment)
                # As the browser does after each run: forget the values of widgets no longer shown.
                ids = {w.id for w in run.widgets.values()}
                self.states = {k: v for k, v in self.states.items() if k in ids}
                self.last = run
                return run

    def _take_pages(self, pages) -> None:
        for p in pages:
            self.pages[p.url_pathname] = p.page_script_hash

    @staticmethod
    def _take_delta(run: Run, msg: ForwardMsg) -> None:
        path = tuple(msg.metadata.delta_path)
        delta = msg.delta
        which = delta.WhichOneof("type")
        if which == "new_element":
            el = delta.new_element
            kind = el.WhichOneof("type")
            run.elements.append((path, el))
            run.element_fragments.append(delta.fragment_id)
            if kind == "exception":
                run.exceptions.append(f"{el.exception.type}: {el.exception.message}")
                return
            proto = getattr(el, kind) if kind else None
        elif which == "add_block":
            kind = delta.add_block.WhichOneof("type")
            proto = getattr(delta.add_block, kind) if kind else None
        else:
            return
        wid = getattr(proto, "id", "") if proto is not None and hasattr(proto, "id") else ""
        if wid and isinstance(wid, str):
            run.widget_fragments[wid] = delta.fragment_id
        key = user_key(wid) if isinstance(wid, str) else None
        if key:
            run.widgets[key] = Widget(wid, kind, proto, delta.fragment_id)

    def rerun(self, *changes: WidgetState, page_name: str = "") -> Run:
        """Send a rerun with ``changes`` (kept, except triggers) and wait for the run to finish."""
        if self.ws is None:
            raise ProtocolError("not connected")
        for c in changes:
            if c.WhichOneof("value") != "trigger_value":
                self.states[c.id] = c
        triggers = [c for c in changes if c.WhichOneof("value") == "trigger_value"]
        # As the browser does: a widget drawn inside an st.fragment reruns only that fragment.
        drawn_in = self.last.widget_fragments if self.last else {}
        fragment = next((drawn_in[c.id] for c in changes if drawn_in.get(c.id)), "")
        start = time.perf_counter()
        self._send_rerun(triggers, page_name, fragment)
        return self._read_run(start, fragment)

    def open(self, path: str = "/", query: str = "") -> Run:
        """A first visit: GET the page, open the websocket, run the page named by the URL path."""
        self.query_string = query.lstrip("?")
        self.page_hash = ""
        self.get(path + (f"?{self.query_string}" if self.query_string else ""))
        self.connect()
        return self.rerun(page_name=path.strip("/"))

    def reconnect(self) -> Run:
        """What the browser does when its websocket drops: reconnect, rerun the same page and URL."""
        self.close()
        self.connect()
        return self.rerun()

    # ------------------------------------------------------------ interactions

    def widget(self, key: str) -> Widget:
        if self.last is None or key not in self.last.widgets:
            raise ProtocolError(f"no widget with key {key!r} in the latest run")
        return self.last.widgets[key]

    def _bind(self, w: Widget, value: str | None, default: str) -> None:
        """The browser writes a widget bound to the URL into the query string (the default: removed)."""
        param = getattr(w.proto, "query_param_key", "")
        if not param:
            return
        pairs = [(k, v) for k, v in parse_qsl(self.query_string, keep_blank_values=True) if k != param]
        if value is not None and value != default:
            pairs.append((param, value))
        self.query_string = urlencode(pairs)

    def toggle(self, key: str) -> Run:
        """Flip a checkbox or toggle."""
        w = self.widget(key)
        if w.id in self.states:
            current = self.states[w.id].bool_value
        else:  # the value the server shows: set from session state, else the widget's default
            current = w.proto.value if w.proto.set_value else w.proto.default
        new = not current
        self._bind(w, str(new).lower(), str(w.proto.default).lower())
        return self.rerun(WidgetState(id=w.id, bool_value=new))

    def set_number(self, key: str, value: float) -> Run:
        """Type ``value`` into a number input (the browser writes it as ``2.0`` into a bound URL)."""
        w = self.widget(key)
        default = repr(float(w.proto.default)) if w.proto.HasField("default") else ""
        self._bind(w, repr(float(value)), default)
        return self.rerun(WidgetState(id=w.id, double_value=float(value)))

    def click(self, key: str | None = None, label: str | None = None) -> Run:
        """Press a button, found by its user key or (unkeyed) its label."""
        if key is not None:
            wid = self.widget(key).id
        else:
            wid = next((el.button.id for _, el in (self.last.elements if self.last else [])
                        if el.WhichOneof("type") == "button" and el.button.label == label), None)
            if wid is None:
                raise ProtocolError(f"no button labelled {label!r} in the latest run")
        return self.rerun(WidgetState(id=wid, trigger_value=True))

    def open_tab(self, key: str, label: str) -> Run:
        """Click a tab of ``st.tabs(..., key=key)`` (tabs bound to the URL rerun to fill the tab)."""
        w = self.widget(key)
        self._bind(w, label, w.proto.default_tab_label)
        return self.rerun(WidgetState(id=w.id, string_value=label))

    def switch_page(self, url_pathname: str) -> Run:
        """Click a page in the sidebar: run the page with that URL path, without the old page's query."""
        if url_pathname not in self.pages:
            raise ProtocolError(f"no page {url_pathname!r} (known: {sorted(self.pages)})")
        self.page_hash = self.pages[url_pathname]
        self.query_string = ""
        self.states.clear()
        return self.rerun()
