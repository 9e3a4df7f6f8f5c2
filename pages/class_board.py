"""The teacher's board of a class round: who joined and answered, the spread of the class's
accuracies beside EM's and the best possible score, the number of groups guessed against the
truth and BIC's choice, the best answers by nickname, and "End round". Opens only with the
teacher's key (from the private link); refreshes itself every few seconds, one query each."""

from mixgen_streamlit.router import ensure_router

ensure_router()

from html import escape

import streamlit as st

from mixgen_streamlit import classroom
from mixgen_ui.class_board import (
    SQLITE_NOTE,
    accuracy_figure,
    best_label,
    best_answers_html,
    counts_html,
    groups_html,
    machine_with_k,
    page_link,
    spread_sentence,
)
from mixgen_ui.class_facts import scenario_facts

#: Seconds between the board's refreshes.
REFRESH_SECONDS = 3


@st.cache_data(max_entries=32, show_spinner="Drawing the round's data…")
def facts(scenario: str):
    return scenario_facts(scenario)


def end_round(code: str, key: str) -> None:
    try:
        classroom.class_store().end_round(code, key)
    except Exception:
        st.session_state["_class_end_failed"] = True


code, key = st.query_params.get("code", ""), st.query_params.get("key", "")
st.title("Class board")
if not code or not key:
    st.info("Open this page from the private board link you got when you started a class round "
            "(on a challenge: **Make this a challenge**, then **Start a class round**).")
    st.stop()
try:
    first = classroom.class_store().board_state(code, key)
except PermissionError:
    st.error("This link's key does not open this round's board.")
    st.stop()
except ValueError:
    st.error("There is no such round: it may have expired (rounds last a day).")
    st.stop()
except Exception:
    st.error("The class store could not be reached. This page tries again when you reload it.")
    st.stop()

f = facts(first.scenario)
join_link = page_link(classroom.base_url(), "join", {"code": first.code})
head, qr = st.columns([3, 1])
with head:
    host = escape(join_link.split("://")[-1].split("/")[0] or "this app")
    st.html(f'<div style="font-size:1.6rem">Join at <strong>{host}/join</strong> with the code</div><div style="font-size:4.5rem;font-weight:800;letter-spacing:0.4rem;'
            f'line-height:1.1">{first.code}</div>')
with qr:
    classroom.show_qr(join_link, 200, "Scan to join", f"QR code of the link to join round {first.code}")


@st.fragment(run_every=REFRESH_SECONDS)
def live_board() -> None:
    """One query per refresh (``board_state``); the round's facts are computed once per scenario."""
    try:
        state = classroom.class_store().board_state(code, key)
    except Exception:
        st.warning("The board could not be refreshed just now; it tries again in a few seconds.")
        return
    st.html(counts_html(state.joined, state.answered, state.ended))
    accuracies = [float(r["accuracy"]) for r in state.rows]
    machine = machine_with_k(f.machine_name, f.k_true) if f.machine is not None else ""
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("How accurate the class was")
        marks = [(machine, f.machine)] if f.machine is not None else []
        if f.best is not None:
            marks.append((best_label(f.document), f.best))
        st.plotly_chart(accuracy_figure(accuracies, marks), width="stretch", key="class_spread", theme=None,
                        config={"displayModeBar": False})  # theme=None: our large projector fonts
        st.html(f"<p style='font-size:1.3rem'>{escape(spread_sentence(accuracies, f.machine, machine))}</p>")
    with right:
        st.subheader("Best answers")
        st.html(best_answers_html(state.rows))
        if f.page == "gaussians":
            st.html(groups_html([r["k_guess"] for r in state.rows if "k_guess" in r], f.k_true, f.k_bic))
    if state.ended:
        st.info("The round has ended: the board stays until the round expires.")


live_board()
if not first.ended:
    st.button("End round", icon=":material/stop_circle:", on_click=end_round, args=(code, key), type="primary",
              help="Stop taking answers. The board stays readable.")
if st.session_state.pop("_class_end_failed", False):
    st.error("The round could not be ended just now (the class store did not answer). Try again.")
if f.document:
    st.caption(f"Every student of this round guesses the words of {f.document} (the round fixes it), so the "
               "best possible mark is Bayes' rule's on that document's words.")
if f.problem:
    st.caption(f"The round's scenario cannot be drawn here, so the board shows no marks: {f.problem}")
if classroom.class_store().backend == "sqlite":
    st.caption(SQLITE_NOTE)
