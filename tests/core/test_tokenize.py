"""Real text into words: ``tokenize`` and ``prune_vocabulary``."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixgen_core import STOP_WORDS, prune_vocabulary, tokenize
from mixgen_core.limits import MAX_TEXT_CHARACTERS, MAX_TOKENS
from mixgen_core.tokenize import LONGEST_WORD
from tests.payloads import HOSTILE, LONG_WORD, UNRULY

PROPS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


# --------------------------------------------------------------------------- what a word is
@pytest.mark.parametrize(
    "text, words",
    [
        ("The cat sat on the mat.", ["cat", "sat", "mat"]),
        ("CAPITALS and MiXeD case", ["capitals", "mixed", "case"]),
        ("café naïve Ölfeld", ["café", "naïve", "ölfeld"]),
        ("covid19 well-known e-mail 3rd", ["covid", "known", "mail"]),  # "well" and "e" are dropped
        ("The nation's budget", ["nation", "budget"]),
        ("don't doesn't isn't couldn't", []),  # do, does, is, could: stop words
        ("can't won't shan't", []),  # can, will, shall
        ("we'll he'll she'll I'm they've you'd", []),  # never "well", "hell", "shell"
        ("o'clock O'Brien rock'n'roll", ["oclock", "obrien", "rocknroll"]),
        ("nation\u2019s O\u2019Brien don\u02bct", ["nation", "obrien"]),  # typographic apostrophes
        ("'quoted' words", ["quoted", "words"]),
        ("snake_case big_word", ["snake", "case", "big", "word"]),
        ("İSTANBUL", ["istanbul"]),
        ("cafe\u0301", ["café"]),  # a combining accent joins its letter (NFC)
        ("½price Ⅻmonths", ["price", "months"]),  # numeric characters are not letters
        ("", []),
        ("   \n\t  ", []),
        ("1234 5678 !!! ???", []),
    ],
)
def test_words(text, words):
    assert tokenize(text) == words


def test_stop_words_and_lengths_are_settings():
    text = "The big dog and a cat"
    assert tokenize(text) == ["big", "dog", "cat"]
    assert tokenize(text, stop_words=()) == ["the", "big", "dog", "and", "cat"]
    assert tokenize(text, stop_words=(), min_length=1) == ["the", "big", "dog", "and", "a", "cat"]
    assert tokenize(text, stop_words={"dog"}) == ["the", "big", "and", "cat"]
    assert tokenize("short longer", stop_words=(), max_length=5) == ["short"]


def test_long_words_are_dropped():
    assert tokenize("x" * LONGEST_WORD) == ["x" * LONGEST_WORD]
    assert tokenize(f"a {'x' * (LONGEST_WORD + 1)} word") == ["word"]
    assert tokenize(LONG_WORD) == []


def test_hostile_text_is_just_letters():
    for text in HOSTILE + UNRULY:
        for word in tokenize(text, stop_words=(), min_length=1):
            assert word.isalpha() and word == word.lower(), word
    assert tokenize("<img src=x onerror=alert(1)>") == ["img", "src", "onerror", "alert"]


def test_stop_word_list():
    assert 300 <= len(STOP_WORDS) <= 600
    assert {"the", "and", "of", "which", "shall", "upon", "thereof"} <= STOP_WORDS
    assert not {"war", "peace", "tax", "people", "year", "congress"} & STOP_WORDS  # content is left alone
    for word in STOP_WORDS:  # every entry can actually match a token
        assert word.isalpha() and word == word.lower(), word


def test_bad_input_raises_value_error():
    for bad in (None, 5, b"bytes", ["a list"], bytearray(b"x")):
        with pytest.raises(ValueError, match="string"):
            tokenize(bad)
    with pytest.raises(ValueError, match="at most 10,000,000 characters"):
        tokenize(" " * (MAX_TEXT_CHARACTERS + 1))
    with pytest.raises(ValueError, match="min_length must be at least 1"):
        tokenize("text", min_length=0)
    with pytest.raises(ValueError, match="max_length must be at least 3"):
        tokenize("text", max_length=2)
    with pytest.raises(ValueError, match="stop words"):
        tokenize("text", stop_words="the")
    with pytest.raises(ValueError, match="stop words"):
        tokenize("text", stop_words=[1, 2])


def test_too_many_tokens():
    text = "cat " * (MAX_TOKENS + 1)  # 8 MB of one word: just over the cap
    assert len(text) <= MAX_TEXT_CHARACTERS
    with pytest.raises(ValueError, match="more than 2,000,000 words"):
        tokenize(text)


# --------------------------------------------------------------------------- properties
texts = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from("abcXYZ é'’ʼ-_0½İ\u0301\n.,"), max_size=60),
    st.lists(st.sampled_from(["The", "nation's", "don't", "O'Brien", "war", "PEACE", "isn't", "ǅ", "ß", "Σ"]),
             max_size=12).map(" ".join),
    st.sampled_from(HOSTILE + UNRULY),
)


@PROPS
@given(text=texts, min_length=st.integers(1, 5), use_stop=st.booleans())
def test_tokens_are_lower_case_letters_without_stop_words(text, min_length, use_stop):
    stop = STOP_WORDS if use_stop else frozenset()
    words = tokenize(text, stop, min_length)
    for w in words:
        assert w.isalpha() and w == w.lower(), repr(w)
        assert min_length <= len(w) <= LONGEST_WORD
        assert w not in stop
        assert "'" not in w and not re.search(r"\s", w)
    # Idempotent: the words, joined by spaces, tokenise to themselves.
    assert tokenize(" ".join(words), stop, min_length) == words


@PROPS
@given(value=st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=5), st.lists(st.text(max_size=3))))
def test_non_text_gives_value_error(value):
    with pytest.raises(ValueError):
        tokenize(value)


# --------------------------------------------------------------------------- prune_vocabulary
def test_prune_drops_rare_and_everywhere_words():
    docs = [["war", "peace", "tax", "nation"], ["war", "tax", "nation"], ["war", "nation", "once"], ["nation"]]
    # nation: in 4 of 4 documents; war: 3 of 4; tax: 2; peace and once: 1 occurrence.
    assert prune_vocabulary(docs, min_count=2, max_doc_share=0.5) == [["tax"], ["tax"], [], []]
    assert prune_vocabulary(docs, min_count=2, max_doc_share=0.75) == [["war", "tax"], ["war", "tax"], ["war"], []]
    assert prune_vocabulary(docs, min_count=1, max_doc_share=1) == docs
    assert prune_vocabulary([], 2, 0.5) == []
    assert prune_vocabulary([[], ["a", "a"]], 2, 1.0) == [[], ["a", "a"]]


def test_prune_keeps_order_and_repeats():
    docs = [["b", "a", "b", "c"], ["a", "b"], ["d"]]
    assert prune_vocabulary(docs, min_count=2, max_doc_share=1.0) == [["b", "a", "b"], ["a", "b"], []]


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: prune_vocabulary("a b"), "not a single string"),
        (lambda: prune_vocabulary(None), "list of documents"),
        (lambda: prune_vocabulary([["a"], "b c"]), "Document 2 must be a list of words"),
        (lambda: prune_vocabulary([["a", 5]]), "only words"),
        (lambda: prune_vocabulary([["a"]], min_count=0), "min_count must be at least 1"),
        (lambda: prune_vocabulary([["a"]], max_doc_share=0), "max_doc_share must be a number above 0"),
        (lambda: prune_vocabulary([["a"]], max_doc_share=1.5), "max_doc_share"),
        (lambda: prune_vocabulary([["a"]], max_doc_share=float("nan")), "max_doc_share"),
        (lambda: prune_vocabulary([["a"]], max_doc_share="half"), "max_doc_share"),
        (lambda: prune_vocabulary([["a"]] * 100_001), "at most 100,000 documents"),
        (lambda: prune_vocabulary([["a"] * 1_000_001, ["a"] * 1_000_000]), "at most 2,000,000 words"),
    ],
)
def test_prune_bad_input(call, fragment):
    with pytest.raises(ValueError, match=re.escape(fragment)):
        call()


@PROPS
@given(docs=st.lists(st.lists(st.sampled_from(list("abcdefg")), max_size=8), max_size=8),
       min_count=st.integers(1, 4), share=st.floats(0.01, 1.0))
def test_prune_properties(docs, min_count, share):
    out = prune_vocabulary(docs, min_count, share)
    assert len(out) == len(docs)
    kept = {w for d in out for w in d}
    for doc, pruned in zip(docs, out):
        assert pruned == [w for w in doc if w in kept]  # a filter: order and repeats kept
    for w in kept:
        assert sum(d.count(w) for d in docs) >= min_count
        assert sum(w in d for d in docs) <= share * len(docs)
