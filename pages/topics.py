"""Topic-documents page: dice with words on their sides, documents rolled from topics, and reasoning back."""

from mixgen_ui.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import align_topics, estimate_mixing_weights, relabel, topics_on_vocabulary, word_posteriors
from mixgen_core.topics import (
    MAX_TOPICS,
    expected_word_counts,
    observed_word_counts,
    one_hot,
    roll_die,
    running_frequencies,
    sample_documents,
    shared_words,
    side_counts,
)
from mixgen_ui.cached import cached_topic_fit
from mixgen_ui.export import aligned_numbers, documents_csv, documents_json
from mixgen_ui.snippets import topics_snippet
from mixgen_ui.highlight import document_html, legend_html, text_html
from mixgen_ui.links import show_link_notices, show_scenario_link
from mixgen_ui.text import md_escape
from mixgen_ui.topic_figures import die_figure, frequency_figure, word_count_figure
from mixgen_ui.topic_fit_figures import mixing_figure, topic_comparison_figure
from mixgen_ui.topic_state import (
    COLOUR_MODES,
    FIELDS,
    MAX_DOC_WORDS,
    MAX_DOCS,
    MAX_PAGE_WORDS,
    MAX_ROLL,
    ROLL_CHOICES,
    SETTINGS,
    SHOWN_DOCS,
    TABS,
    link_param,
    topic_defaults,
    topic_key,
    topics_from_state,
)
from mixgen_ui.widgets import next_seed, seed_input, whole_number_input

URL = dict(bind="query-params")
show_link_notices(link_param, "t_k", SETTINGS["t_k"], 2)

st.title("Words from topics")
st.write(
    "A **topic** is a die with a word on each side. Roll it to get a word; roll it 20 times to get a "
    "document. A **mixture** of topics first rolls which topic to use, then rolls that topic's die."
)

with st.sidebar:
    st.subheader("Topics")
    k = whole_number_input(st, "Number of topics", 1, MAX_TOPICS, 2, "t_k")
    st.caption("Type each topic's words separated by commas. Weights are optional: one number per "
               "word, for a loaded die. The mixing weight says how often the topic is picked.")
    for i in range(k):
        d = topic_defaults(i)
        with st.expander(f"Topic {i + 1}", expanded=i < 2):
            st.text_input("name", value=d["name"], key=topic_key(i, "name"), max_chars=FIELDS["name"].max_chars, **URL)
            st.text_area("words", value=d["words"], key=topic_key(i, "words"), max_chars=FIELDS["words"].max_chars,
                         height=90, **URL)
            st.text_input("word weights (optional)", value=d["weights"], key=topic_key(i, "weights"),
                          max_chars=FIELDS["weights"].max_chars, placeholder="e.g. 3, 1, 1", **URL)
            st.number_input("mixing weight", FIELDS["mix"].lo, FIELDS["mix"].hi, value=d["mix"], step=0.5,
                            key=topic_key(i, "mix"), **URL,
                            help="Relative chance of picking this topic for each word of a mixed document.")
    seed = seed_input(st, "Random seed", "t_seed",
                      help="The same seed and settings always roll the same words.")
    st.button("New documents", on_click=lambda: st.session_state.update(t_seed=next_seed(seed)))
    link_slot = st.container()

topics, mixing, errors = topics_from_state(st.session_state, k)
for message in errors:
    st.error(md_escape(message))
if errors:
    st.stop()
if sum(mixing) <= 0:
    st.error("Give at least one topic a mixing weight above 0, so there is a topic to pick.")
    st.stop()

names = [t.name for t in topics]
shared = shared_words(topics)
with st.container(border=True):
    st.caption("The documents (the corpus: tabs 2 to 6)")
    c1, c2, c3, c4 = st.columns([1, 1, 1.2, 1.2])
    n_docs = whole_number_input(c1, "Documents", 1, MAX_DOCS, 3, "t_ndocs")
    n_words = whole_number_input(c2, "Words per document", 1, MAX_DOC_WORDS, 20, "t_nwords")
    dirichlet = c3.toggle("Each document its own mix", value=False, key="t_dirichlet", **URL,
                          help="Draw each document's topic weights from a Dirichlet distribution "
                               "(the step from this worksheet to LDA topic models).")
    alpha = c4.slider("Concentration", 0.05, 10.0, value=1.0, step=0.05, key="t_alpha", disabled=not dirichlet, **URL,
                      help="Small: most documents are mostly one topic. Large: every document mixes like the average.")
