"""Join a class round: the code from the link (or typed), an optional nickname, then the round's
challenge opens with the membership in its URL. Wrong codes are bounded per session
(``mixgen_classroom.CodeGuard``)."""

from mixgen_streamlit.router import ensure_router

ensure_router()

import streamlit as st

from mixgen_classroom import MAX_NICKNAME, Membership, check_nickname, normalise_code
from mixgen_streamlit import classroom
from mixgen_ui.class_facts import scenario_params
from mixgen_ui.text import md_escape

st.title("Join a class round")
st.write("Your teacher shows a code on the board. Type it here (or open the link they sent), add a nickname "
         "if you like, and the challenge opens. No account, nothing about you is kept but the nickname and "
         "your score, and only until the round expires.")
with st.form("class_join", border=True):
    typed = st.text_input("Round code", value=st.query_params.get("code", "")[:40], max_chars=40,
                          placeholder="e.g. K7RM4Q")
    nickname = st.text_input("Nickname (optional)", max_chars=MAX_NICKNAME, key="class_nickname",
                             help="Shown on the class board beside your score. Leave it empty to stay anonymous.")
    joined = st.form_submit_button("Join", icon=":material/login:", type="primary")

if joined:
    guard = classroom.guard()
    wait = guard.wait_seconds()
    try:
        if wait > 0:
            raise PermissionError(f"Too many wrong codes: try again in {wait:.0f} seconds.")
        code = normalise_code(typed)
        st.query_params["code"] = code  # a typed code is in the URL too: a reload keeps it
        m = Membership(code, check_nickname(nickname), classroom.token_for(code))
        info = classroom.class_store().join(code, student=m.student, nickname=m.nickname)
        page, params = scenario_params(info.scenario)
    except PermissionError as err:
        st.error(str(err))
    except ValueError as err:
        if "no round" in str(err).lower():
            guard.record_wrong()
        st.error(md_escape(str(err)))
    except Exception:
        st.error("The class store could not be reached. You can still open the challenge from the teacher's "
                 "link; the class will not receive your result.")
    else:
        classroom.joined(m, info.scenario)
        # The membership rides in the challenge's URL: a reload, or a reconnect to another server, keeps it.
        st.switch_page(classroom.PAGE_FILES[page], query_params={**{k: v[-1] for k, v in params.items()},
                                                                 **m.query()})
