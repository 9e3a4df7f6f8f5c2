"""The shared input checks: one sentence per kind of mistake."""

from __future__ import annotations

import numpy as np
import pytest

from mixgen_core._checks import check_list, quoted, shown


class Thing:
    def __repr__(self) -> str:
        return "Thing()"


def check_things(value, **limits):
    return check_list(value, "things", "things", Thing, "a Thing", **limits)


def test_a_list_tuple_generator_or_flat_array_is_accepted_as_a_new_list():
    a, b = Thing(), Thing()
    given = [a, b]
    got = check_things(given)
    assert got == [a, b] and got is not given
    assert check_things((a,)) == [a]
    assert check_things(x for x in (a, b)) == [a, b]
    assert check_list(np.array(["x", "y"]), "words", "words", str, "text") == ["x", "y"]
    assert check_things([]) == []


@pytest.mark.parametrize(
    "value, message",
    [
        ("abc", "things must be a list of things, not a single string."),
        (Thing(), "things must be a list of things, not a single one: wrap it in [ ]."),
        ({Thing()}, "things must be a list of things."),
        ({"a": Thing()}, "things must be a list of things."),
        (5, "things must be a list of things."),
        (None, "things must be a list of things."),
        ([Thing(), "x" * 100], "things must contain only things: each must be a Thing, but one is 'xxxxx"),
    ],
)
def test_each_mistake_gets_its_sentence(value, message):
    with pytest.raises(ValueError) as info:
        check_things(value)
    assert str(info.value).startswith(message)
    assert len(str(info.value)) < 200  # the bad item is quoted, cut short


def test_words_get_a_hint_and_multi_dimensional_arrays_are_refused():
    with pytest.raises(ValueError, match=r"not a single string: try text.split\(\)\."):
        check_list("two words", "The document", "words", str, "text")
    with pytest.raises(ValueError, match="must be a list of words"):
        check_list(np.array([["a"]]), "The document", "words", str, "text")


def test_counts_are_checked_before_the_items():
    many = [Thing()] * 3 + ["not a thing"]
    with pytest.raises(ValueError, match="things may hold at most 2 things, but it has 4."):
        check_things(many, maximum=2)
    with pytest.raises(ValueError, match="Give between 1 and 2 things, but got 0."):
        check_things([], minimum=1, maximum=2)
    with pytest.raises(ValueError, match="things must hold at least 1 things, but it has 0."):
        check_things(iter([]), minimum=1)
    with pytest.raises(ValueError, match="but got 3"):
        check_things(iter([Thing()] * 3), minimum=1, maximum=2)  # no len(): counted after reading


def test_any_items_when_no_type_is_given():
    assert check_list([1, "a", None], "documents", "documents") == [1, "a", None]
    with pytest.raises(ValueError, match="not a single string"):
        check_list("a b", "documents", "documents")


def test_quoted_and_shown_stay_short():
    assert quoted("x" * 100) == repr("x" * 100)[:37] + "..."
    assert quoted(None) == "None"
    assert shown(1_000_000) == "1,000,000" and shown(True) == "True"
    assert len(shown(10**400)) == 40
