"""The documents on the topic page, whatever made them, and what the page's sections share.

:class:`CorpusOnPage` is what the sections in :mod:`pages/topics.py`, :mod:`mixgen_streamlit.learn_topics_section` and
:mod:`mixgen_streamlit.gibbs_section` work on: the topics typed in the sidebar, how the documents were
rolled from them, and the documents; or, for real text, only where the text comes from
(``source``) and no documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from mixgen_core import Document, Topic

from .url_params import Challenge


@dataclass(frozen=True)
class CorpusOnPage:
    """The topics in the sidebar and the documents the page's tabs show and fit.

    Attributes
    ----------
    topics : list of Topic
        The dice typed in the sidebar (tabs 1 and 2 roll them, even for real text).
    mixing : list of float
        Each topic's mixing weight as typed (not scaled to add up to 1).
    names : list of str
        Each topic's name (user text: escape it).
    shared : set of str
        The words on more than one die.
    seed : int
        The seed the documents are rolled with.
    n_docs, n_words : int
        How many documents of how many words are rolled (0 for real text).
    concentration : float or None
        Each document draws its own mix from a Dirichlet with this concentration; None: one
        fixed coin for every document.
    source : tuple or None
        The real corpus (see :func:`mixgen_streamlit.cached.cached_real_corpus`); None for rolled documents,
        and for real text chosen but not given yet (or refused): ``real`` tells the two apart.
    docs : list of Document
        The rolled documents (none for real text).
    challenge : Challenge
        A teacher's challenge link, and whether its settings are still hidden.
    real : bool
        Real text is chosen (State of the Union or the student's own), given or not: no dice made it.
    """

    topics: list[Topic]
    mixing: list[float]
    names: list[str]
    shared: set[str]
    seed: int
    n_docs: int
    n_words: int
    concentration: float | None
    source: tuple | None
    docs: list[Document]
    challenge: Challenge = Challenge()
    real: bool = False
