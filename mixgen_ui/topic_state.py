"""Session-state layout of the topic-documents page: keys, defaults, and reading topics back."""

from __future__ import annotations

from typing import Any, Mapping, MutableMapping

from mixgen_core import Topic, worksheet_topics
from mixgen_core.topics import MAX_TOPICS

#: Longest text accepted in a words box (a 10 000-character word fits).
MAX_WORDS_CHARS = 20_000
#: Page limits, well inside the core's caps, so a shared instance stays responsive.
MAX_DOCS = 1000
MAX_DOC_WORDS = 500
MAX_PAGE_WORDS = 100_000
#: Documents drawn as highlighted text (the rest are only counted).
SHOWN_DOCS = 12
ROLL_CHOICES = (10, 100, 1_000, 10_000, 100_000)
MAX_SEED = 2**32 - 1


def topic_key(i: int, field: str) -> str:
    """Session-state key of ``field`` of topic ``i`` (e.g. ``t_0_words``)."""
    return f"t_{i}_{field}"


def topic_defaults(i: int) -> dict[str, Any]:
    """The worksheet's topics first; further topics start with a few placeholder words."""
    sheet = worksheet_topics()
    if i < len(sheet):
        return {"name": sheet[i].name, "words": ", ".join(sheet[i].words), "weights": "", "mix": 1.0}
    return {"name": f"topic {i + 1}", "words": f"word{i + 1}a, word{i + 1}b, word{i + 1}c", "weights": "", "mix": 1.0}


def init_state(state: MutableMapping[str, Any]) -> None:
    """First-visit defaults: the worksheet's two topics, a fair coin, 20 words."""
    defaults = {"t_k": 2, "t_seed": 0, "t_ndocs": 3, "t_nwords": 20, "t_colour": True,
                "t_dirichlet": False, "t_alpha": 1.0, "t_die": 0, "t_rolls": 100, "t_roll_count": 0}
    for key, value in defaults.items():
        state.setdefault(key, value)


def parse_words(text: str) -> list[str]:
    """Words typed into a box, separated by commas (or new lines); blanks dropped."""
    return [w.strip() for w in text.replace("\n", ",").split(",") if w.strip()]


def parse_weights(text: str) -> list[float] | None:
    """Optional side weights typed as numbers separated by commas; None when the box is empty."""
    items = parse_words(text)
    if not items:
        return None
    try:
        return [float(x) for x in items]
    except ValueError:
        raise ValueError("The weights must be numbers separated by commas, e.g. 2, 1, 1.") from None


def topics_from_state(state: Mapping[str, Any], k: int) -> tuple[list[Topic], list[float], list[str]]:
    """Build the topics and mixing weights the widgets describe.

    Returns
    -------
    topics : list of Topic (only the valid ones)
    mixing : list of float, one per valid topic
    errors : list of str, one sentence per problem, naming the topic by its number
    """
    topics, mixing, errors = [], [], []
    for i in range(min(k, MAX_TOPICS)):
        try:
            words = parse_words(str(state[topic_key(i, "words")]))
            topic = Topic(str(state[topic_key(i, "name")]), words, parse_weights(str(state[topic_key(i, "weights")])))
        except ValueError as err:
            errors.append(f"Topic {i + 1}: {err}")
            continue
        topics.append(topic)
        mixing.append(float(state[topic_key(i, "mix")]))
    return topics, mixing, errors
