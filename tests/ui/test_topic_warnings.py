"""The warning about nearly empty or alike topics appears only when the learned topics are so."""

from mixgen_ui.topic_warnings import alike_groups, fewer_topics_warning, nearly_empty

WORDS = [["cake", "party", "balloon"], ["orc", "ring", "battle"]]


def test_distinct_well_used_topics_get_no_warning():
    assert fewer_topics_warning([0.5, 0.5], WORDS) is None
    assert fewer_topics_warning([0.3, 0.7], WORDS) is None  # uneven, but over half an even share (25%)
    assert fewer_topics_warning([1.0], WORDS[:1]) is None


def test_the_case_seen_four_small_alike_topics_out_of_six():
    dup = ["the", "and", "text"]
    shares = [0.46, 0.46, 0.02, 0.02, 0.02, 0.02]
    text = fewer_topics_warning(shares, [*WORDS, dup, dup, dup, dup])
    assert text.startswith("Topics 3, 4, 5 and 6 each hold less than half an even share of the words (8.3%)")
    assert "topics 3, 4, 5 and 6 have the same top words" in text
    assert "try 2 topics" in text


def test_empty_only_and_alike_only():
    text = fewer_topics_warning([0.45, 0.45, 0.1], [*WORDS, ["x", "y", "z"]])
    assert text.startswith("Topic 3 holds less than half an even share of the words (16.7%)") and "same top words" not in text and "try 2 topics" in text
    text = fewer_topics_warning([0.5, 0.5], [WORDS[0], list(reversed(WORDS[0]))])
    assert text.startswith("Topics 1 and 2 have the same top words") and "less than" not in text
    assert "try 1 topic," in text


def test_helpers():
    assert nearly_empty([0.5, 0.3, 0.2]) == []  # 0.2 >= 1/6
    assert nearly_empty([0.6, 0.3, 0.1]) == [2]
    assert alike_groups([["a"], ["b"], ["a"]]) == [[0, 2]]
    assert alike_groups([[], []]) == []


def test_the_threshold_shown_is_never_rounded_below_a_share_it_flags():
    # 8.2% is under 1/12 (8.33%): rounded to a whole percent the threshold would read 8%, under the share.
    text = fewer_topics_warning([0.082, 0.2, 0.2, 0.2, 0.2, 0.118], [[str(i)] for i in range(6)])
    assert "(8.3%)" in text
    assert "(12.5%)" in fewer_topics_warning([0.05, 0.35, 0.3, 0.3], [[str(i)] for i in range(4)])
