"""Every setting of the topic-documents page and its guide, declared once (see :mod:`mixgen_ui.settings`),
and reading the typed topics back."""

from __future__ import annotations

from typing import Any, Mapping

from mixgen_core import MAX_TOPICS, Topic, worksheet_topics

from .settings import PageSettings, Setting, seed_setting

#: Page limits, well inside the core's caps, so a shared instance stays responsive.
MAX_DOCS = 1000
MAX_DOC_WORDS = 500
MAX_PAGE_WORDS = 100_000
#: Documents drawn as highlighted text (the rest are only counted).
SHOWN_DOCS = 12
ROLL_CHOICES = (10, 100, 1_000, 10_000, 100_000)
MAX_ROLL = 1_000_000
TABS = ("1 · Roll a die", "2 · One topic per document", "3 · Mixed documents", "4 · Word counts",
        "5 · Reason back: known topics", "6 · Learn the topics", "7 · Watch topics found word by word")
COLOUR_MODES = ("true origin", "inferred origin", "no colour")
#: The corpus the learn tab suggests: enough documents, each with its own mix.
LEARNABLE_CORPUS = {"t_ndocs": 200, "t_nwords": 50, "t_dirichlet": True}
#: The learn tab's side-by-side corpora (one fixed coin; each document its own mix): documents of words.
SIDE_DOCS, SIDE_WORDS = 200, 50
#: Where the documents come from: rolled from the dice, or real text (no true topics).
GENERATED, SOTU, OWN_TEXT = CORPORA = ("Generated (the dice in the sidebar)", "State of the Union", "Your own text")
#: 7 · The word-by-word view: at most this many words (the first ones of the documents), this many sweeps.
GIBBS_WORDS = 60
GIBBS_SWEEPS = 30
#: 7 · The sweep-by-sweep view of a larger corpus.
#: Tab 7's two views of one run of the sampler: each plays in the browser, one at a time (each is a tall
#: animated chart, and drawing both made the tab slow to open).
GIBBS_VIEWS = ("one sweep, word by word", f"all {GIBBS_SWEEPS} sweeps, one after another")
GIBBS_BIG_CORPORA = ("200 documents, each with its own mix", "200 documents, one fixed coin", "This page's documents")
GIBBS_BIG_SWEEPS = 60
#: Most words the sweep-by-sweep view samples (the first ones of the page's documents).
GIBBS_BIG_WORDS = 12_000
#: State of the Union: the widest span of years fitted at once (so the fit takes a few seconds).
SOTU_FIRST_YEAR, SOTU_LAST_YEAR, SOTU_MAX_SPAN = 1790, 2026, 20


def topic_defaults(i: int) -> dict[str, Any]:
    """The worksheet's topics first; further topics start with a few placeholder words."""
    sheet = worksheet_topics()
    if i < len(sheet):
        return {"name": sheet[i].name, "words": ", ".join(sheet[i].words), "weights": "", "mix": 1.0}
    return {"name": f"topic {i + 1}", "words": f"word{i + 1}a, word{i + 1}b, word{i + 1}c", "weights": "", "mix": 1.0}


