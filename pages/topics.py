"""Topic-documents page: dice with words on their sides, documents rolled from topics, and reasoning
back. Every setting is declared in ``mixgen_ui/topic_settings.py``."""

from mixgen_streamlit.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import (
    MAX_TOPICS,
    Document,
    Topic,
    estimate_mixing_weights,
    expected_word_counts,
    observed_word_counts,
    one_hot,
    roll_die,
    running_frequencies,
    sample_documents,
    shared_words,
    side_counts,
    word_posteriors,
)
from mixgen_ui.export import documents_csv, documents_json
from mixgen_streamlit.gibbs_section import watch_topics_found
from mixgen_streamlit.guess_words import guess_panel
from mixgen_ui.guess_words import ever_checked, flag_on, hidden_values, word_likelihoods
from mixgen_ui.highlight import document_html, legend_html
from mixgen_streamlit.learn_topics_section import learn_the_topics
from mixgen_streamlit.links import show_link_notices, show_scenario_link
from mixgen_streamlit.real_text_section import own_text_source, sotu_source
from mixgen_ui.snippets import topics_snippet
from mixgen_ui.text import md_escape
from mixgen_streamlit.topic_corpus import show_documents, update
from mixgen_ui.topic_corpus import CorpusOnPage
from mixgen_ui.topic_figures import die_figure, frequency_figure, word_count_figure
from mixgen_ui.topic_fit_figures import mixing_figure
from mixgen_ui.topic_settings import (
    GENERATED,
    SOTU,
    MAX_PAGE_WORDS,
    MAX_ROLL,
    SHOWN_DOCS,
    TABS,
    TOPICS as T,
    topics_from_state,
)
from mixgen_ui.topic_text import bayes_html, rolled_word_html, shared_words_html
from mixgen_streamlit.widgets import show, tabs
from mixgen_ui.settings import next_seed


def topic_settings() -> tuple[int, int, object]:
    """The sidebar: each topic's name, words, optional word weights and mixing weight; the seed."""
    st.subheader("Topics")
    k = show(st, T["t_k"])
    st.caption("Type each topic's words separated by commas. Weights are optional: one number per "
               "word, for a loaded die. The mixing weight says how often the topic is picked.")
    for i in range(k):
        with st.expander(f"Topic {i + 1}", expanded=i < 2):
            for field in ("name", "words", "weights", "mix"):
                show(st, T.item(i, field))
    seed = show(st, T["t_seed"])
    st.button("New documents", on_click=lambda: update(t_seed=next_seed(seed)))
    return k, seed, st.session_state


CHALLENGE = "A challenge: the settings are hidden until you check your guess."


def challenge_settings() -> tuple[int, int, dict]:
    """A teacher's challenge before the check: the topics and the seed are read from the link, not shown."""
    st.caption(CHALLENGE)
    k = min(max(int(round(hidden_values([T["t_k"]], st.session_state, st.query_params.get_all)["t_k"])), 1),
            MAX_TOPICS)
    specs = [T["t_seed"], *(T.item(i, f) for i in range(k) for f in ("name", "words", "weights", "mix"))]
    values = hidden_values(specs, st.session_state, st.query_params.get_all)
    return k, int(round(values["t_seed"])), values


def open_challenge() -> None:
    """A challenge link opens on tab 3 (once: the student may then move on)."""
    if "t_challenge_opened" not in st.session_state:
        st.session_state["t_challenge_opened"] = True
        st.session_state["t_tab"] = TABS[2]


def typed_topics(k: int, values) -> tuple[list[Topic], list[float]]:
    """The topics as typed, or a message per problem and a stop."""
    topics, mixing, errors = topics_from_state(values, k)
    for message in errors:
        st.error(md_escape(message))
    if errors:
        st.stop()
    if sum(mixing) <= 0:
        st.error("Give at least one topic a mixing weight above 0, so there is a topic to pick.")
        st.stop()
    return topics, mixing


def corpus_settings() -> tuple[int, int, float | None, tuple | None]:
    """Where the documents come from; for rolled ones, how many of how many words, and whether each
    document has its own mix. The last value is the real corpus's source (None for rolled documents)."""
    with st.container(border=True):
        st.caption("The documents (the corpus: tabs 2 to 7)")
        kind = GENERATED if challenge else show(st, T["t_corpus"])
        if kind == SOTU:
            return 0, 0, None, sotu_source()
        if kind != GENERATED:
            return 0, 0, None, own_text_source()
        c1, c2, c3, c4 = st.columns([1, 1, 1.2, 1.2])
        n_docs, n_words = show(c1, T["t_ndocs"]), show(c2, T["t_nwords"])
        dirichlet = show(c3, T["t_dirichlet"])
        alpha = show(c4, T["t_alpha"], disabled=not dirichlet)
    if n_docs * n_words > MAX_PAGE_WORDS:
        st.error(f"That is {n_docs * n_words:,} words; this page makes at most {MAX_PAGE_WORDS:,}. "
                 "Use fewer documents or shorter ones.")
        st.stop()
    return n_docs, n_words, alpha if dirichlet else None, None


