"""A membership carried by a URL: read back exactly, refused with a sentence when it cannot be one."""

import pytest
from hypothesis import given, strategies as st

from mixgen_classroom import (
    CLASS_PARAMS,
    MAX_NICKNAME,
    Membership,
    membership_from_query,
    new_student_token,
    without_class_params,
)
from mixgen_ui.class_facts import round_document


def test_a_membership_survives_its_own_url():
    m = Membership("ACDEFG", "<b>Zoë</b>\u202e", new_student_token())
    assert membership_from_query({"g_seed": "3", **m.query()}) == m
    assert "nickname" not in Membership("ACDEFG", "", m.student).query()
    assert without_class_params({"g_seed": "3", **m.query()}) == {"g_seed": "3"}
    assert set(m.query()) == CLASS_PARAMS


def test_tokens_are_random_128_bits():
    tokens = {new_student_token() for _ in range(1000)}
    assert len(tokens) == 1000 and all(len(t) == 32 and int(t, 16) >= 0 for t in tokens)


def test_no_round_is_no_membership():
    assert membership_from_query({"g_seed": "3", "student": "0" * 32}) is None


@pytest.mark.parametrize("query, words", [
    ({"round": "ACDEF0", "student": "0" * 32}, "round code"),
    ({"round": "ACDEFG", "student": "0" * 31}, "student token"),
    ({"round": "ACDEFG", "student": "Z" * 32}, "student token"),
    ({"round": "ACDEFG"}, "student token"),
    ({"round": "ACDEFG", "student": "0" * 32, "nickname": "x" * (MAX_NICKNAME + 1)}, "at most"),
    ({"round": "ACDEFG", "student": "0" * 32, "nickname": "a\nb"}, "control"),
])
def test_a_url_that_cannot_be_a_membership_says_why(query, words):
    with pytest.raises(ValueError, match=words):
        membership_from_query(query)


@given(st.dictionaries(st.sampled_from(["round", "student", "nickname", "g_seed"]), st.text(max_size=50)))
def test_any_url_is_a_membership_none_or_a_value_error(query):
    try:
        m = membership_from_query(query)
    except ValueError:
        return
    assert m is None or membership_from_query(m.query()) == m


def test_round_document_falls_back_to_the_first_shown():
    assert round_document("Document 2", 5) == 1
    assert round_document("Document 6", 5) == 0  # not among the documents shown: the box shows Document 1
    assert round_document("Document 12", 40) == 11
    assert round_document("nonsense", 40) == 0
