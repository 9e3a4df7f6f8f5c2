"""What a class round's board sets the class's answers beside, computed from its scenario alone.

A round stores its scenario (``"gaussians?g_challenge=true&g_seed=3"``): the page and the
link's settings. From it the board draws the very points (or documents) the students see,
and computes the best score possible with the truth known (Bayes' rule), the machine's score
from the data alone (EM with the true number of Gaussians), the true number of groups and
BIC's choice. Pure: no Streamlit; the page caches the result per scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence
from urllib.parse import parse_qs

import numpy as np

from mixgen_core import (
    GaussianComponent,
    best_possible_points,
    bic_curve,
    fit_gmm,
    sample_documents,
    sample_gaussian_mixture,
    score_partition,
    word_posteriors,
)

from .gaussian_settings import BIC_AUTO_POINTS, FIT_MAX_ITER, FIT_TOL, GAUSSIANS as G
from .guess_words import GUESS_WORDS
from .real_points import groups_drawn
from .topic_settings import SHOWN_DOCS, TOPICS as T, topics_from_state

#: The pages a round may be played on, and what their students group.
PAGES = {"gaussians": "points", "topics": "words"}


@dataclass(frozen=True)
class ScenarioFacts:
    """The marks on the board. ``best``: Bayes' rule with the truth known; ``machine``: EM from the
    points alone (None for words); ``k_true``/``k_bic``: the true number of Gaussians and BIC's."""
    page: str
    unit: str
    best: float | None
    machine: float | None
    machine_name: str
    k_true: int | None
    k_bic: int | None
    problem: str | None = None
    document: str | None = None  # words: the one document every student of the round guesses


def scenario_params(scenario: str) -> tuple[str, dict[str, list[str]]]:
    """The page and the link's parameters of a scenario; ValueError for a page without rounds."""
    page, _, query = scenario.partition("?")
    if page not in PAGES:
        raise ValueError(f"A class round plays on the {' or '.join(PAGES)} page, not {page[:40]!r}.")
    return page, parse_qs(query, keep_blank_values=True, max_num_fields=500)


def _value(spec, params: Mapping[str, Sequence[str]]) -> Any:
    """The value the page reads for ``spec`` from the link (as its widget, or a challenge, would)."""
    return spec.from_link(list(params.get(spec.key, [])))


def gaussian_scenario(params: Mapping[str, Sequence[str]]) -> tuple[list[GaussianComponent], int]:
    """The Gaussians and the seed a Gaussian-page link draws its points from (as the page reads them)."""
    k = _value(G["g_k"], params)
    components = []
    for i in range(k):
        mx, my, vx, vy, rho, n = (_value(G.item(i, f), params) for f in ("mx", "my", "vx", "vy", "rho", "n"))
        components.append(GaussianComponent.from_variances((mx, my), (vx, vy), rho, n))
    return components, int(_value(G["g_seed"], params))


def em_accuracy(points: np.ndarray, truth: np.ndarray, k: int, seed: int) -> float | None:
    """EM's accuracy with ``k`` Gaussians from seed ``seed`` (the page's fit settings); None if it cannot fit."""
    try:
        fit = fit_gmm(points, k, np.random.default_rng(seed), max_iter=FIT_MAX_ITER, tol=FIT_TOL)
    except ValueError:
        return None
    return float(score_partition(truth, fit.labels).accuracy)


def gaussian_facts(params: Mapping[str, Sequence[str]]) -> ScenarioFacts:
    components, seed = gaussian_scenario(params)
    sample = sample_gaussian_mixture(components, np.random.default_rng(seed))
    k_true = groups_drawn(sample.labels)
    if not len(sample.points):
        return ScenarioFacts("gaussians", "points", None, None, "EM", k_true, None)
    best = float(best_possible_points(sample, components).accuracy)
    em = em_accuracy(sample.points, sample.labels, k_true, int(G["g_fit_seed"].default))
    k_bic = None
    n_distinct = len(np.unique(sample.points, axis=0))
    if 2 <= len(sample.points) <= BIC_AUTO_POINTS:
        try:
            curve = bic_curve(sample.points, range(1, min(8, n_distinct) + 1),
                              np.random.default_rng(int(G["g_fit_seed"].default)), n_init=2)
        except ValueError:  # e.g. every point at one place: no spread for any Gaussian
            curve = {}
        k_bic = int(min(curve, key=curve.get)) if curve else None
    return ScenarioFacts("gaussians", "points", best, em, "EM", k_true, k_bic)