def roll_a_die() -> None:
    """1 · The worksheet's one roll (one-hot and argmax), then many rolls settling on the probabilities."""
    st.write("The worksheet's `np.random.multinomial(1, prob, 1)` rolls a die once: it says how often each "
             "side came up, so it is all 0s and a single 1. `np.argmax` finds where the 1 is: the side rolled.")
    die_names = T["t_die"].options[: len(topics)]
    d = die_names.index(show(st, T["t_die"], options=die_names))
    topic = topics[d]
    st.html(legend_html([topic.name], show_shared=False, indices=[d]))
    left, right = st.columns([1, 1])
    with left:
        roll = show(st, T["t_roll"])
        st.button("Roll once", icon=":material/casino:", on_click=lambda: update(t_roll=min(roll + 1, MAX_ROLL)))
        side = int(roll_die(topic.probabilities, 1, np.random.default_rng([seed, d, roll]))[0])
        st.code(f"one roll (outcome counts): {one_hot(side, len(topic.words)).tolist()}\n"
                f"np.argmax -> side index:   {side}", language=None)
        st.html(rolled_word_html(topic.words[side]))
    with right:
        n_rolls = show(st, T["t_rolls"])
        sides = roll_die(topic.probabilities, n_rolls, np.random.default_rng([seed, d]))
        observed = side_counts(sides, len(topic.words)) / n_rolls
        st.plotly_chart(die_figure(topic.words, topic.probabilities, d, observed), width="stretch",
                        key="t_die_plot")
    checkpoints, freqs = running_frequencies(sides, len(topic.words))
    st.plotly_chart(frequency_figure(topic.words, checkpoints, freqs, topic.probabilities), width="stretch",
                    key="t_freq_plot")
    st.caption("The more rolls, the closer each side's observed frequency gets to its probability (dashed lines).")


def one_topic_per_document() -> None:
    """2 · The worksheet's document 1 and document 2."""
    st.write("The worksheet's document 1 and document 2: each word rolled from one topic's die only.")
    for j, t in enumerate(topics):
        (doc,) = sample_documents([t], 1, n_words, rng=np.random.default_rng([seed, 1, j]))
        st.html(legend_html([t.name], show_shared=False, indices=[j]))
        st.html(document_html(doc.words, [j] * len(doc.words)))


def mixed_documents() -> None:
    """3 · Mixed documents, coloured by topic or not (the worksheet's question), and what to take home;
    with the colours off (or from a challenge link), guess each word's topic, then check."""
    if challenge:
        if locked:
            st.caption(CHALLENGE)
        guess_the_words()
        return
    coloured = show(st, T["t_colour"])
    if coloured:
        st.html(legend_html(names, show_shared=bool(shared)))
    elif show(st, T["t_guess"]):
        guess_the_words()
        return
    else:
        st.info("**If you saw only the words, could you tell which topic each came from?** "
                "Switch the colours back on to check, or answer word by word: guess each word's topic.")
    show_documents(corpus, lambda i, doc: doc.topics if coloured else None)
    take_home()
    if shared:
        st.warning(
            f"{len(shared)} word(s) sit on more than one die (outlined with dashes when coloured). Each is "
            "coloured by the die it was actually rolled from, but the word alone cannot tell you which: "
            "that is why reasoning back needs probabilities.")
        st.html(shared_words_html(shared))


def guess_the_words() -> None:
    """The student names each word's topic in one document, then checks against the truth and Bayes' rule."""
    st.write("**If you saw only the words, which topic would you say each came from?** Give each word a "
             "topic, then check your guess against the truth and against Bayes' rule with the dice known.")
    doc_names = T["t_doc"].options[: min(len(docs), SHOWN_DOCS)]
    i = doc_names.index(show(st, T["t_doc"], options=doc_names))
    guess_panel("t", docs[i].words, docs[i].topics, topics, mixing,
                extra=(seed, i, n_docs, n_words, concentration))


def take_home() -> None:
    """The documents as CSV and JSON and the numpy code that rolls them, made only while the expander is open."""
    with st.expander("Take it home: the documents and the code", icon=":material/download:", key="t_home",
                     on_change="rerun") as home:
        if home.open:
            d1, d2 = st.columns(2)
            d1.download_button("Download the documents (CSV)", documents_csv(docs, topics),
                               "mixgen_documents.csv", "text/csv", icon=":material/download:")
            d2.download_button("Download the documents (JSON)", documents_json(docs, topics),
                               "mixgen_documents.json", "application/json", icon=":material/download:")
            st.caption("Plain numpy code that rolls exactly these documents (same settings, same seed):")
            st.code(topics_snippet(topics, n_docs, n_words, mixing, concentration, seed), language="python")


