"""The class round in the pages: the shared store, the student's membership and sending their
result on check, the teacher's "Start a class round" panel.

A student's membership (round code, nickname, a random token that is their row's key) lives in
their page's URL (:mod:`mixgen_classroom.membership` says why), so a reload or a reconnect to
another replica keeps it; a session checks the URL's round once against the store, counting a
round that does not exist as a wrong code. A result is sent once per check: reruns that show
the same checked answer send nothing, a new check replaces the earlier answer. If it cannot be
sent, the check still shows and one sentence says the class did not receive it.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from mixgen_classroom import (
    MAX_SCENARIO,
    ClassStore,
    CodeGuard,
    Membership,
    database_url,
    default_sqlite_path,
    membership_from_query,
    new_student_token,
    open_store,
    without_class_params,
)
from mixgen_ui.class_board import NOT_SENT, SQLITE_NOTE, page_link, qr_png
from mixgen_ui.class_facts import PAGES, same_data, scenario_params
from mixgen_ui.gaussian_settings import GAUSSIANS
from mixgen_ui.settings import Setting
from mixgen_ui.topic_settings import TOPICS
from mixgen_ui.url_params import scenario_query

#: Session-state keys of the class round.
TOKENS = "_class_tokens"      # {code: token} the tokens this session made (rejoining keeps one row)
ROUNDS = "_class_rounds"      # {code: its scenario, None: no such round, "": not looked up} checked this session
GUARD = "_class_code_guard"   # the session's CodeGuard (wrong codes, typed or in a URL)
SENT = "_class_sent"          # (code, result items) last sent, and whether it arrived
TEACHER = "_class_teacher"    # {scenario: Round} the rounds this session opened
#: The pages (files) a round's scenario opens, by the scenario's page name.
PAGE_FILES = {"gaussians": "pages/gaussians.py", "topics": "pages/topics.py"}
PAGE_SETTINGS = {"gaussians": GAUSSIANS, "topics": TOPICS}


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(url: str) -> ClassStore:
    return open_store(url)


def show_qr(link: str, width: int, caption: str, alt: str) -> None:
    """``link`` as a QR code to project, or a sentence saying it is too long for one."""
    png = qr_png(link)
    if png is None:
        st.caption("This link is too long for a QR code: send the link itself.")
    else:
        st.image(png, width=width, caption=caption, output_format="PNG", alt=alt)


def class_store() -> ClassStore:
    """The server's one store: ``MIXGEN_DATABASE_URL`` (environment or secrets), else the SQLite file."""
    return _store(database_url(st.secrets) or "sqlite:///" + default_sqlite_path())


def base_url() -> str:
    """This app's address as the browser sees it (scheme and host), for links to send."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def guard() -> CodeGuard:
    return st.session_state.setdefault(GUARD, CodeGuard())


def token_for(code: str) -> str:
    """The student's token for round ``code``: the one this session made for it, else a new one."""
    tokens = st.session_state.setdefault(TOKENS, {})
    return tokens.setdefault(code, new_student_token())


def joined(m: Membership, scenario: str) -> None:
    """Remember that ``m`` was just joined to a round of ``scenario``."""
    st.session_state.setdefault(ROUNDS, {})[m.code] = scenario
    st.session_state.pop(SENT, None)


def membership() -> tuple[Membership | None, str | None]:
    """The round the page's URL carries, and a sentence when the URL names a round that cannot be used.

    The round is looked up once per session; an unknown one counts as a wrong code (so a URL
    cannot be used to try codes faster than the Join page allows). When the store cannot be
    reached the membership is kept: the check will say whether its result arrived."""
    try:
        m = membership_from_query(st.query_params.to_dict())
    except ValueError as err:
        return None, f"This page's link names a class round, but {_lower_first(str(err))}"
    if m is None:
        return None, None
    known = st.session_state.setdefault(ROUNDS, {})
    if m.code not in known:
        if guard().wait_seconds() > 0:
            return None, "Too many wrong round codes in a minute: your check stays on this page for now."
        try:
            known[m.code] = class_store().round_info(m.code).scenario
        except ValueError:
            guard().record_wrong()
            known[m.code] = None
        except Exception:  # the store is unreachable: keep the membership, the check says what happened
            known[m.code] = ""
    if known[m.code] is None:
        return None, f"There is no class round {m.code} (it may have expired): your check stays on this page."
    return m, None


def member() -> Membership | None:
    return membership()[0]


def round_value(s: Setting) -> Any:
    """Setting ``s``'s value in the scenario of the student's round (what the board scores them
    against), or in the page's link when the round could not be looked up."""
    m = member()
    scenario = st.session_state.get(ROUNDS, {}).get(m.code) if m else ""
    raw = scenario_params(scenario)[1].get(s.key, []) if scenario else st.query_params.get_all(s.key)
    return s.from_link(list(raw))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def member_note(checked: bool) -> None:
    """One line on a page the student opened from a round: where their check goes. ``checked``:
    whether the guess is checked now; while it is not, the next check is a new one to send (even
    with the same result: the student is told whether the class received it)."""
    m, problem = membership()
    if problem:
        st.caption(_md_literal(problem))
    if m and not checked:
        st.session_state.pop(SENT, None)
    if m:
        # First-strong isolates: a right-to-left mark in a nickname cannot reorder the sentence around it.
        who = f" as \u2068{_md_literal(m.nickname)}\u2069" if m.nickname else ""
        st.caption(f"Class round **{m.code}**{who}: when you check your guess, your result goes "
                   "to the class board.")


