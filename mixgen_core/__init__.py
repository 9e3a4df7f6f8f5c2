"""mixgen's core: sampling from, and reasoning back to, mixtures of Gaussians and of topics.

Pure numpy: no Streamlit, plotly or pandas. Every random function takes a
``numpy.random.Generator``; bad input raises ``ValueError`` with a plain-words message.
"""

from .gaussians import (
    MAX_COMPONENTS,
    MAX_POINTS,
    GaussianComponent,
    GaussianSample,
    covariance_factor,
    sample_gaussian_mixture,
)
from .geometry import ellipse_points
from .gmm import GMMFit, GMMParams, em_step, fit_gmm, init_params, mean_log_likelihood, responsibilities
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
from .presets import GAUSSIAN_PRESETS, preset_components
from .topic_inference import (
    TopicFit,
    estimate_mixing_weights,
    fit_topics,
    word_posteriors,
)
from .topics import (
    MAX_TOPICS,
    Document,
    Topic,
    expected_word_counts,
    observed_word_counts,
    one_hot,
    roll_die,
    running_frequencies,
    sample_documents,
    shared_words,
    side_counts,
    vocabulary,
    worksheet_topics,
)

__all__ = [
    "Document",
    "FitComparison",
    "GAUSSIAN_PRESETS",
    "GMMFit",
    "GMMParams",
    "GaussianComponent",
    "GaussianSample",
    "MAX_COMPONENTS",
    "MAX_POINTS",
    "MAX_TOPICS",
    "Topic",
    "TopicFit",
    "align_components",
    "align_topics",
    "best_permutation",
    "bic",
    "bic_curve",
    "compare_gaussian_fit",
    "compare_labels",
    "compare_topic_fit",
    "covariance_factor",
    "ellipse_points",
    "em_step",
    "estimate_mixing_weights",
    "expected_word_counts",
    "fit_gmm",
    "fit_topics",
    "init_params",
    "mean_log_likelihood",
    "observed_word_counts",
    "one_hot",
    "preset_components",
    "relabel",
    "responsibilities",
    "roll_die",
    "running_frequencies",
    "sample_documents",
    "sample_gaussian_mixture",
    "shared_words",
    "side_counts",
    "topic_distances",
    "topics_on_vocabulary",
    "vocabulary",
    "word_posteriors",
    "worksheet_topics",
]
