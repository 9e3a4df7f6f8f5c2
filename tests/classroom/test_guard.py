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
