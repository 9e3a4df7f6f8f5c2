"""Topic inference: reasoning back from words to topics.

"We assume we know the process that was used to generate the data ... now we just need to
find the topics and probabilities that will make the data most likely." (the worksheet)

* Known topics (:mod:`mixgen_core.word_origins`): :func:`word_posteriors` (Bayes' rule for
  each word) and :func:`estimate_mixing_weights` (EM for one document's mixing weights).
* Unknown topics (:mod:`mixgen_core.topic_fit`): :func:`fit_topics` (latent Dirichlet
  allocation by batch variational Bayes), :func:`align_topics`,
  :func:`topics_on_vocabulary` and :func:`topic_distances` to compare with the truth.
"""

from .topic_fit import (
    MAX_DOCUMENTS,
    MAX_TOTAL_WORDS,
    MAX_VOCABULARY,
    Corpus,
    TopicFit,
    build_corpus,
    digamma,
    fit_topics,
    gammaln,
)
from .fit_vs_truth import align_topics, topic_distances, topics_on_vocabulary
from .word_origins import (
    MAX_TOPICS,
    MixingWeightsFit,
    estimate_mixing_weights,
    topic_word_table,
    word_posteriors,
)

__all__ = [
    "MAX_DOCUMENTS",
    "MAX_TOPICS",
    "MAX_TOTAL_WORDS",
    "MAX_VOCABULARY",
    "Corpus",
    "MixingWeightsFit",
    "TopicFit",
    "align_topics",
    "build_corpus",
    "digamma",
    "estimate_mixing_weights",
    "fit_topics",
    "gammaln",
    "topic_distances",
    "topic_word_table",
    "topics_on_vocabulary",
    "word_posteriors",
]
