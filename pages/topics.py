"""Topic-documents page: dice with words on their sides, documents rolled from topics, and reasoning
back. Every setting is declared in ``mixgen_ui/topic_settings.py``."""

from mixgen_ui.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import (
    MAX_TOPICS,
    Document,
    Topic,
    compare_topic_fit,
    estimate_mixing_weights,
    expected_word_counts,
    observed_word_counts,
    one_hot,
    roll_die,
    running_frequencies,
    sample_documents,
    shared_words,
    side_counts,
    topics_on_vocabulary,
    word_posteriors,
)
from mixgen_ui.cached import (
    cached_coin_vs_mixes,
    cached_gibbs,
    cached_real_corpus,
    cached_real_fit,
    cached_rolled,
    cached_topic_fit,
    topic_spec,
)
from mixgen_ui.gibbs_figures import MAX_SWEEP_FRAMES, SWEEP_WORDS, step_animation, sweep_animation
from mixgen_ui.gibbs_view import (
    agreement_by_sweep,
    cut_documents,
    display_numbers,
    documents_html,
    frame_sweeps,
    next_sweep,
    next_word,
    reroll_html,
    state_before,
    top_vocabulary,
)
from mixgen_ui.export import documents_csv, documents_json
from mixgen_ui.guess_words import ever_checked, flag_on, guess_panel, hidden_values, word_likelihoods
from mixgen_ui.highlight import document_html, legend_html
from mixgen_ui.links import show_link_notices, show_scenario_link
from mixgen_ui.real_text import (
    coloured_text_html,
    label_html,
    own_documents,
    sotu_span_problem,
    top_words,
    top_words_html,
    year_shares,
)
from mixgen_ui.snippets import topics_snippet
from mixgen_ui.text import md_escape
from mixgen_ui.topic_figures import die_figure, frequency_figure, word_count_figure
from mixgen_ui.topic_fit_figures import mixing_figure, topic_comparison_figure, year_share_figure
from mixgen_ui.topic_settings import (
    GENERATED,
    GIBBS_BIG_CORPORA,
    GIBBS_BIG_SWEEPS,
    GIBBS_BIG_WORDS,
    GIBBS_SWEEPS,
    GIBBS_WORDS,
    LEARNABLE_CORPUS,
    SIDE_DOCS,
    SIDE_WORDS,
    SOTU,
    MAX_PAGE_WORDS,
    MAX_ROLL,
    SHOWN_DOCS,
    TABS,
    TOPICS as T,
    topics_from_state,
)
from mixgen_ui.topic_text import bayes_html, mix_text, rolled_word_html, shared_words_html
from mixgen_ui.widgets import next_seed, show, tabs


def update(**values) -> None:
    """Write settings from a button (whole numbers as int; stored as their widgets keep them)."""
    st.session_state.update(T.values_for_state(values))


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


def sotu_source() -> tuple | None:
    """A span of years of the State of the Union addresses, each paragraph a document."""
    st.caption("Presidents' State of the Union addresses (public domain), each paragraph one document. "
               "Real text has no dice: tabs 3 to 5 need the true topics, so tabs 6 and 7 learn them.")
    c1, c2 = st.columns(2)
    first, last = show(c1, T["t_sotu_from"]), show(c2, T["t_sotu_to"])
    problem = sotu_span_problem(first, last)
    if problem:
        st.warning(problem)
        return None
    return ("sotu", first, last)


def own_text_source() -> tuple | None:
    """Pasted text (documents between blank lines) or uploaded .txt files."""
    s = T["t_text"]  # not bound to the link: it may be long
    text = st.text_area(s.label, key=s.key, max_chars=s.max_chars, help="Read in memory only, never stored.",
                        placeholder="Paste some paragraphs here, with a blank line between them.", **s.extra)
    files = st.file_uploader("Or upload .txt files (one document per file; a single file: one per paragraph)",
                             type=["txt"], accept_multiple_files=True, key="t_files")
    try:
        labelled = own_documents(text, [(f.name, f.getvalue()) for f in files or []])
    except ValueError as err:
        st.error(md_escape(str(err)))
        return None
    if labelled is None:
        st.info("Type or paste some text, or upload .txt files: tabs 6 and 7 learn its topics.")
        return None
    return ("text", tuple(labelled))


