"""mixgen's core: sampling from, and reasoning back to, mixtures of Gaussians and of topics.

Pure numpy: no Streamlit, plotly or pandas. Every random function takes a
``numpy.random.Generator``; bad input raises ``ValueError`` with a plain-words message.
"""

from .alignment import best_permutation
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
from .gmm_select import agreement_rate, align_components, bic, bic_curve, relabel
from .presets import GAUSSIAN_PRESETS, preset_components
from .topic_inference import (
    TopicFit,
    align_topics,
    estimate_mixing_weights,
    fit_topics,
    topic_distances,
    topics_on_vocabulary,
    word_posteriors,
)
from .topics import MAX_TOPICS, Document, Topic, sample_documents, worksheet_topics

__all__ = [
    "Document",
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
    "agreement_rate",
    "align_components",
    "align_topics",
    "best_permutation",
    "bic",
    "bic_curve",
    "covariance_factor",
    "ellipse_points",
    "em_step",
    "estimate_mixing_weights",
    "fit_gmm",
    "fit_topics",
    "init_params",
    "mean_log_likelihood",
    "preset_components",
    "relabel",
    "responsibilities",
    "sample_documents",
    "sample_gaussian_mixture",
    "topic_distances",
    "topics_on_vocabulary",
    "word_posteriors",
    "worksheet_topics",
]
