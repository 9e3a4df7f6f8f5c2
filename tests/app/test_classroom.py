"""AppTest of the challenge builder and the class round: the teacher's flow (builder, round,
board, end) and the student's (join, guess, check, result on the board, resubmission, a round
that ended), on a SQLite file of each test's own."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from mixgen_classroom import open_store
from mixgen_core import sample_gaussian_mixture
from mixgen_ui.class_facts import gaussian_scenario
from tests import ROOT
from tests.app.helpers import by_key, open_page


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
    assert not student.sidebar.number_input and "Check my guess" in [b.label for b in student.button]


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


def test_topic_builder_link(class_db):
    at = open_page("topics", t_builder=True)
    query = query_of(builder_link(at))
    assert query["t_challenge"] == "true"
    assert any("Bayes' rule puts" in m.value for m in at.sidebar.markdown)


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
    # AppTest runs the page switched to once; its next runs need the page and link set explicitly,
    # as the browser keeps them.
    page, _, query = open_store_of_env().round_info(code).scenario.partition("?")
    at.switch_page(f"pages/{page}.py")
    at.query_params.clear()
    for k, v in parse_qs(query).items():
        at.query_params[k] = v[-1]
    at.run()
    assert not at.exception, at.exception
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
    assert student.session_state["_class_member"]["code"] == code
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
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["_class_member"] = {"code": "ACDEFG", "nickname": "x"}
    at.run()
    at.switch_page("pages/gaussians.py")
    at.query_params["g_challenge"] = "true"
    at.run()
    at.button(key="g_guess_check").click().run()
    assert not at.exception
    assert any("the class did not receive it" in w.value for w in at.warning)
    assert any(m.label == "Your accuracy" for m in at.metric)