def show_documents(topic_of, wrong_of=None) -> None:
    """The first documents as highlighted text; ``topic_of(i, doc)`` gives each word's topic or None."""
    for i, doc in enumerate(docs[:SHOWN_DOCS]):
        st.caption(f"Document {i + 1} (true topic mix {mix_text(doc.mixing)})")
        st.html(document_html(doc.words, topic_of(i, doc), shared=shared,
                              wrong=None if wrong_of is None else wrong_of(i, doc)))
    if len(docs) > SHOWN_DOCS:
        st.caption(f"Showing {SHOWN_DOCS} of {len(docs)} documents; the counts and fits use all of them.")


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
    show_documents(lambda i, doc: doc.topics if coloured else None)
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


def learn_the_topics() -> None:
    """6 · LDA learns the dice and the mixes from the words alone, matched to the true topics; first why
    that needs documents that mix the topics differently (side by side: one fixed coin, each its own mix)."""
    if source is not None:
        learn_real_topics()
        return
    st.write("Now forget the dice too. From the documents alone, with every word's origin hidden, find the "
             "dice and mixes that make the documents most likely (an LDA topic model, fitted by variational "
             "Bayes).")
    st.info("**How can topics be found from words alone?** From which words turn up *together*: the words of "
            "one topic crowd into the documents that use that topic a lot and thin out in the others. That only "
            "works when documents mix the topics **differently**. When every document mixes them the same way "
            "(one fixed coin for every word), every document looks alike: nothing in the counts tells the "
            "topics apart (only chance differences between documents give a hint), so many words land in the "
            "wrong topic, and **more documents hardly help** (1,000 such documents still get about half "
            "right).", icon=":material/lightbulb:")
    if concentration is None:
        st.write(f"Your documents use one fixed coin for every word, so expect the learned topics to be poor "
                 f"below{' (and ' + str(n_docs * n_words) + ' words are few anyway)' if n_docs * n_words < 1000 else ''}"
                 ". Compare the two corpora, then give each document its own mix:")
    else:
        st.write("Your documents each have their own mix: the topics can be told apart.")
    if show(st, T["t_fit_side"]):
        coin_versus_mixes()
    st.subheader("Your documents")
    st.button("Use 200 documents of 50 words, each with its own mix", on_click=lambda: update(**LEARNABLE_CORPUS))
    c1, c2 = st.columns([3, 1])
    fit_k = show(c1, T["t_fit_k"], default=len(topics))
    fit_seed = show(c2, T["t_fit_seed"])
    try:
        with st.spinner("Learning the topics…", show_time=True):
            fit = cached_topic_fit(tuple(tuple(d.words) for d in docs), fit_k, fit_seed)
    except ValueError as err:
        st.warning(md_escape(f"The topics can't be learned from these documents: {err}"))
        return
    true_tw = topics_on_vocabulary(topics, fit.vocabulary)
    cmp = compare_topic_fit(true_tw, np.concatenate([d.topics for d in docs]), fit.topic_word,
                            np.concatenate([np.argmax(wt, axis=1) for wt in fit.word_topics]))
    st.plotly_chart(topic_comparison_figure(fit.vocabulary, true_tw, fit.topic_word, cmp.match, names),
                    width="stretch", key="t_topics_plot")
    ends = np.cumsum([len(d.words) for d in docs])[:-1]
    inferred, wrong = np.split(cmp.labels, ends), np.split(cmp.wrong, ends)
    m1, m2 = st.columns(2)
    m1.metric("Words assigned to their true topic", f"{cmp.agreement:.0%}",
              help="Each learned topic is matched to the true topic it is closest to.")
    m2.metric("Iterations", f"{fit.n_iter}", help="Until the fit's objective stopped improving.")
    mode = show(st, T["t_fit_colour"])
    st.html(legend_html(names, show_shared=bool(shared)))
    show_documents(lambda i, doc: {"no colour": None, "true origin": doc.topics}.get(mode, inferred[i]),
                   None if mode != "inferred origin" else (lambda i, doc: wrong[i]))
    st.download_button("Download the documents with the learned topics (CSV)",  # made when clicked, not every run
                       lambda: documents_csv(docs, topics, fit.word_topics, inferred_numbers=cmp.numbers + 1),
                       "mixgen_documents_learned.csv", "text/csv", icon=":material/download:")
    st.write("**Learned mixes** of the first documents, against the true ones:")
    learned = cmp.in_true_order(fit.document_topic[:SHOWN_DOCS])
    st.dataframe({"document": [f"Document {i + 1}" for i in range(len(learned))],
                  "true mix": [mix_text(d.mixing) for d in docs[:SHOWN_DOCS]],
                  "learned mix": [mix_text(row) for row in learned]}, hide_index=True, width="stretch")




