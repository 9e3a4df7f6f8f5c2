"""AppTest of the challenge builder and the class round: the teacher's flow (builder, round,
board, end) and the student's (join, guess, check, result on the board, resubmission, a round
that ended), on a SQLite file of each test's own."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from mixgen_classroom import open_store
from mixgen_core import sample_documents, sample_gaussian_mixture, word_posteriors
from mixgen_ui.class_facts import _value, gaussian_scenario, scenario_facts, scenario_params
from mixgen_ui.gaussian_settings import preset_values
from mixgen_ui.guess_words import GUESS_WORDS, bayes_choice
from mixgen_ui.topic_settings import TOPICS as T, topics_from_state
from tests import ROOT
from tests.app.helpers import by_key, open_link, open_page


@pytest.fixture
def class_db(tmp_path, monkeypatch):
    path = tmp_path / "class.db"
    monkeypatch.setenv("MIXGEN_CLASS_DB", str(path))
    monkeypatch.delenv("MIXGEN_DATABASE_URL", raising=False)
    return open_store(f"sqlite:///{path}")


def codes(at):
    return [c.value for c in at.get("code")]


def builder_link(at) -> str:
    (link,) = [c for c in codes(at) if "_challenge=true" in c or "_guess=true" in c]
    return link


def query_of(link: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(link).query).items()}


def test_builder_link_opens_a_challenge_with_the_settings_hidden(class_db):
    at = open_page("gaussians", g_builder=True)
    text = " ".join(m.value for m in at.markdown)
    assert "Bayes' rule puts" in text and "EM with 3 Gaussians" in text
    query = query_of(builder_link(at))
    assert query["g_challenge"] == "true" and "g_colour" not in query
    # The link opens a challenge: no sidebar settings, the guess asked for.
    student = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    student.run()
    student.switch_page("pages/gaussians.py")
    for k, v in query.items():
        student.query_params[k] = v
    student.run()
    assert not student.exception
    assert not student.sidebar.number_input
    see_groups(student, 3)
    assert "Check my guess" in [b.label for b in student.button]


def test_builder_colours_only_and_harder_presets(class_db):
    at = open_page("gaussians", g_builder=True)
    at.radio(key="g_cb_hide").set_value(at.radio(key="g_cb_hide").options[1]).run()
    query = query_of(builder_link(at))
    assert query["g_colour"] == "false" and query["g_guess"] == "true" and "g_challenge" not in query
    at.button(key="g_cb_Touching clouds").click().run()
    assert not at.exception
    assert at.session_state["g_k"] == 2 and query_of(builder_link(at))["g_k"] == "2"
    text = " ".join(m.value for m in at.markdown)
    assert "Bayes' rule puts" in text


def test_builder_scores_bayes_rule_as_it_names_its_groups(class_db):
    """Overlapping, one point per Gaussian, seed 9: Bayes' rule gives two of the three points each other's
    Gaussian (1 of 3 right); relabelling its groups to fit the truth called that 100%, "hardly any overlap"."""
    params = {k: str(v) for k, v in preset_values("Overlapping").items()}
    params.update({f"g_{i}_n": "1" for i in range(3)}, g_seed="9")
    at = open_link("gaussians", **params)
    at.session_state["g_builder"] = True
    at.run()
    text = " ".join(m.value for m in at.markdown)
    assert "Bayes' rule puts **33%** of these points" in text and "Hardly any overlap" not in text
    assert "**67%** of these points are misplaced even by Bayes' rule" in text


def test_topic_builder_link(class_db):
    at = open_page("topics", t_builder=True)
    query = query_of(builder_link(at))
    assert query["t_challenge"] == "true" and len(at.sidebar.get("image")) == 1  # its QR code
    assert any("Bayes' rule puts" in m.value for m in at.sidebar.markdown)
    at.radio(key="t_cb_hide").set_value(at.radio(key="t_cb_hide").options[1]).run()
    query = query_of(builder_link(at))
    assert query["t_colour"] == "false" and query["t_guess"] == "true" and "t_challenge" not in query
    at.toggle(key="t_builder").set_value(False).run()
    assert "t_cb_hide" not in {r.key for r in at.radio}
    assert not any("_challenge=true" in c or "_guess=true" in c for c in codes(at))


def test_a_link_too_long_for_a_qr_code_is_sent_as_a_link(class_db):
    # 200 words of 12 letters fit the words box; the challenge's link then passes what a QR code holds.
    words = ", ".join("w" * 11 + chr(97 + i % 26) + chr(97 + i // 26) for i in range(200))
    at = open_page("topics", t_builder=True, t_0_words=words)
    assert not at.exception, at.exception
    assert len(builder_link(at)) > 2400
    assert any("too long for a QR code" in c.value for c in at.sidebar.caption)
    assert not at.sidebar.get("image")
    # Longer than a round's scenario may be: said before the click, not blamed on the class store.
    words = ", ".join("w" * 20 + chr(97 + i % 26) + chr(97 + i // 26) for i in range(200))
    at = open_page("topics", t_builder=True, t_0_words=words)
    assert any("too long for a class round" in c.value for c in at.sidebar.caption)
    assert not any(b.key == "class_start" for b in at.button)


def teacher_round(class_db):
    at = open_page("gaussians", g_builder=True)
    at.button(key=[b.key for b in at.button if b.label == "Start a class round"][0]).click().run()
    assert not at.exception
    links = codes(at)
    join = next(c for c in links if "/join?" in c)
    board = next(c for c in links if "/board?" in c)
    return at, query_of(join)["code"], query_of(board)["key"]


def open_board(code, key):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.switch_page("pages/class_board.py")
    at.query_params["code"], at.query_params["key"] = code, key
    at.run()
    assert not at.exception, at.exception
    return at


def board_text(at) -> str:
    return " ".join(h.value if hasattr(h, "value") else str(h) for h in at.get("html")) + " ".join(
        m.value for m in at.markdown)


def join(code, nickname):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.switch_page("pages/class_join.py")
    at.query_params["code"] = code
    at.run()
    at.text_input(key="class_nickname").input(nickname)
    at.button[0].click().run()  # the form's Join: st.switch_page to the round's scenario
    assert not at.exception, at.exception
    # The challenge's URL: the round's scenario and the membership (round, nickname, student token).
    query = dict(at.query_params)
    assert query["round"] == code and len(query["student"]) == 32 and query.get("nickname", "") == nickname
    # AppTest runs the page switched to once; its next runs need the page and link set explicitly,
    # as the browser keeps them.
    page = open_store_of_env().round_info(code).scenario.partition("?")[0]
    return reopen(page, query, at)


def see_groups(at: AppTest, k: int) -> AppTest:
    """On a points challenge: type how many Gaussians you see (the guess starts there)."""
    at.number_input(key="g_guess_k_challenge").set_value(k).run()
    assert not at.exception, at.exception
    return at


def reopen(page: str, query: dict[str, str], at: AppTest | None = None) -> AppTest:
    """``page`` with ``query`` as its URL: in ``at``'s session, else in a new one (a reload, or a
    reconnect that another server answers)."""
    if at is None:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
        at.run()
    at.switch_page(f"pages/{page}.py")
    at.query_params.clear()
    at.query_params.update(query)
    at.run()
    assert not at.exception, at.exception
    if page == "gaussians" and query.get("g_challenge") == "true":
        see_groups(at, 3)
    return at


def open_store_of_env():
    import os
    return open_store(f"sqlite:///{os.environ['MIXGEN_CLASS_DB']}")


def test_teacher_and_students_round(class_db):
    at, code, key = teacher_round(class_db)
    assert f"Join round {code}" in [i.proto.imgs[0].caption for i in at.get("image")]
    board = open_board(code, key)
    assert code in board_text(board) and "No answers yet" in board_text(board)

    student = join(code, "<b>Ada</b>\u202e")
    # Joined: the challenge opened with the round's scenario, settings hidden.
    assert any(f"Class round **{code}**" in c.value for c in student.caption)
    assert "Check my guess" in [b.label for b in student.button]
    state = class_db.board_state(code, key)
    assert (state.joined, state.answered) == (1, 0)
    # Put every point in group 1 and check: the result reaches the store.
    n = len(student.session_state["g_guess_labels"])
    student.session_state["g_guess_labels"] = np.zeros(n, dtype=np.int8)
    student.button(key="g_guess_check").click().run()
    assert not student.exception
    assert any("Sent to the class board" in c.value for c in student.caption)
    (row,) = class_db.board(code, key)
    assert row["nickname"] == "<b>Ada</b>\u202e" and 0 < row["accuracy"] < 1 and row["k_guess"] == 3
    # A second check replaces the first: the true groups (drawn from the round's scenario as the
    # board draws them, so this also checks the board sees the students' very points) score 100%.
    components, seed = gaussian_scenario({k: [v] for k, v in student.query_params.items()})
    sample = sample_gaussian_mixture(components, np.random.default_rng(seed))
    student.session_state["g_guess_checked"] = False
    student.run()
    student.session_state["g_guess_labels"] = sample.labels.astype(np.int8)
    student.button(key="g_guess_check").click().run()
    assert not student.exception
    (row,) = class_db.board(code, key)
    assert row["accuracy"] == 1.0 and row["ari"] == 1.0
    # Escaped on the board, never markup.
    board = open_board(code, key)
    text = board_text(board)
    assert "&lt;b&gt;Ada&lt;/b&gt;" in text and "<b>Ada</b>" not in text
    # Ending the round: a later check is not received, and the student is told so in one sentence.
    [b for b in board.button if b.label == "End round"][0].click().run()
    assert class_db.board_state(code, key).ended
    student.session_state["g_guess_checked"] = False
    student.session_state["g_guess_labels"] = np.ones(n, dtype=np.int8)
    student.run()
    student.button(key="g_guess_check").click().run()
    assert not student.exception
    assert any("the class did not receive it" in w.value for w in student.warning)
    assert [r["accuracy"] for r in class_db.board(code, key)] == [1.0]


def test_board_needs_the_key(class_db):
    r = class_db.open_round(scenario="gaussians?g_challenge=true")
    at = open_board(r.code, "wrong")
    assert any("does not open" in e.value for e in at.error)
    assert not at.get("plotly_chart")


def test_wrong_codes_are_bounded(class_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    at.switch_page("pages/class_join.py").run()
    for i in range(7):
        at.text_input[0].input("ACDEF" + "ACDEFGH"[i])
        at.button[0].click().run()
        assert not at.exception
    errors = [e.value for e in at.error]
    assert any("Too many wrong codes" in e for e in errors), errors


def test_words_round_sends_the_share_right(class_db):
    r = class_db.open_round(scenario="topics?t_challenge=true")
    at = join(r.code, "")
    assert not at.exception
    by_key(at.get("segmented_control"), "t_gw_0").set_value(0).run()
    at.button(key="t_gw_check").click().run()
    assert not at.exception
    (row,) = class_db.board(r.code, r.teacher_key)
    assert set(row) == {"nickname", "accuracy"} and 0 <= row["accuracy"] <= 1


def test_unreachable_store_keeps_the_check(tmp_path, monkeypatch):
    # A database that cannot be opened (a file under a regular file): the check still works.
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("MIXGEN_CLASS_DB", str(tmp_path / "file" / "class.db"))
    at = reopen("gaussians", {"g_challenge": "true", "round": "ACDEFG", "student": "0" * 32})
    at.button(key="g_guess_check").click().run()
    assert not at.exception
    assert any("the class did not receive it" in w.value for w in at.warning)
    assert any(m.label == "Your accuracy" for m in at.metric)


def test_a_reload_keeps_the_membership_and_the_next_check_replaces_the_row(class_db):
    r = class_db.open_round(scenario="gaussians?g_challenge=true&g_seed=4")
    first = join(r.code, "Ada")
    first.button(key="g_guess_check").click().run()
    (before,) = class_db.board(r.code, r.teacher_key)
    assert before["k_guess"] == 3
    # A reload (or a reconnect to another server): a new session with the page's URL only.
    again = reopen("gaussians", dict(first.query_params))
    assert any(f"Class round **{r.code}** as \u2068Ada\u2069" in c.value for c in again.caption)
    see_groups(again, 2)
    again.button(key="g_guess_check").click().run()
    assert not again.exception and any("Sent to the class board" in c.value for c in again.caption)
    (after,) = class_db.board(r.code, r.teacher_key)  # one row, replaced
    assert after["nickname"] == "Ada" and after["k_guess"] == 2
    assert class_db.board_state(r.code, r.teacher_key).joined == 1


def test_copied_links_leave_the_membership_out(class_db):
    r = class_db.open_round(scenario="gaussians?g_challenge=true&g_seed=4")
    at = join(r.code, "Ada")
    at.button(key="g_guess_check").click().run()  # after the check the page's settings and links show
    links = [c for c in codes(at) if "g_seed=4" in c]
    assert links and not any(p in query_of(link) for link in links for p in ("round", "student", "nickname"))
    assert not any("does not use" in w.value for w in at.warning)  # the membership is no unknown setting


def test_a_url_naming_no_round_counts_as_a_wrong_code(class_db):
    at = reopen("gaussians", {"g_challenge": "true", "round": "ACDEFG", "student": "0" * 32})
    assert any("There is no class round ACDEFG" in c.value for c in at.caption)
    at.button(key="g_guess_check").click().run()
    assert not at.exception and not any("Sent to the class board" in c.value for c in at.caption)
    assert len(at.session_state["_class_code_guard"].wrong) == 1
    bad = reopen("gaussians", {"g_challenge": "true", "round": "ACDEFG", "student": "<script>"})
    assert any("student token" in c.value for c in bad.caption)


def test_a_words_round_fixes_the_document_the_board_scores(class_db):
    scenario = "topics?t_challenge=true&t_doc=Document+2"
    facts = scenario_facts(scenario)
    assert facts.document == "Document 2"
    r = class_db.open_round(scenario=scenario)
    at = join(r.code, "")
    assert not [s for s in at.selectbox if s.key == "t_doc"]  # no choosing another document in a round
    assert any("Everyone in the class round guesses **Document 2**" in c.value for c in at.caption)
    # Answer every word with Bayes' rule's choice (the dice and Document 2's mix known): the score
    # the student gets is exactly the board's best possible mark.
    _, params = scenario_params(scenario)
    k = _value(T["t_k"], params)
    values = {T.item(i, f).key: _value(T.item(i, f), params) for i in range(k) for f in ("name", "words", "weights",
                                                                                          "mix")}
    topics, mixing, _ = topics_from_state(values, k)
    docs = sample_documents(topics, _value(T["t_ndocs"], params), _value(T["t_nwords"], params),
                            topic_weights=mixing, concentration=None,
                            rng=np.random.default_rng(int(_value(T["t_seed"], params))))
    doc = docs[1]
    n = min(len(doc.words), GUESS_WORDS)
    choice = bayes_choice(word_posteriors(topics, list(doc.words[:n]), np.asarray(doc.mixing, dtype=float)))
    for i in range(n):
        at.session_state[f"t_gw_{i}"] = int(choice[i])
    at.run()
    at.button(key="t_gw_check").click().run()
    assert not at.exception
    (row,) = class_db.board(r.code, r.teacher_key)
    assert row["accuracy"] == pytest.approx(facts.best)
    board = open_board(r.code, r.teacher_key)
    assert any("best possible on Document 2" in json.dumps(c.proto.spec) for c in board.get("plotly_chart"))
    assert any("guesses the words of Document 2" in c.value for c in board.caption)


def test_a_guess_on_other_data_than_the_rounds_is_not_sent(class_db):
    # A "colours only" challenge: the settings stay in view, so a student can change the points.
    r = class_db.open_round(scenario="gaussians?g_colour=false&g_guess=true&g_seed=4")
    at = join(r.code, "Ada")
    at.button(key="g_guess_check").click().run()
    (row,) = class_db.board(r.code, r.teacher_key)
    at.number_input(key="g_seed").set_value(5).run()
    at.session_state["g_guess_checked"] = False
    at.run()
    at.number_input(key="g_guess_k").set_value(2).run()
    at.button(key="g_guess_check").click().run()
    assert not at.exception
    assert any("these are not the round's points" in w.value.replace("\\", "") for w in at.warning)
    assert class_db.board(r.code, r.teacher_key) == [row]  # the board keeps the answer on the round's points
