"""Follow the worksheet, second half: dice, word dice, topic documents, a mixture, then reasoning back."""

from mixgen_streamlit.router import ensure_router

ensure_router()

import numpy as np
import streamlit as st

from mixgen_core import (
    one_hot,
    sample_documents,
    shared_words,
    vocabulary,
    word_posteriors,
    worksheet_topics,
)
from mixgen_streamlit.guess_words import guess_panel
from mixgen_streamlit.guide import back_next, step_picker
from mixgen_streamlit.widgets import show
from mixgen_ui.guess_words import GUESS_WORDS, bayes_choice
from mixgen_ui.highlight import document_html, legend_html
from mixgen_ui.roll_history import recent_rolls, rolls_sentence
from mixgen_ui.settings import next_seed
from mixgen_ui.text import markdown_table
from mixgen_ui.topic_figures import die_figure
from mixgen_ui.topic_settings import GUIDE
from mixgen_ui.topic_text import rolled_word_html
from mixgen_ui.word_verdicts import word_facts, word_question_answer
from mixgen_streamlit.topic_path import coin_step, find_topics_step, join_step

TITLES = ["Roll a fair die", "Roll a word die", "A document per topic", "Mix the topics",
          "The question", "Reason back", "Find the topics", "The worksheet's coin", "Your guess and the sampler"]

st.title("Follow the worksheet: words from topics")
st.caption(f"{len(TITLES)} short steps through the second half of the worksheet. Use Next, or jump to any step.")

with st.sidebar:
    seed = show(st, GUIDE["gt_seed"])


def _new_seed(seed: int) -> None:
    st.session_state.update(GUIDE.values_for_state({"gt_seed": next_seed(seed)}))  # a new document: a new guess


def _roll() -> None:
    st.session_state["gt_rolls"] = st.session_state.get("gt_rolls", 0) + 1


def roll_once(p: np.ndarray, code: str, step: int, seed: int, names: list[str]) -> int:
    """A "Roll once" button, the roll's number and the last few rolls, and the worksheet's one-hot
    outcome and argmax; returns the side rolled."""
    st.button("Roll once", key=f"gt_roll_{step}", icon=":material/casino:", on_click=_roll)
    rolls = st.session_state.get("gt_rolls", 0) + 1  # the side shown on arrival is roll 1
    history = recent_rolls(p, seed, step, rolls)
    side = history[-1][1]
    st.markdown(f"**{rolls_sentence(history, names)}**")
    st.code(f"onedraw = {code}\n# -> {one_hot(side, len(p)).tolist()}\n"
            f"np.argmax(onedraw)\n# -> {side}", language=None, wrap_lines=True)
    return side


topics = worksheet_topics()
names = [t.name for t in topics]
shared = shared_words(topics)
step = step_picker("gt", TITLES)
(mixed,) = sample_documents(topics, 1, 20, rng=np.random.default_rng([seed, 4]))

if step == 1:
    st.write("Roll a fair die with 6 sides: each side comes up with probability 1/6. numpy rolls it with "
             "`np.random.multinomial(1, p)`, which counts how often each side came up in one roll: all 0s "
             "and a single 1. `np.argmax` finds where the 1 is, the side rolled (counting from 0).")
    p = np.full(6, 1 / 6)
    side = roll_once(p, "np.random.multinomial(1, [1/6] * 6)", 1, seed, [f"side {i}" for i in range(1, 7)])
    st.write(f"That is side {side + 1} of the die (marked on the chart).")
    st.plotly_chart(die_figure([str(i) for i in range(1, 7)], p, 0, rolled=side), width="stretch",
                    key="gt_fair_plot")
