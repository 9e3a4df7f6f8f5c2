"""Shareable links: the notice about a link's bad settings, and the link to copy."""

from __future__ import annotations

from typing import Any, Collection
from urllib.parse import urlencode, urlsplit

import streamlit as st

from mixgen_classroom.membership import CLASS_PARAMS, without_class_params
from mixgen_ui.settings import PageSettings, Setting
from mixgen_ui.text import md_escape
from mixgen_ui.url_params import link_notices, scenario_query


def link_value(s: Setting) -> Any:
    """Setting ``s``'s value in this session's link (:meth:`Setting.from_link`): for a setting whose
    widget is not drawn, such as a challenge's flag or the settings a challenge hides."""
    return s.from_link(st.query_params.get_all(s.key))


def show_link_notices(page: PageSettings, set_aside: Collection[str] = ()) -> None:
    """Warn about every setting of the link that opened the page and that is ignored or changed.

    ``set_aside``: keys the page deliberately does not read on this link (a challenge's count box
    starts empty whatever the link says); they are not the visitor's mistake, so they get no notice.

    The link is checked on the page's first run in a session (later reruns see the URL
    that the widgets themselves write); the notice stays for the rest of the visit. The
    page's count setting (the number of Gaussians or topics) decides which per-item keys
    are in use; it is read from the link, its default when unusable.
    """
    store = f"_link_notices_{page.prefix}"
    if store not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params
                  if key not in CLASS_PARAMS and key not in set_aside}
        count = page[page.count_key]
        raw = params.get(count.key, [])
        n = int(float(raw[-1])) if raw and count.problem(raw[-1]) is None else count.default
        st.session_state[store] = link_notices(params, lambda key: page.lookup(key, n))
    if st.session_state[store]:
        st.warning("Some settings in this link could not be used:\n\n"
                   + "\n".join(f"- {md_escape(n)}" for n in st.session_state[store]), icon=":material/link_off:")


#: What a copied link promises, by default.
SAME_SCENARIO = "Anyone who opens this link sees exactly the same points, documents and settings."
#: What it says when the page shows an uploaded file, which never goes into a link.
NO_UPLOAD = ("This link does not carry your uploaded file: it stays in this visit only. Whoever opens "
             "the link is asked to upload a file, then sees the same settings.")


def show_scenario_link(page: PageSettings, page_path: str, note: str = SAME_SCENARIO) -> None:
    """A copyable link that reopens this page with every current setting (st.code has a copy button)."""
    # st.context.url is the address the session was opened with (maybe another page):
    # keep only its scheme and host.
    parts = urlsplit(st.context.url or "")
    base = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    query = urlencode(scenario_query(without_class_params(st.query_params.to_dict()), st.session_state, page))
    with st.popover("Copy link to this scenario", icon=":material/link:", width="stretch"):
        st.caption(note)
        st.code(f"{base}/{page_path}" + (f"?{query}" if query else ""), language=None, wrap_lines=True)