if n_docs * n_words > MAX_PAGE_WORDS:
    st.error(f"That is {n_docs * n_words:,} words; this page makes at most {MAX_PAGE_WORDS:,}. "
             "Use fewer documents or shorter ones.")
    st.stop()
docs = sample_documents(topics, n_docs, n_words, topic_weights=mixing,
                        concentration=alpha if dirichlet else None, rng=np.random.default_rng(seed))
tabs = dict(zip(TABS, st.tabs(TABS, key="t_tab", **URL)))

with tabs["1 · Roll a die"]:
    if tabs["1 · Roll a die"].open:
        st.write("The worksheet's `np.random.multinomial(1, prob, 1)` rolls a die once: it says how often each "
                 "side came up, so it is all 0s and a single 1. `np.argmax` finds where the 1 is: the side rolled.")
        die_names = [f"Topic {j + 1}" for j in range(len(topics))]
        d = die_names.index(st.selectbox("Which die?", die_names, key="t_die", **URL))
        topic = topics[d]
        st.html(legend_html([topic.name], show_shared=False, indices=[d]))
        left, right = st.columns([1, 1])
        with left:
            roll = whole_number_input(st, "Roll number", 0, MAX_ROLL, 0, "t_roll",
                                      help="Each roll number is one roll of this die; the same number rolls the same side.")
            st.button("Roll once", icon=":material/casino:",
                      on_click=lambda: st.session_state.update(t_roll=float(min(roll + 1, MAX_ROLL))))
            side = int(roll_die(topic.probabilities, 1, np.random.default_rng([seed, d, roll]))[0])
            st.code(f"one roll (outcome counts): {one_hot(side, len(topic.words)).tolist()}\n"
                    f"np.argmax -> side index:   {side}", language=None)
            st.html(f"<div>The word on top: <b>{text_html(topic.words[side])}</b></div>")
        with right:
            n_rolls = st.select_slider("Roll it this many times", ROLL_CHOICES, value=100, key="t_rolls", **URL)
            sides = roll_die(topic.probabilities, n_rolls, np.random.default_rng([seed, d]))
            observed = side_counts(sides, len(topic.words)) / n_rolls
            st.plotly_chart(die_figure(topic.words, topic.probabilities, d, observed), width="stretch",
                            key="t_die_plot")
        checkpoints, freqs = running_frequencies(sides, len(topic.words))
        st.plotly_chart(frequency_figure(topic.words, checkpoints, freqs, topic.probabilities, d),
                        width="stretch", key="t_freq_plot")
        st.caption("The more rolls, the closer each side's observed frequency gets to its probability (dashed lines).")

with tabs["2 · One topic per document"]:
    if tabs["2 · One topic per document"].open:
        st.write("The worksheet's document 1 and document 2: each word rolled from one topic's die only.")
        for j, t in enumerate(topics):
            (doc,) = sample_documents([t], 1, n_words, rng=np.random.default_rng([seed, 1, j]))
            st.html(legend_html([t.name], show_shared=False, indices=[j]))
            st.html(document_html(doc.words, [j] * len(doc.words)))



def show_documents(colour_of, wrong_of=None) -> None:
    """The first documents as highlighted text; ``colour_of(doc_index, doc)`` gives each word's topic or None."""
    for i, doc in enumerate(docs[:SHOWN_DOCS]):
        mix = " · ".join(f"{m:.0%}" for m in doc.mixing)
        st.caption(f"Document {i + 1} (true topic mix {mix})")
        st.html(document_html(doc.words, colour_of(i, doc), shared=shared,
                              wrong=None if wrong_of is None else wrong_of(i, doc)))
    if len(docs) > SHOWN_DOCS:
        st.caption(f"Showing {SHOWN_DOCS} of {len(docs)} documents; the counts and fits use all of them.")