elif step == 2:
    st.write("Now write a word on each side: the worksheet's kids' birthday words make a die with 7 sides, "
             "each with probability 1/7. Roll it, and the index tells you which word came up.")
    birthday = topics[0]
    side = roll_once(birthday.probabilities, "np.random.multinomial(1, [1/7] * 7)", 2, seed,
                     [f'"{w}"' for w in birthday.words])
    st.html(rolled_word_html(birthday.words[side], f"wordgroup1[{side}], the word on top"))
    st.plotly_chart(die_figure(birthday.words, birthday.probabilities, 0, rolled=side), width="stretch",
                    key="gt_word_plot")
elif step == 3:
    st.write("Roll a die 20 times and you have a 20-word document. One document from the birthday die, "
             "one from the Lord of the Rings die (8 sides):")
    st.html(legend_html(names, show_shared=False))
    for j, topic in enumerate(topics):
        (doc,) = sample_documents([topic], 1, 20, rng=np.random.default_rng([seed, 3, j]))
        st.caption(f"Document {j + 1}: every word rolled from die {j + 1}")
        st.html(document_html(doc.words, [j] * len(doc.words)))
    st.button("New documents", key="gt_new_3", icon=":material/casino:", on_click=_new_seed, args=(seed,),
              help="Moves the random seed (in the sidebar) on by one.")
elif step == 4:
    st.write("Now mix the two topics, word by word: flip a fair coin to pick a topic, then roll that topic's "
             "die for the word. Each word below shows the topic it came from (colour and number).")
    st.html(legend_html(names))
    st.html(document_html(mixed.words, mixed.topics, shared=shared))
    st.button("New documents", key="gt_new_4", icon=":material/casino:", on_click=_new_seed, args=(seed,),
              help="Moves the random seed (in the sidebar) on by one.")
elif step == 5:
    st.write("Here is the same mixed document without its colours: only the words, as real text comes. "
             "**If you saw only the words, could you tell which topic each came from?** Answer word by word, "
             "then check.")
    if guess_panel("gt", mixed.words, mixed.topics, topics, extra=(seed,)):
        asked = list(mixed.words[:GUESS_WORDS])
        facts = word_facts(asked, mixed.topics[:len(asked)], [None] * len(asked),
                           bayes_choice(word_posteriors(topics, asked)), shared, topics)
        answer = word_question_answer(facts)
        if answer:
            st.info(answer)
elif step == 6:
    st.write("The worksheet's answer: reason back to the most likely source. Here we know both dice and the "
             "fair coin, so Bayes' rule gives each word's chance of coming from each topic.")
    vocab = vocabulary(topics)
    post = word_posteriors(topics, vocab)
    merry = float(post[vocab.index("merry"), 0])
    st.metric('P(birthday | "merry")', f"{merry:.3f}",
              help="(1/7) / (1/7 + 1/8) = 8/15: merry is 1 side of 7 on the birthday die, 1 of 8 on the other.")
    st.write(f"\"merry\" is 1 side of 7 on the birthday die but 1 of 8 on the Lord of the Rings die, so with a "
             f"fair coin it came from the birthday topic with probability (1/7) / (1/7 + 1/8) = 8/15 ≈ {merry:.3f}.")
    st.caption("Each word's chance of having come from each topic:")
    st.markdown(markdown_table({"word": vocab, **{name: [f"{p:.3f}" for p in chances]
                                                  for name, chances in zip(("birthday", "Lord of the Rings"), post.T)}}))
    best = np.argmax(word_posteriors(topics, mixed.words), axis=1)
    st.write("The mixed document coloured by each word's most likely topic; ✗ marks a guess that differs "
             "from the topic the word really came from.")
    st.html(legend_html(names))
    st.html(document_html(mixed.words, best, shared=shared, wrong=best != mixed.topics))
    st.write("Without knowing the dice, you would search for the dice that make the words most likely: "
             "the next step does that.")
elif step == 7:
    find_topics_step(topics, mixed, seed)
elif step == 8:
    coin_step(topics, mixed, seed)
elif step == 9:
    join_step(topics, mixed, seed, go_to_guess=lambda: st.session_state.update(gt_step=5))

back_next("gt", step, len(TITLES))