def coin_versus_mixes() -> None:
    """The same dice, two corpora of 200 documents: one fixed coin, or each document its own mix."""
    fit_k = len(topics)
    try:
        with st.spinner("Learning the topics of both corpora…", show_time=True):
            both = cached_coin_vs_mixes(topic_spec(topics), tuple(mixing), SIDE_DOCS, SIDE_WORDS, seed, fit_k, 0)
    except ValueError as err:
        st.warning(md_escape(f"The topics can't be learned from these documents: {err}"))
        return
    st.caption(f"Both corpora roll {SIDE_DOCS} documents of {SIDE_WORDS} words from the dice in the sidebar; "
               f"{fit_k} topics are learned from each, then matched to the true dice.")
    side_cols = st.columns(2)
    for col, key, title, why in (
            (0, "fixed", "One fixed coin for every document",
             "Every document mixes the topics the same way: nothing tells them apart."),
            (1, "own", "Each document its own mix",
             "Documents lean on different topics: words that turn up together give the topics away.")):
        with side_cols[col]:
            r = both[key]
            st.markdown(f"**{title}**")
            st.metric("Words assigned to their true topic", f"{r['agreement']:.0%}",
                      help="Each learned topic is matched to the true topic it is closest to.")
            st.caption(why)
            st.plotly_chart(topic_comparison_figure(r["vocabulary"], r["true"], r["fitted"], r["match"], names),
                            width="stretch", key=f"t_side_{key}_plot")


def learn_real_topics() -> None:
    """6 · (real text) Topics learned from real paragraphs: top words, coloured paragraphs, use by year."""
    st.write("Real text has no dice to compare with: nobody knows its true topics. The model still finds "
             "groups of words that turn up together in the same paragraphs; read each topic's top words and "
             "name it yourself. Common words (\"the\", \"and\"), short ones, rare ones and those in more "
             "than half of the paragraphs are left out first.")
    corpus = real_corpus()
    if corpus is None:
        return
    c1, c2 = st.columns([3, 1])
    k = show(c1, T["t_real_k"])
    fit_seed = show(c2, T["t_fit_seed"])
    try:
        with st.spinner(f"Learning {k} topics from {corpus.n_words:,} words…", show_time=True):
            fit = cached_real_fit(source, k, fit_seed)
    except ValueError as err:
        st.warning(md_escape(f"The topics can't be learned from this text: {err}"))
        return
    lengths = [len(w) for w in corpus.words]
    shares = (fit.document_topic * np.asarray(lengths)[:, None]).sum(axis=0) / max(sum(lengths), 1)
    tops = top_words(fit.topic_word, fit.vocabulary)
    st.caption(f"{len(corpus.words):,} documents, {corpus.n_words:,} words, {len(fit.vocabulary):,} distinct.")
    st.markdown("**Each topic's most likely words**")
    st.html(top_words_html(tops, shares))
    if corpus.years is not None:
        st.markdown("**How much each topic is used, year by year**")
        years, by_year = year_shares(corpus.years, fit.document_topic, lengths)
        st.plotly_chart(year_share_figure(years, by_year, [", ".join(t[:3]) for t in tops]), width="stretch",
                        key="t_years_plot")
    st.markdown("**The paragraphs, every kept word coloured by its most likely topic** (plain words were left out)")
    vocab = frozenset(fit.vocabulary)
    for i in range(min(SHOWN_DOCS, len(corpus.words))):
        topics_i = np.argmax(fit.word_topics[i], axis=1) if len(corpus.words[i]) else []
        st.html(label_html(corpus.labels[i], f" · mix {mix_text(fit.document_topic[i])}"))
        st.html(coloured_text_html(corpus.texts[i], topics_i, vocab))
    if len(corpus.words) > SHOWN_DOCS:
        st.caption(f"Showing {SHOWN_DOCS} of {len(corpus.words):,} documents; the topics use all of them.")