def _md_literal(text: str) -> str:
    from mixgen_ui.text import md_escape
    return md_escape(text)


def _page_params(page: str) -> dict[str, list[str]]:
    """The settings the page shows now (its link, corrected by its widgets), as a link's parameters."""
    query = scenario_query(without_class_params(st.query_params.to_dict()), st.session_state, PAGE_SETTINGS[page])
    return {k: [v] for k, v in query.items()}


def report_result(result: dict[str, Any], page: str) -> None:
    """Send a checked guess's result to the student's round (once per check), and say in one line
    whether the class received it. Nothing happens outside a round. A guess on other data than
    the round's (a student who changed the settings) is not sent: the board scores the round's."""
    m = member()
    if not m:
        return
    key = (m.code, tuple(sorted(result.items())))
    sent = st.session_state.get(SENT)
    scenario = st.session_state.get(ROUNDS, {}).get(m.code)
    if scenario and not (scenario.partition("?")[0] == page and same_data(scenario, _page_params(page))):
        sent = (key, f": these are not the round's {PAGES[page]} (the settings changed), and the board "
                     f"compares everyone on the round's {PAGES[page]}")
    elif sent is None or sent[0] != key:
        try:
            class_store().submit(m.code, student=m.student, nickname=m.nickname, result=result)
            sent = (key, None)
        except ValueError as err:
            sent = (key, f": {err}" if "ended" in str(err) else ": the round is no longer open")
        except Exception:  # the database is down or unreachable: the guess must still work
            sent = (key, ": the class store could not be reached")
        st.session_state[SENT] = sent
    if sent[1] is None:
        st.caption(f":material/cloud_done: Sent to the class board (round {m.code}). Check again to replace it.")
    else:
        st.warning(NOT_SENT.format(reason=_md_literal(sent[1].rstrip("."))), icon=":material/cloud_off:")


def _open_round(scenario: str) -> None:
    """The button's callback (so it works inside a fragment too): open the round, keep it in the session."""
    try:
        r = class_store().open_round(scenario=scenario)
    except Exception:
        st.session_state["_class_start_failed"] = True
        return
    st.session_state[TEACHER] = {**st.session_state.get(TEACHER, {}), scenario: r}


def start_round_panel(scenario: str) -> None:
    """"Start a class round" for a challenge's scenario; once started, the code, the link and QR
    code to project, and the teacher's private link to the board."""
    r = st.session_state.get(TEACHER, {}).get(scenario)
    if r is None and len(scenario) > MAX_SCENARIO:  # the store would refuse it: say so before the click
        st.caption(f"This scenario is too long for a class round (more than {MAX_SCENARIO:,} characters, from "
                   "its words): shorten them, or send the link.")
        return
    if r is None:
        st.button("Start a class round", icon=":material/groups:", key="class_start", on_click=_open_round,
                  args=(scenario,),
                  help="Students join with a short code; their results gather on a board only you can open.")
        if st.session_state.pop("_class_start_failed", False):
            st.error("The class store could not be reached, so no round was started. Try again in a moment.")
        return
    base = base_url()
    join = page_link(base, "join", {"code": r.code})
    board = page_link(base, "board", {"code": r.code, "key": r.teacher_key})
    st.html(f"<p><b>Class round</b> <span style='font-size:2.2rem;font-weight:700;letter-spacing:0.2rem'>"
            f"{html.escape(r.code)}</span></p>")
    st.caption("Students open this link (or type the code on the Join page):")
    st.code(join, language=None, wrap_lines=True)
    show_qr(join, 220, f"Join round {r.code}", f"QR code of the link to join round {r.code}")
    st.caption("Your private board link (it holds the key that opens the board: do not project it):")
    st.code(board, language=None, wrap_lines=True)
    st.link_button("Open the board", board, icon=":material/leaderboard:")
    if class_store().backend == "sqlite":
        st.caption(SQLITE_NOTE)


def report_points_guess(score, k_guess: int) -> None:
    """A checked grouping of points: accuracy, adjusted Rand index and the number of groups guessed."""
    report_result({"accuracy": float(score.accuracy), "ari": max(-1.0, min(1.0, float(score.adjusted_rand))),
                   "k_guess": int(k_guess)}, "gaussians")


def report_words_guess(prefix: str, words, true_topics, n_topics: int) -> None:
    """A checked word-by-word guess: the share of the asked words given their true topic."""
    from mixgen_ui.guess_words import GUESS_WORDS, current_guesses, score_guess
    n = min(len(words), GUESS_WORDS)
    score = score_guess(list(true_topics[:n]), current_guesses(st.session_state, prefix, n, n_topics))
    report_result({"accuracy": float(score.share)}, "topics")
