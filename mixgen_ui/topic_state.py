"""Settings of the topic-documents page: widget keys, limits, defaults, the URL, reading topics back.

Each widget key is also its URL parameter (``bind="query-params"``), so the limits here
serve both the widgets and the check of a shared link.
"""

from __future__ import annotations

from typing import Any, Mapping

from mixgen_core import MAX_TOPICS, Topic, worksheet_topics

from .widgets import MAX_SEED
from .url_params import Param, item_param

#: Longest text accepted in a words box (a 10 000-character word fits).
MAX_WORDS_CHARS = 20_000
MAX_NAME_CHARS = 100
MAX_WEIGHTS_CHARS = 2_000
#: Page limits, well inside the core's caps, so a shared instance stays responsive.
MAX_DOCS = 1000
MAX_DOC_WORDS = 500
MAX_PAGE_WORDS = 100_000
#: Documents drawn as highlighted text (the rest are only counted).
SHOWN_DOCS = 12
ROLL_CHOICES = (10, 100, 1_000, 10_000, 100_000)
MAX_ROLL = 1_000_000
TABS = ("1 · Roll a die", "2 · One topic per document", "3 · Mixed documents", "4 · Word counts",
        "5 · Reason back: known topics", "6 · Learn the topics")
COLOUR_MODES = ("true origin", "inferred origin", "no colour")

#: Per-topic settings.
FIELDS: dict[str, Param] = {
    "name": Param("text", max_chars=MAX_NAME_CHARS),
    "words": Param("text", max_chars=MAX_WORDS_CHARS),
    "weights": Param("text", max_chars=MAX_WEIGHTS_CHARS),
    "mix": Param("float", 0.0, 100.0),
}
#: Page-wide settings (choices as they appear in the URL).
SETTINGS: dict[str, Param] = {
    "t_k": Param("int", 1.0, float(MAX_TOPICS)),
    "t_seed": Param("int", 0.0, float(MAX_SEED)),
    "t_ndocs": Param("int", 1.0, float(MAX_DOCS)),
    "t_nwords": Param("int", 1.0, float(MAX_DOC_WORDS)),
    "t_colour": Param("bool"),
    "t_dirichlet": Param("bool"),
    "t_alpha": Param("float", 0.05, 10.0),
    "t_die": Param("choice", choices=tuple(f"Topic {i + 1}" for i in range(MAX_TOPICS))),
    "t_rolls": Param("choice", choices=tuple(str(n) for n in ROLL_CHOICES)),
    "t_roll": Param("int", 0.0, float(MAX_ROLL)),
    "t_tab": Param("choice", choices=TABS),
    "t_doc": Param("choice", choices=tuple(f"Document {i + 1}" for i in range(SHOWN_DOCS))),
    "t_fit_k": Param("int", 1.0, float(MAX_TOPICS)),
    "t_fit_seed": Param("int", 0.0, float(MAX_SEED)),
    "t_fit_colour": Param("choice", choices=COLOUR_MODES),
}


def topic_key(i: int, field: str) -> str:
    """Session-state key (and URL parameter) of ``field`` of topic ``i``, e.g. ``t_0_words``."""
    return f"t_{i}_{field}"


def topic_defaults(i: int) -> dict[str, Any]:
    """The worksheet's topics first; further topics start with a few placeholder words."""
    sheet = worksheet_topics()
    if i < len(sheet):
        return {"name": sheet[i].name, "words": ", ".join(sheet[i].words), "weights": "", "mix": 1.0}
    return {"name": f"topic {i + 1}", "words": f"word{i + 1}a, word{i + 1}b, word{i + 1}c", "weights": "", "mix": 1.0}


def link_param(key: str, k: int) -> Param | None:
    """What URL parameter ``key`` may hold when the link asks for ``k`` topics."""
    return item_param(key, k, SETTINGS, FIELDS, "t")


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