def real_corpus():
    """The real corpus chosen above, tokenised and pruned (cached), or None after a message."""
    if source is None:
        st.info("Choose the years or give some text above first.")
        return None
    try:
        with st.spinner("Reading the text…"):
            return cached_real_corpus(source)
    except ValueError as err:
        st.warning(md_escape(str(err)))
        return None


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


def watch_topics_found() -> None:
    """7 · Collapsed Gibbs sampling stepped through on a small corpus; then a larger one sweep by sweep."""
    st.write("Another way to find topics: start by giving every word a random topic, then **re-roll one word's "
             "topic at a time**, leaving all the others as they are. The chance of topic k is the product of two "
             "things: *how much the word's document already uses topic k* and *how much topic k already uses "
             "this word* (over all documents). Words that turn up together pull each other into the same topic. "
             "One pass over every word is a **sweep** (collapsed Gibbs sampling).")
    if source is None:
        words_docs, labels_docs = [d.words for d in docs], [d.topics for d in docs]
        k = len(topics)
    else:
        corpus = real_corpus()
        if corpus is None:
            return
        words_docs, labels_docs, k = corpus.words, None, show(st, T["t_real_k"])
    small, small_labels = cut_documents(words_docs, labels_docs, GIBBS_WORDS)
    gibbs_seed = show(st, T["t_gibbs_seed"])
    try:
        run = cached_gibbs(tuple(map(tuple, small)), k, gibbs_seed, GIBBS_SWEEPS)
    except ValueError as err:
        st.warning(md_escape(f"The sampler can't run on these words: {err}"))
        return
    truth = None if small_labels is None else (topics_on_vocabulary(topics, run.vocabulary),
                                              np.concatenate(small_labels))
    numbers, final = display_numbers(run, *(truth or (None, None)))
    n = run.assignments.shape[1]
    st.caption(f"The first {n} words of the documents, {k} topics, {GIBBS_SWEEPS} sweeps."
               + ("" if truth is None else " Colours follow the true topic each sampled topic ends up matched to."))
    c1, c2 = st.columns(2)
    sweep = show(c1, T["t_gibbs_sweep"])
    step = show(c2, T["t_gibbs_step"])
    if step > n:
        st.caption(f"There are only {n} words: showing word {n}.")
        step = n
    b1, b2 = st.columns(2)
    after_word = next_word(sweep, step, n, GIBBS_SWEEPS)
    b1.button("Next word", icon=":material/skip_next:", width="stretch",
              on_click=lambda: update(t_gibbs_sweep=after_word[0], t_gibbs_step=after_word[1]))
    b2.button("Next sweep", icon=":material/fast_forward:", width="stretch",
              on_click=lambda: update(t_gibbs_sweep=next_sweep(sweep, GIBBS_SWEEPS)))
    details = run.step_details(sweep - 1, step - 1)
    st.html(legend_html([names[j] if j < len(names) and truth is not None else f"topic {j + 1}"
                         for j in range(k)], show_shared=False))
    for i, block in enumerate(documents_html(run, state_before(run, sweep, step), numbers, step - 1)):
        st.caption(f"Document {i + 1}" + (" (the word being re-rolled is ringed)" if i == details.document else ""))
        st.html(block)
    st.html(reroll_html(details, numbers))
    st.caption("Press ▶ Play to watch every word of this sweep re-rolled in turn (it plays in your browser), "
               "or drag the slider under the chart.")
    st.plotly_chart(step_animation([run.step_details(sweep - 1, p) for p in range(n)], sweep, step - 1, numbers),
                    width="stretch", key="t_gibbs_step_plot")
    if truth is not None:
        st.metric("Words in their true topic after the last sweep", f"{final:.0%}")
    if show(st, T["t_gibbs_big"]):
        watch_sweeps(words_docs, labels_docs, k, gibbs_seed)