def round_document(name: str, n_docs: int) -> int:
    """The index of the document a words round asks everyone: ``name`` (the link's ``t_doc``,
    "Document 3") when the page shows it among its first ``n_docs`` documents, else the first,
    as the page's document box falls back."""
    shown = T["t_doc"].options[: min(n_docs, SHOWN_DOCS)]
    return shown.index(name) if name in shown else 0


def topic_scenario(params: Mapping[str, Sequence[str]]) -> tuple[list, list[float], float | None, int, int, int]:
    """What a topic-page link rolls its documents from, as the page reads it: the topics, their
    mixing weights, the Dirichlet concentration (None: one shared mix), the numbers of documents
    and words, and the seed. ValueError when the topics cannot be rolled."""
    k = _value(T["t_k"], params)
    values = {T.item(i, f).key: _value(T.item(i, f), params) for i in range(k) for f in ("name", "words", "weights",
                                                                                          "mix")}
    topics, mixing, errors = topics_from_state(values, k)
    if errors or not topics or sum(mixing) <= 0:
        raise ValueError("The scenario's topics cannot be rolled.")
    concentration = _value(T["t_alpha"], params) if _value(T["t_dirichlet"], params) else None
    return (topics, list(mixing), concentration, _value(T["t_ndocs"], params), _value(T["t_nwords"], params),
            int(_value(T["t_seed"], params)))


def topic_facts(params: Mapping[str, Sequence[str]]) -> ScenarioFacts:
    """Bayes' rule with the truth known (the dice and the document's mix) on the words students are
    asked: those of the round's document (:func:`round_document`), the one every student guesses."""
    try:
        topics, mixing, concentration, n_docs, n_words, seed = topic_scenario(params)
    except ValueError as err:
        return ScenarioFacts("topics", "words", None, None, "", None, None, problem=str(err))
    docs = sample_documents(topics, n_docs, n_words, topic_weights=mixing, concentration=concentration,
                            rng=np.random.default_rng(seed))
    i = round_document(_value(T["t_doc"], params), len(docs))
    doc = docs[i]
    n = min(len(doc.words), GUESS_WORDS)
    # The truth known: the dice and this document's own mix (the shared weights unless each has its own).
    post = word_posteriors(topics, list(doc.words[:n]), np.asarray(doc.mixing, dtype=float))
    best = float(np.mean(np.argmax(post, axis=1) == np.asarray(doc.topics[:n]))) if n else None
    return ScenarioFacts("topics", "words", best, None, "", len(topics), None, document=T["t_doc"].options[i])


def same_data(scenario: str, page_params: Mapping[str, Sequence[str]]) -> bool:
    """Whether a page whose link (and widgets) say ``page_params`` shows the data a round of
    ``scenario`` scores its students on: the same points, or the same documents (a words round
    fixes the document on the page itself). A page whose settings cannot be read shows other data."""
    page, params = scenario_params(scenario)
    read = gaussian_scenario if page == "gaussians" else topic_scenario
    try:
        return _exactly(read(params)) == _exactly(read(page_params))
    except ValueError:
        return False


def _exactly(value: Any) -> Any:
    """``value`` with every array as a list and every dataclass as its fields: compared exactly."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [_exactly(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return [type(value).__name__, *(_exactly(getattr(value, f)) for f, spec in value.__dataclass_fields__.items()
                                        if spec.compare)]
    return value


def scenario_facts(scenario: str) -> ScenarioFacts:
    """The board's marks for ``scenario``; a scenario that cannot be drawn gets ``problem`` set."""
    page, params = scenario_params(scenario)
    try:
        return gaussian_facts(params) if page == "gaussians" else topic_facts(params)
    except ValueError as err:
        return ScenarioFacts(page, PAGES[page], None, None, "", None, None, problem=str(err))
