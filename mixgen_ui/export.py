"""Downloads of what is on screen: the points as CSV, the documents as CSV or JSON.

Pure Python and numpy (no Streamlit): each function returns the file's text, for
``st.download_button(data=...)``.

Numbering follows the page, counting from 1: "Gaussian 1" is ``true_component`` 1,
"Document 1" is ``document`` 1, a document's first word has ``position`` 1.

Floats are written with ``repr``, the shortest text that reads back as the very same
float, so parsing a file gives exactly the numbers on screen.

Spreadsheet safety
------------------
Words and topic names are whatever the student typed. A spreadsheet treats a CSV cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula
(formula or "CSV" injection), so :func:`csv_text_cell` puts a ``'`` before such text. A
text cell that already starts with ``'`` gets one too, so that the escape can always be
undone: :func:`csv_text_value` drops one leading ``'``. Only text cells are escaped;
numbers are written by this module and read back as numbers (``-1.5`` is a number, not a
formula). JSON is not read by spreadsheets and holds the text unchanged.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Sequence

import numpy as np

from mixgen_core import Document, GaussianSample, Topic

#: First characters that make a spreadsheet read a cell as a formula, plus ``'`` (the escape itself).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_text_cell(text: str) -> str:
    """Text made safe for a spreadsheet: a ``'`` is put before a cell that could be read as a formula.

    Parameters
    ----------
    text : str
        A word or topic name, as typed.

    Returns
    -------
    str
        ``"'" + text`` if ``text`` starts with ``=``, ``+``, ``-``, ``@``, tab, carriage
        return or ``'``; otherwise ``text`` unchanged.
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text_value(cell: str) -> str:
    """Undo :func:`csv_text_cell`: the text as typed, from a cell read back from the CSV."""
    return cell[1:] if cell.startswith("'") else cell


def _float(x: Any) -> str:
    """A float as the shortest text that parses back to exactly the same float."""
    return repr(float(x))


def _probabilities(value: Any, n_rows: int, name: str) -> np.ndarray:
    """A finite float array of shape (n_rows, K), K >= 1, else ``ValueError``."""
    arr = np.asarray(value, dtype=float)
    if arr.ndim != 2 or arr.shape[0] != n_rows or arr.shape[1] < 1:
        raise ValueError(f"{name} must have one row per item ({n_rows}) and at least one column, "
                         f"but has shape {arr.shape}.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers.")
    return arr


def _labels(value: Any, n_rows: int, name: str) -> np.ndarray:
    """An integer array of shape (n_rows,) with entries >= -1, else ``ValueError``."""
    arr = np.asarray(value)
    if arr.shape != (n_rows,) or not (np.issubdtype(arr.dtype, np.integer) or arr.size == 0):
        raise ValueError(f"{name} must be {n_rows} whole numbers, one per point.")
    arr = arr.astype(np.intp)
    if arr.size and arr.min() < -1:
        raise ValueError(f"{name} must be component indices (0, 1, ...) or -1 for no match.")
    return arr


def _number_or_blank(index: int) -> str:
    """1-based number of a 0-based index, or an empty cell for -1 (no match)."""
    return "" if index < 0 else str(index + 1)


def _csv_text(header: list[str], rows: Any) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def points_csv(
    sample: GaussianSample,
    fitted_labels: np.ndarray | None = None,
    responsibilities: np.ndarray | None = None,
) -> str:
    """The points as CSV: ``x,y,true_component``, then optionally the fit's view of each point.

    Parameters
    ----------
    sample : GaussianSample
        The points on screen and the component each was drawn from.
    fitted_labels : int array of shape (N,), optional
        Each point's fitted component as a 0-based index in the numbering the page shows
        (already aligned with the true components, e.g. ``relabel(labels, match)``), or
        -1 for a fitted component that matches no true one. Written as the 1-based
        column ``fitted_component`` (an empty cell for -1).
    responsibilities : float array of shape (N, K), optional
        Probability of each fitted component for each point, columns in the same
        numbering as ``fitted_labels``. Written as columns ``p_fit_1`` .. ``p_fit_K``.

    Returns
    -------
    str
        CSV text (RFC 4180, ``\\r\\n`` line ends), one row per point in sample order.
        ``true_component`` counts from 1 ("Gaussian 1"). Floats are exact (``repr``).

    Raises
    ------
    ValueError
        If ``fitted_labels`` or ``responsibilities`` do not have one row per point.
    """
    points, labels = np.asarray(sample.points, dtype=float), np.asarray(sample.labels)
    n = len(points)
    header = ["x", "y", "true_component"]
    columns: list[list[str]] = [
        [_float(v) for v in points[:, 0].tolist()],
        [_float(v) for v in points[:, 1].tolist()],
        [str(k + 1) for k in labels.tolist()],
    ]
    if fitted_labels is not None:
        header.append("fitted_component")
        columns.append([_number_or_blank(k) for k in _labels(fitted_labels, n, "The fitted labels").tolist()])
    if responsibilities is not None:
        resp = _probabilities(responsibilities, n, "The responsibilities")
        header += [f"p_fit_{k + 1}" for k in range(resp.shape[1])]
        columns += [[_float(v) for v in col] for col in resp.T.tolist()]
    return _csv_text(header, zip(*columns))