def word_counts() -> None:
    """4 · Observed word counts against the mixture's expectation."""
    vocab, expected = expected_word_counts(topics, mixing, n_docs * n_words)
    st.write(f"How often each word appears in the {n_docs} mixed document(s), against what the mixture "
             "leads us to expect (the mixing weights times each die's probabilities).")
    st.plotly_chart(word_count_figure(vocab, observed_word_counts(docs, vocab), expected), width="stretch",
                    key="t_count_plot")


def known_topics() -> None:
    """5 · Bayes' rule for each word with the dice known, and one document's mix estimated by EM."""
    st.write("Suppose you know the dice but not which die each word came from. **Bayes' rule** weighs each "
             "topic by how often it is picked (its mixing weight) times how likely its die is to show the word, "
             "then scales the results to add up to 1.")
    doc_names = T["t_doc"].options[: min(len(docs), SHOWN_DOCS)]
    doc = docs[doc_names.index(show(st, T["t_doc"], options=doc_names))]
    prior = np.asarray(mixing) / sum(mixing)
    post = word_posteriors(topics, doc.words, prior)
    guess = np.argmax(post, axis=1)
    wrong = guess != doc.topics
    st.html(legend_html(names, show_shared=bool(shared)))
    st.caption("Each word coloured by its most likely topic; ✗ marks a guess that differs from the truth.")
    st.html(document_html(doc.words, guess, shared=shared, wrong=wrong))
    st.metric("Words whose most likely topic is the true one", f"{1 - wrong.mean():.0%}")
    table = {"word": list(doc.words), "true topic": [int(t) + 1 for t in doc.topics]}
    table.update({f"P(topic {j + 1})": np.round(post[:, j], 3) for j in range(len(topics))})
    st.dataframe(table, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(doc.words)))
    ambiguous = [w for w in dict.fromkeys(doc.words) if w in shared]
    if ambiguous:
        w = ambiguous[0]
        st.html(bayes_html(w, prior, word_likelihoods(topics, w), post[doc.words.index(w)]))
    est = estimate_mixing_weights(topics, doc.words)
    share = np.bincount(doc.topics, minlength=len(topics)) / max(len(doc.words), 1)
    st.write("**This document's mix**, estimated from its words by EM (the dice known, only the mixing "
             "weights unknown), against the truth:")
    st.plotly_chart(mixing_figure(doc.mixing, est, names, share), width="stretch", key="t_mix_plot")


def generated_only(section):
    """Tabs that need the true dice: for real text, say so instead."""
    def guarded() -> None:
        if source is None:
            section()
        else:
            st.info("Real text has no dice, so there are no true topics to colour, count against or reason back "
                    "from here. Tabs 6 and 7 learn its topics from the words alone; tabs 1 and 2 still roll "
                    "the dice in the sidebar.", icon=":material/info:")
    return guarded


show_link_notices(T)
challenge = flag_on(st.query_params.get_all, "t_challenge")
locked = challenge and not ever_checked(st.session_state, "t")  # settings hidden until a guess is checked
if challenge:
    open_challenge()
st.title("Words from topics")
st.write(
    "A **topic** is a die with a word on each side. Roll it to get a word; roll it 20 times to get a "
    "document. A **mixture** of topics first rolls which topic to use, then rolls that topic's die."
)
with st.sidebar:
    k, seed, values = challenge_settings() if locked else topic_settings()
    link_slot = st.container()
topics, mixing = typed_topics(k, values)
names = [t.name for t in topics]
shared = shared_words(topics)
n_docs, n_words, concentration, source = corpus_settings()
docs: list[Document] = [] if source is not None else sample_documents(
    topics, n_docs, n_words, topic_weights=mixing, concentration=concentration, rng=np.random.default_rng(seed))
corpus = CorpusOnPage(topics=topics, mixing=mixing, names=names, shared=shared, seed=seed, n_docs=n_docs,
                      n_words=n_words, concentration=concentration, source=source, docs=docs)
SECTIONS = (roll_a_die, one_topic_per_document, generated_only(mixed_documents), generated_only(word_counts),
            generated_only(known_topics), lambda: learn_the_topics(corpus), lambda: watch_topics_found(corpus))
for tab, section in zip(tabs(st, T["t_tab"]).values(), SECTIONS):
    with tab:
        if tab.open and locked and section is not SECTIONS[2]:
            st.info("This tab would give the answer away: check your guess on tab 3 first.")
        elif tab.open:  # bound to the URL, the tabs run lazily: only the open one computes
            section()
if not locked:
    with link_slot:
        show_scenario_link(T, "topics")