with tabs["3 · Mixed documents"]:
    if tabs["3 · Mixed documents"].open:
        coloured = st.toggle("Colour by topic", value=True, key="t_colour", **URL,
                             help="Show which topic's die each word was rolled from (colour and number).")
        if coloured:
            st.html(legend_html(names, show_shared=bool(shared)))
        else:
            st.info("**If you saw only the words, could you tell which topic each came from?** "
                    "Switch the colours back on to check.")
        show_documents(lambda i, doc: doc.topics if coloured else None)
        # Lazy: the files and the highlighted code are only made while the expander is open.
        with st.expander("Take it home: the documents and the code", icon=":material/download:", key="t_home",
                         on_change="rerun") as home:
            if home.open:
                d1, d2 = st.columns(2)
                d1.download_button("Download the documents (CSV)", documents_csv(docs, topics),
                                   "mixgen_documents.csv", "text/csv", icon=":material/download:")
                d2.download_button("Download the documents (JSON)", documents_json(docs, topics),
                                   "mixgen_documents.json", "application/json", icon=":material/download:")
                st.caption("Plain numpy code that rolls exactly these documents (same settings, same seed):")
                st.code(topics_snippet(topics, n_docs, n_words, mixing, alpha if dirichlet else None, seed),
                        language="python")
        if shared:
            st.warning(
                f"{len(shared)} word(s) sit on more than one die (outlined with dashes when coloured). Each is "
                "coloured by the die it was actually rolled from, but the word alone cannot tell you which: "
                "that is why reasoning back needs probabilities.")
            st.html("<div>Shared words: " + ", ".join(text_html(w) for w in sorted(shared)) + "</div>")

with tabs["4 · Word counts"]:
    if tabs["4 · Word counts"].open:
        vocab, expected = expected_word_counts(topics, mixing, n_docs * n_words)
        st.write(f"How often each word appears in the {n_docs} mixed document(s), against what the mixture "
                 "leads us to expect (the mixing weights times each die's probabilities).")
        st.plotly_chart(word_count_figure(vocab, observed_word_counts(docs, vocab), expected), width="stretch",
                        key="t_count_plot")

with tabs["5 · Reason back: known topics"]:
    if tabs["5 · Reason back: known topics"].open:
        st.write("Suppose you know the dice but not which die each word came from. **Bayes' rule** weighs each "
                 "topic by how often it is picked (its mixing weight) times how likely its die is to show the word, "
                 "then scales the results to add up to 1.")
        doc_names = [f"Document {i + 1}" for i in range(min(len(docs), SHOWN_DOCS))]
        doc_index = doc_names.index(st.selectbox("Which document?", doc_names, key="t_doc", **URL))
        doc = docs[doc_index]
        prior = np.asarray(mixing) / sum(mixing)
        post = word_posteriors(topics, doc.words, prior)
        guess = np.argmax(post, axis=1)
        wrong = guess != doc.topics
        st.html(legend_html(names, show_shared=bool(shared)))
        st.caption("Each word coloured by its most likely topic; ✗ marks a guess that differs from the truth.")
        st.html(document_html(doc.words, guess, shared=shared, wrong=wrong))
        st.metric("Words whose most likely topic is the true one", f"{1 - wrong.mean():.0%}")
        table = {"word": list(doc.words), "true topic": [int(t) + 1 for t in doc.topics]}
        table.update({f"P(topic {k_ + 1})": np.round(post[:, k_], 3) for k_ in range(len(topics))})
        st.dataframe(table, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(doc.words)))
        ambiguous = [w for w in dict.fromkeys(doc.words) if w in shared]
        if ambiguous:
            w = ambiguous[0]
            probs = [t.probabilities[t.words.index(w)] if w in t.words else 0.0 for t in topics]
            terms = " + ".join(f"{p_:.2f}×{q:.3f}" for p_, q in zip(prior, probs))
            lines = "".join(
                f"<li>P(topic {k_ + 1} | {text_html(w)}) = {prior[k_]:.2f}×{probs[k_]:.3f} / ({terms}) "
                f"= <b>{post[doc.words.index(w), k_]:.3f}</b></li>" for k_ in range(len(topics)))
            st.html(f"<div>Why is {text_html(w)} uncertain? It is on more than one die:<ul>{lines}</ul></div>")
        est = estimate_mixing_weights(topics, doc.words)
        share = np.bincount(doc.topics, minlength=len(topics)) / max(len(doc.words), 1)
        st.write("**This document's mix**, estimated from its words by EM (the dice known, only the mixing "
                 "weights unknown), against the truth:")
        st.plotly_chart(mixing_figure(doc.mixing, est, names, share), width="stretch", key="t_mix_plot")

