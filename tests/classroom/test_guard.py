"""Guessing codes is bounded: a few wrong codes per session per minute."""

import pytest

from mixgen_classroom import CodeGuard, normalise_code


def test_a_few_wrong_codes_then_a_wait_then_free_again():
    guard = CodeGuard()
    for i in range(5):
        assert guard.wait_seconds(now=100.0 + i) == 0
        guard.record_wrong(now=100.0 + i)
    assert guard.wait_seconds(now=105.0) == pytest.approx(55.0)
    assert guard.wait_seconds(now=159.9) > 0
    assert guard.wait_seconds(now=160.0) == 0
    assert len(guard.wrong) <= 5


@pytest.mark.parametrize("typed", ["", "ABC", "ACDEFGH", "ACDEF0", "ACDEFO", "<scrip", None, 123, "x" * 1000])
def test_impossible_codes_are_refused_before_any_query(typed):
    with pytest.raises(ValueError):
        normalise_code(typed)


def test_codes_are_read_forgivingly():
    assert normalise_code(" acd-efg ") == "ACDEFG"


from hypothesis import given, strategies as st  # noqa: E402

from mixgen_classroom import RESULT_KEYS, check_nickname, check_result  # noqa: E402

_values = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
                    st.text(max_size=5), st.lists(st.integers(), max_size=2))


@given(st.dictionaries(st.one_of(st.sampled_from(list(RESULT_KEYS)), st.text(max_size=8)), _values, max_size=5))
def test_any_result_is_either_clean_or_a_value_error(result):
    try:
        clean = check_result(result)
    except ValueError:
        return
    assert set(clean) <= set(RESULT_KEYS) and "accuracy" in clean and 0 <= clean["accuracy"] <= 1
    for k, v in clean.items():
        kind, lo, hi = RESULT_KEYS[k]
        assert type(v) is (int if kind == "int" else float) and lo <= v <= hi


@given(st.text(max_size=60))
def test_any_nickname_is_kept_exactly_or_refused(nickname):
    try:
        kept = check_nickname(nickname)
    except ValueError:
        assert len(nickname) > 40 or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in nickname)
        return
    assert kept == nickname or (kept == "" and not nickname.strip())