def watch_sweeps(words_docs, labels_docs, k: int, gibbs_seed: int) -> None:
    """A larger corpus, one frame per sweep: the learned dice, the log joint, agreement with the truth."""
    if source is None:
        which = show(st, T["t_gibbs_corpus"])
        if which == GIBBS_BIG_CORPORA[2]:
            words, labels = cut_documents(words_docs, labels_docs, GIBBS_BIG_WORDS)
        else:
            rolled = cached_rolled(topic_spec(topics), tuple(mixing), SIDE_DOCS, SIDE_WORDS,
                                   1.0 if which == GIBBS_BIG_CORPORA[0] else None, seed)
            words, labels = [list(w) for w in rolled[0]], [list(t) for t in rolled[1]]
    else:
        words, labels = cut_documents(words_docs, None, GIBBS_BIG_WORDS)
    n = sum(map(len, words))
    try:
        with st.spinner(f"Sampling {GIBBS_BIG_SWEEPS} sweeps over {n:,} words…", show_time=True):
            run = cached_gibbs(tuple(map(tuple, words)), k, gibbs_seed, GIBBS_BIG_SWEEPS)
    except ValueError as err:
        st.warning(md_escape(f"The sampler can't run on these words: {err}"))
        return
    sweeps = frame_sweeps(run.n_sweeps, MAX_SWEEP_FRAMES)
    if labels is not None:
        true_tw = topics_on_vocabulary(topics, run.vocabulary)
        numbers, agreement = agreement_by_sweep(run, true_tw, np.concatenate(labels), sweeps)
        st.metric("Words in their true topic after the last sweep", f"{agreement[-1]:.0%}",
                  help="After each sweep, each sampled topic is matched to the true topic it is closest to.")
    else:
        numbers, agreement = np.tile(np.arange(k), (len(sweeps), 1)), None
    st.caption(f"{n:,} words, {GIBBS_BIG_SWEEPS} sweeps. Press ▶ Play: the dice settle and the log joint climbs, "
               "then levels off.")
    st.plotly_chart(sweep_animation(run, sweeps, numbers, top_vocabulary(run, SWEEP_WORDS), agreement),
                    width="stretch", key="t_gibbs_sweep_plot")


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
SECTIONS = (roll_a_die, one_topic_per_document, generated_only(mixed_documents), generated_only(word_counts),
            generated_only(known_topics), learn_the_topics, watch_topics_found)
for tab, section in zip(tabs(st, T["t_tab"]).values(), SECTIONS):
    with tab:
        if tab.open and locked and section is not SECTIONS[2]:
            st.info("This tab would give the answer away: check your guess on tab 3 first.")
        elif tab.open:  # bound to the URL, the tabs run lazily: only the open one computes
            section()
if not locked:
    with link_slot:
        show_scenario_link("topics")