TOPICS = PageSettings(
    prefix="t",
    count_key="t_k",
    item_defaults=topic_defaults,
    settings=(
        Setting("t_k", "int", 2, "Number of topics", lo=1, hi=MAX_TOPICS, widget="number"),
        seed_setting("t_seed", "The same seed and settings always roll the same words."),
        Setting("t_ndocs", "int", 3, "Documents", lo=1, hi=MAX_DOCS, widget="number"),
        Setting("t_nwords", "int", 20, "Words per document", lo=1, hi=MAX_DOC_WORDS, widget="number"),
        Setting("t_dirichlet", "bool", False, "Each document its own mix", widget="toggle",
                help="Give each document its own topic weights, drawn at random from a Dirichlet distribution: "
                     "a random draw of weights, one per topic, that add up to 1. It is the step from this "
                     "worksheet to LDA topic models."),
        Setting("t_alpha", "float", 1.0, "Concentration", lo=0.05, hi=10.0, step=0.05, widget="slider",
                help="The concentration says how close each document's mix stays to the average mix. Small: "
                     "most documents are mostly one topic. Large: every document mixes like the average."),
        Setting("t_tab", "choice", TABS[0], options=TABS),
        # 1 · Roll a die (the page offers the dice in use; a link may name any of the eight)
        Setting("t_die", "choice", "Topic 1", "Which die?", widget="select",
                options=tuple(f"Topic {i + 1}" for i in range(MAX_TOPICS))),
        Setting("t_roll", "int", 0, "Roll number", lo=0, hi=MAX_ROLL, widget="number",
                help="Each roll number is one roll of this die; the same number rolls the same side."),
        Setting("t_rolls", "choice", 100, "Roll it this many times", options=ROLL_CHOICES, widget="select_slider"),
        # 3 · Mixed documents
        Setting("t_colour", "bool", True, "Colour by topic", widget="toggle",
                help="Show which topic's die each word was rolled from (colour and number)."),
        Setting("t_guess", "bool", False, "Guess each word's topic", widget="toggle",
                help="Answer, word by word, which topic each word of one document came from; then check."),
        # A teacher's challenge link (?t_challenge=true): tab 3, guessing, the answer-giving settings hidden
        Setting("t_challenge", "bool", False, "Challenge"),
        # 5 · Reason back: known topics (the page offers the documents shown)
        Setting("t_doc", "choice", "Document 1", "Which document?", widget="select",
                options=tuple(f"Document {i + 1}" for i in range(SHOWN_DOCS))),
        # 6 · Learn the topics (the number to learn starts at the number of topics)
        Setting("t_fit_k", "int", 2, "Topics to learn", lo=1, hi=MAX_TOPICS, widget="slider"),
        seed_setting("t_fit_seed", "Seeds the fit's random starting dice; the same seed gives the same fit.",
                     "Fit seed"),
        Setting("t_fit_colour", "choice", COLOUR_MODES[1], "Colour the words by", options=COLOUR_MODES,
                widget="radio"),
        Setting("t_fit_side", "bool", True, "Compare: one fixed coin against each document its own mix",
                widget="toggle", help="Learn the topics from two corpora rolled with the same dice, 200 documents "
                                      "each: every document mixing the topics the same way, or each its own way."),
        # 7 · Watch topics found word by word (collapsed Gibbs sampling)
        Setting("t_gibbs_view", "choice", GIBBS_VIEWS[0], "Watch", options=GIBBS_VIEWS, widget="radio",
                help="The same run of the sampler either way: every word of one sweep re-rolled in turn, or the "
                     "words and the learned dice after each sweep."),
        Setting("t_gibbs_sweep", "int", 1, "Sweep", lo=1, hi=GIBBS_SWEEPS, widget="slider",
                help="Each sweep re-rolls every word's topic once, word after word."),
        Setting("t_gibbs_step", "int", 1, "Word of the sweep", lo=1, hi=GIBBS_WORDS, widget="slider",
                help="The word being re-rolled, counting through the documents in order."),
        seed_setting("t_gibbs_seed", "Seeds the sampler's random start and rolls; the same seed, the same run.",
                     "Sampler seed"),
        Setting("t_gibbs_big", "bool", False, "Watch a larger corpus, sweep by sweep", widget="toggle"),
        Setting("t_gibbs_corpus", "choice", GIBBS_BIG_CORPORA[0], "Which corpus?", options=GIBBS_BIG_CORPORA,
                widget="radio"),
        # Real text (tab 6 and 7): the corpus, the years of the State of the Union, the topics to learn
        Setting("t_corpus", "choice", GENERATED, "Documents", options=CORPORA, widget="radio"),
        Setting("t_sotu_from", "int", 2000, "From the year", lo=SOTU_FIRST_YEAR, hi=SOTU_LAST_YEAR, widget="number"),
        Setting("t_sotu_to", "int", 2009, "To the year", lo=SOTU_FIRST_YEAR, hi=SOTU_LAST_YEAR, widget="number",
                help=f"At most {SOTU_MAX_SPAN} years at once, so the topics are learned in a few seconds."),
        Setting("t_real_k", "int", 6, "Topics to learn", lo=1, hi=MAX_TOPICS, widget="slider"),
        # Your own text: typed or pasted (not in the link: it may be long), documents between blank lines
        Setting("t_text", "text", "", "Your text (a blank line between documents)", max_chars=200_000,
                extra={"height": 200}),
    ),
    fields=(
        Setting("name", "text", "", "name", max_chars=100, widget="text"),
        Setting("words", "text", "", "words", max_chars=20_000, widget="text_area",  # a 10 000-character word fits
                extra={"height": 90}),
        Setting("weights", "text", "", "word weights (optional)", max_chars=2_000, widget="text",
                extra={"placeholder": "e.g. 3, 1, 1"}),
        Setting("mix", "float", 1.0, "mixing weight", lo=0.0, hi=100.0, step=0.5, widget="number",
                help="Relative chance of picking this topic for each word of a mixed document (with \"Each document "
                     "its own mix\", each document's chances vary around these)."),
    ),
)

GUIDE = PageSettings(prefix="gt", settings=(
    seed_setting("gt_seed", "The same seed always rolls the same words, so a class can share one document."),
))


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
            words = parse_words(str(state[_key(i, "words")]))
            topic = Topic(str(state[_key(i, "name")]), words, parse_weights(str(state[_key(i, "weights")])))
        except ValueError as err:
            errors.append(f"Topic {i + 1}: {err}")
            continue
        topics.append(topic)
        mixing.append(float(state[_key(i, "mix")]))
    return topics, mixing, errors


def _key(i: int, field: str) -> str:
    return TOPICS.item(i, field).key
