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
from .presets import GAUSSIAN_PRESETS, preset_components
from .topics import MAX_TOPICS, Document, Topic, sample_documents, worksheet_topics

__all__ = [
    "GAUSSIAN_PRESETS",
    "MAX_COMPONENTS",
    "MAX_POINTS",
    "GaussianComponent",
    "GaussianSample",
    "Document",
    "MAX_TOPICS",
    "Topic",
    "best_permutation",
    "covariance_factor",
    "ellipse_points",
    "preset_components",
    "sample_documents",
    "sample_gaussian_mixture",
    "worksheet_topics",
]