def _word_records(
    documents: Sequence[Document], topics: Sequence[Topic], inferred: Sequence[Any] | None
) -> list[dict[str, Any]]:
    """One dict per word of every document (1-based numbers), the shared content of CSV and JSON."""
    documents, names = list(documents), [t.name for t in topics]
    if inferred is not None:
        inferred = list(inferred)
        if len(inferred) != len(documents):
            raise ValueError(f"Give inferred topic probabilities for each of the {len(documents)} documents.")
        inferred = [_probabilities(p, len(d), f"The inferred probabilities of document {i + 1}")
                    for i, (d, p) in enumerate(zip(documents, inferred))]
    records = []
    for d, doc in enumerate(documents):
        probs = inferred[d].tolist() if inferred is not None else None
        for i, (word, k) in enumerate(zip(doc.words, doc.topics.tolist())):
            if not 0 <= k < len(names):
                raise ValueError(f"Document {d + 1} uses topic {k + 1}, but only {len(names)} topics were given.")
            record = {"document": d + 1, "position": i + 1, "word": word, "topic": k + 1, "topic_name": names[k]}
            if probs is not None:
                record["inferred_topic"] = int(np.argmax(probs[i])) + 1
                record["p_topic"] = probs[i]
            records.append(record)
    return records


def documents_csv(
    documents: Sequence[Document], topics: Sequence[Topic], inferred: Sequence[Any] | None = None
) -> str:
    """The documents as CSV, one row per word.

    Columns ``document, position, word, topic, topic_name`` (numbers from 1), and with
    ``inferred`` also ``inferred_topic`` (the most probable one, from 1) and
    ``p_topic_1`` .. ``p_topic_K``. ``word`` and ``topic_name`` are escaped against
    formula injection (see the module docstring; :func:`csv_text_value` undoes it).

    Parameters
    ----------
    documents : sequence of Document
        From :func:`mixgen_core.sample_documents`.
    topics : sequence of Topic
        The topics the documents were drawn from (for their names).
    inferred : sequence of float arrays of shape (n_words, K), optional
        Per document, each word's probability of each topic, columns in the numbering the
        page shows (already aligned with the true topics), e.g. ``TopicFit.word_topics``
        with its columns reordered, or :func:`mixgen_core.word_posteriors` per document.

    Returns
    -------
    str
        CSV text (RFC 4180, ``\\r\\n`` line ends). Floats are exact (``repr``).

    Raises
    ------
    ValueError
        If ``inferred`` does not have one row per word of each document, or a document
        uses a topic beyond ``topics``.
    """
    records = _word_records(documents, topics, inferred)
    header = ["document", "position", "word", "topic", "topic_name"]
    n_inferred = 0
    if inferred is not None:
        n_inferred = next((len(r["p_topic"]) for r in records), 0)
        header += ["inferred_topic"] + [f"p_topic_{k + 1}" for k in range(n_inferred)]
    rows = []
    for r in records:
        row = [str(r["document"]), str(r["position"]), csv_text_cell(r["word"]), str(r["topic"]),
               csv_text_cell(r["topic_name"])]
        if inferred is not None:
            row += [str(r["inferred_topic"])] + [_float(p) for p in r["p_topic"]]
        rows.append(row)
    return _csv_text(header, rows)


def documents_json(
    documents: Sequence[Document], topics: Sequence[Topic], inferred: Sequence[Any] | None = None
) -> str:
    """The topics and documents as JSON (UTF-8 text, ``ensure_ascii=False``).

    The object has three lists:

    - ``topics``: ``{"topic", "name", "words", "probabilities"}`` per topic (``topic`` from 1);
    - ``documents``: ``{"document", "mixing"}`` per document, ``mixing`` its topic weights;
    - ``words``: one record per word, with the same fields as :func:`documents_csv`
      (``document, position, word, topic, topic_name``, and with ``inferred`` also
      ``inferred_topic`` and ``p_topic``, a list of K probabilities). Text is unescaped.

    Parameters
    ----------
    documents : sequence of Document
    topics : sequence of Topic
    inferred : sequence of float arrays of shape (n_words, K), optional
        As in :func:`documents_csv`.

    Returns
    -------
    str
        JSON text; floats read back exactly.

    Raises
    ------
    ValueError
        As :func:`documents_csv`.
    """
    documents, topics = list(documents), list(topics)
    data = {
        "topics": [
            {"topic": k + 1, "name": t.name, "words": list(t.words), "probabilities": t.probabilities.tolist()}
            for k, t in enumerate(topics)
        ],
        "documents": [{"document": d + 1, "mixing": doc.mixing.tolist()} for d, doc in enumerate(documents)],
        "words": _word_records(documents, topics, inferred),
    }
    return json.dumps(data, ensure_ascii=False, allow_nan=False)
