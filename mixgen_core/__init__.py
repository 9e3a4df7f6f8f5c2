"""mixgen's core: sampling from, and reasoning back to, mixtures of Gaussians and of topics.

Pure numpy: no Streamlit, plotly or pandas. Every random function takes a
``numpy.random.Generator``; bad input raises ``ValueError`` with a plain-words message.

One concept per module:

* Gaussians: drawing them (``gaussians``, ``geometry``, ``presets``); fitting them by EM
  (``gmm``) or grouping points by k-means (``kmeans``), both from the points and seedings
  in ``centres`` and the restarts of ``restarts``; choosing how many (``gmm_select``).
* Dice and words: dice (``dice``), documents rolled from them (``documents``), word
  counts (``word_counts``), reasoning back with known topics (``word_origins``), finding
  unknown ones (``corpus``, ``special``, ``topic_fit``) and every word's topic sampled
  step by step (``gibbs``); turning text into words (``tokenize``); how many topics
  held-out words support (``topic_count``) and topics read by relevance (``relevance``).
* Against the truth: a fit against the true model (``fit_vs_truth``), scoring a
  student's grouping (``partition``, ``assignment``) and the best score possible
  (``yardstick``); one point's E-step written out (``point_posterior``).
* Shared: the numpy recipes the samplers run, shared with the app's take-home scripts
  (``recipes``); every cap (``limits``); input checks (``_checks``).
"""

from .dice import Topic, one_hot, roll_die, running_frequencies, side_counts, worksheet_topics
from .documents import Document, sample_documents
from .gaussians import GaussianComponent, GaussianSample, covariance_factor, sample_gaussian_mixture
from .geometry import ellipse_points
from .gibbs import GibbsRun, GibbsStep, sample_topic_assignments
from .gibbs_replay import sweep_log_joints, sweep_states
from .gmm import GMMFit, GMMParams, fit_gmm, init_params, mean_log_likelihood, responsibilities
from .kmeans import KMeansFit, KMeansState, fit_kmeans
from .gmm_select import bic, bic_curve
from .fit_vs_truth import (
    FitComparison,
    align_components,
    align_topics,
    best_permutation,
    compare_gaussian_fit,
    compare_labels,
    compare_topic_fit,
    relabel,
    topic_distances,
    topics_on_vocabulary,
)
from .partition import PartitionScore, nearest_centres, score_partition
from .presets import GAUSSIAN_PRESETS, preset_components
from .limits import MAX_COMPONENTS, MAX_POINTS, MAX_TOPICS
from .topic_fit import TopicFit, fit_topics
from .tokenize import STOP_WORDS, prune_vocabulary, tokenize
from .word_counts import expected_word_counts, observed_word_counts, shared_words, vocabulary
from .word_origins import estimate_mixing_weights, word_posteriors
from .yardstick import bayes_labels, best_possible_points, true_params
from .point_posterior import PointPosterior, point_posterior
from .relevance import topic_relevance
from .topic_count import TopicCount, choose_topic_count

__all__ = [
    "Document",
    "FitComparison",
    "GAUSSIAN_PRESETS",
    "GMMFit",
    "KMeansFit",
    "KMeansState",
    "GMMParams",
    "GaussianComponent",
    "GaussianSample",
    "GibbsRun",
    "GibbsStep",
    "MAX_COMPONENTS",
    "MAX_POINTS",
    "MAX_TOPICS",
    "PartitionScore",
    "STOP_WORDS",
    "Topic",
    "TopicFit",
    "align_components",
    "align_topics",
    "bayes_labels",
    "best_permutation",
    "best_possible_points",
    "bic",
    "bic_curve",
    "compare_gaussian_fit",
    "compare_labels",
    "compare_topic_fit",
    "covariance_factor",
    "ellipse_points",
    "estimate_mixing_weights",
    "expected_word_counts",
    "fit_gmm",
    "fit_kmeans",
    "fit_topics",
    "init_params",
    "mean_log_likelihood",
    "nearest_centres",
    "observed_word_counts",
    "one_hot",
    "preset_components",
    "prune_vocabulary",
    "relabel",
    "responsibilities",
    "roll_die",
    "running_frequencies",
    "sample_documents",
    "sample_gaussian_mixture",
    "sample_topic_assignments",
    "sweep_log_joints",
    "sweep_states",
    "score_partition",
    "shared_words",
    "side_counts",
    "topic_distances",
    "topics_on_vocabulary",
    "tokenize",
    "true_params",
    "vocabulary",
    "word_posteriors",
    "worksheet_topics",
    "PointPosterior",
    "point_posterior",
    "topic_relevance",
    "TopicCount",
    "choose_topic_count",
]
