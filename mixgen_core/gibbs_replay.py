"""Replaying a collapsed Gibbs run word by word: the sampler's score after every single re-roll.

:class:`~mixgen_core.gibbs.GibbsRun` keeps every word's topic after every sweep. Within a sweep,
the state after ``p`` re-rolls is the first ``p`` words of the next row and the rest of this row,
so the score (the log joint) after each re-roll can be recomputed without sampling again: this
lets an animation draw the score climbing word by word, as the sampler saw it.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_count, shown
from .gibbs import GibbsRun, _LogJoint
from .limits import MAX_REPLAY_WORDS


def sweep_states(run: GibbsRun, sweep: int) -> np.ndarray:
    """Every word's topic before and after each re-roll of sweep ``sweep`` (1-based, as people count).

    Parameters
    ----------
    run : GibbsRun
    sweep : int
        1 to ``run.n_sweeps``. The run may have at most ``MAX_REPLAY_WORDS`` words.

    Returns
    -------
    states : int array of shape (N + 1, N)
        Row ``p`` is the state after the first ``p`` words were re-rolled: row 0 is
        ``run.assignments[sweep - 1]``, row N is ``run.assignments[sweep]``.
    """
    if not isinstance(run, GibbsRun):
        raise ValueError("sweep_states needs a GibbsRun (from sample_topic_assignments).")
    sweep = check_count(sweep, "The sweep number", minimum=1)
    if sweep > run.n_sweeps:
        raise ValueError(f"The sweep number must be between 1 and {run.n_sweeps:,} (the sweeps run), "
                         f"but got {shown(sweep)}.")
    n = run.assignments.shape[1]
    if n > MAX_REPLAY_WORDS:
        raise ValueError(f"A sweep is replayed word by word for at most {MAX_REPLAY_WORDS:,} words (the replay keeps "
                         f"every word's topic after every re-roll), but this run has {n:,}.")
    before, after = run.assignments[sweep - 1].astype(np.intp), run.assignments[sweep].astype(np.intp)
    # Lower triangle (p > i): word i already re-rolled in row p.
    done = np.arange(n + 1)[:, None] > np.arange(n)[None, :]
    return np.where(done, after[None, :], before[None, :])


def sweep_log_joints(run: GibbsRun, sweep: int) -> np.ndarray:
    """The log joint ``log p(words, topics)`` before and after each re-roll of sweep ``sweep`` (1-based).

    Returns
    -------
    log_joints : float array of shape (N + 1,)
        Entry ``p`` scores row ``p`` of :func:`sweep_states`; the first and last entries equal
        ``run.log_joint[sweep - 1]`` and ``run.log_joint[sweep]``.
    """
    states = sweep_states(run, sweep)
    score = _LogJoint(run.doc_ids, run.word_ids, run.doc_lengths, len(run.vocabulary), run.n_topics,
                      run.doc_topic_prior, run.topic_word_prior)
    return np.array([score(z) for z in states])