with tabs["6 · Learn the topics"]:
    if tabs["6 · Learn the topics"].open:
        st.write("Now forget the dice too. From the documents alone, with every word's origin hidden, find the "
                 "dice and mixes that make the documents most likely (an LDA topic model, fitted by variational "
                 "Bayes). Three documents of 20 words give little to learn from: try 200 documents of 50 words, "
                 "each with its own mix.")
        st.button("Use 200 documents of 50 words, each with its own mix",
                  on_click=lambda: st.session_state.update(t_ndocs=200.0, t_nwords=50.0, t_dirichlet=True))
        c1, c2 = st.columns([3, 1])
        fit_k = c1.slider("Topics to learn", 1, MAX_TOPICS, value=min(len(topics), MAX_TOPICS), key="t_fit_k", **URL)
        fit_seed = seed_input(c2, "Fit seed", "t_fit_seed",
                              help="Seeds the fit's random starting dice; the same seed gives the same fit.")
        try:
            with st.spinner("Learning the topics…", show_time=True):
                fit = cached_topic_fit(tuple(tuple(d_.words) for d_ in docs), fit_k, fit_seed)
        except ValueError as err:
            st.warning(md_escape(f"The topics can't be learned from these documents: {err}"))
            st.stop()
        true_tw = topics_on_vocabulary(topics, fit.vocabulary)
        match = align_topics(true_tw, fit.topic_word)
        st.plotly_chart(topic_comparison_figure(fit.vocabulary, true_tw, fit.topic_word, match, names),
                        width="stretch", key="t_topics_plot")
        inferred = [relabel(np.argmax(fit.word_topics[i], axis=1), match) for i in range(len(docs))]
        correct = np.mean(np.concatenate([inf == d_.topics for inf, d_ in zip(inferred, docs)]))
        m1, m2 = st.columns(2)
        m1.metric("Words assigned to their true topic", f"{correct:.0%}",
                  help="Each learned topic is matched to the true topic it is closest to.")
        m2.metric("Iterations", f"{fit.n_iter}", help="Until the fit's objective stopped improving.")
        mode = st.radio("Colour the words by", COLOUR_MODES, index=1, key="t_fit_colour", horizontal=True, **URL)
        st.html(legend_html(names, show_shared=bool(shared)))
        show_documents(
            lambda i, doc: None if mode == "no colour" else (doc.topics if mode == "true origin" else
                                                            np.where(inferred[i] >= 0, inferred[i], 0)),
            None if mode != "inferred origin" else (lambda i, doc: inferred[i] != doc.topics))
        learned_mix = fit.document_topic[:, np.where(match >= 0, match, 0)] * (match >= 0)
        st.download_button("Download the documents with the learned topics (CSV)",
                           documents_csv(docs, topics, fit.word_topics,
                                         inferred_numbers=aligned_numbers(match, fit.n_topics)),
                           "mixgen_documents_learned.csv", "text/csv", icon=":material/download:")
        st.write("**Learned mixes** of the first documents, against the true ones:")
        st.dataframe({"document": [f"Document {i + 1}" for i in range(min(len(docs), SHOWN_DOCS))],
                      "true mix": [" · ".join(f"{m:.0%}" for m in d_.mixing) for d_ in docs[:SHOWN_DOCS]],
                      "learned mix": [" · ".join(f"{m:.0%}" for m in row) for row in learned_mix[:SHOWN_DOCS]]},
                     hide_index=True, width="stretch")

with link_slot:
    show_scenario_link("topics")
