"""An honest warning when learned topics come out nearly empty or alike, and a suggestion to use fewer.

Real text may hold fewer subjects than topics asked for: the extra topics then get almost no words,
or repeat another topic's words. Both are read off the fit itself; the sentence states the measure
it used, so it is true of the topics on screen. Pure: no Streamlit.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np


def _names(topics: Sequence[int]) -> str:
    nums = [str(t + 1) for t in topics]
    body = nums[0] if len(nums) == 1 else ", ".join(nums[:-1]) + " and " + nums[-1]
    return ("topic " if len(nums) == 1 else "topics ") + body


def nearly_empty(shares: Sequence[float]) -> list[int]:
    """Topics holding less than half an even share of the words (``1 / (2 K)``)."""
    s = np.asarray(shares, dtype=float)
    return [int(i) for i in np.flatnonzero(s < 0.5 / len(s))] if len(s) else []


def alike_groups(top_words: Sequence[Sequence[str]]) -> list[list[int]]:
    """Groups (two or more topics) whose top-word lists hold exactly the same words."""
    groups: dict[frozenset[str], list[int]] = {}
    for i, words in enumerate(top_words):
        groups.setdefault(frozenset(words), []).append(i)
    return [g for g in groups.values() if len(g) > 1 and len(top_words[g[0]])]


def _percent(x: float) -> str:
    """A threshold as a percentage, exact to the figure shown: 12.5% stays 12.5%, 1/12 is 8.3%."""
    return f"{100 * x:.1f}".rstrip("0").rstrip(".") + "%"


def fewer_topics_warning(shares: Sequence[float], top_words: Sequence[Sequence[str]]) -> str | None:
    """What is wrong with the learned topics and how many to try instead; None when nothing is."""
    k = len(shares)
    empty = nearly_empty(shares)
    alike = alike_groups(top_words)
    if k < 2 or (not empty and not alike):
        return None
    parts = []
    if empty:
        one = len(empty) == 1
        parts.append(f"{_names(empty)} {'holds' if one else 'each hold'} less than half an even share "
                     f"of the words ({_percent(0.5 / k)})")
    for g in alike:
        parts.append(f"{_names(g)} have the same top words")
    spare = set(empty) | {i for g in alike for i in g[1:]}
    keep = max(1, k - len(spare))
    text = "; ".join(parts)
    return (text[0].upper() + text[1:] + f". This text seems to hold fewer subjects than {k} topics: try "
            f"{keep} topic{'s' if keep != 1 else ''}, the number that are neither nearly empty nor a copy of another.")
