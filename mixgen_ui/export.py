"""Downloads of what is on screen: the points as CSV, the documents as CSV or JSON.

Pure Python and numpy (no Streamlit): each function returns the file's text, for
``st.download_button(data=...)``.

Numbering follows the page, counting from 1: "Gaussian 1" is ``true_component`` 1,
"Document 1" is ``document`` 1, a document's first word has ``position`` 1. A fit numbers
its components (or topics) arbitrarily: pass the page's ``FitComparison.numbers + 1`` as
``fitted_numbers`` (``inferred_numbers``) so that fitted component 2 is the one matched to
Gaussian 2 (topic 2), and the fitted and true columns can be compared row by row.

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


def _numbers(value: Any, k: int, name: str) -> np.ndarray:
    """Distinct positive whole numbers, one per column (1..k when ``value`` is None), else ``ValueError``."""
    if value is None:
        return np.arange(1, k + 1)
    arr = np.asarray(value)
    if arr.shape != (k,) or not np.issubdtype(arr.dtype, np.integer) or (k and arr.min() < 1):
        raise ValueError(f"{name} must be {k} positive whole numbers, one per fitted component.")
    if len(set(arr.tolist())) != k:
        raise ValueError(f"{name} must all differ.")
    return arr.astype(np.intp)


def _number_or_blank(index: int, numbers: np.ndarray) -> str:
    """The shown number of fitted component ``index``, or an empty cell for -1 (no component)."""
    if index < 0:
        return ""
    if index >= len(numbers):
        raise ValueError(f"Fitted component {index} does not exist: there are {len(numbers)}.")
    return str(numbers[index])


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
    *,
    fitted_numbers: Any = None,
) -> str:
    """The points as CSV: ``x,y,true_component``, then optionally the fit's view of each point.

    Parameters
    ----------
    sample : GaussianSample
        The points on screen and the component each was drawn from.
    fitted_labels : int array of shape (N,), optional
        Each point's fitted component, a 0-based index in the fit's own order (e.g.
        ``np.argmax(responsibilities, axis=1)``), or -1 for none (an empty cell).
        Written as the column ``fitted_component``: ``fitted_numbers[label]``.
    responsibilities : float array of shape (N, K), optional
        Probability of each fitted component for each point, in the fit's order. Written
        as columns ``p_fit_<number>`` in increasing number.
    fitted_numbers : int array of shape (K,), optional
        The 1-based number shown for each fitted component, e.g.
        ``FitComparison.numbers + 1`` so that ``fitted_component`` counts like ``true_component``. Default ``1 .. K``: the fit's own order.

    Returns
    -------
    str
        CSV text (RFC 4180, ``\\r\\n`` line ends), one row per point in sample order.
        ``true_component`` counts from 1 ("Gaussian 1"). Floats are exact (``repr``).

    Raises
    ------
    ValueError
        If ``fitted_labels`` or ``responsibilities`` do not have one row per point, a label
        names no fitted component, or ``fitted_numbers`` are not distinct positive numbers.
    """
    points, labels = np.asarray(sample.points, dtype=float), np.asarray(sample.labels)
    n = len(points)
    header = ["x", "y", "true_component"]
    columns: list[list[str]] = [
        [_float(v) for v in points[:, 0].tolist()],
        [_float(v) for v in points[:, 1].tolist()],
        [str(k + 1) for k in labels.tolist()],
    ]
    resp = None if responsibilities is None else _probabilities(responsibilities, n, "The responsibilities")
    if fitted_numbers is not None:
        k = np.asarray(fitted_numbers).size if resp is None else resp.shape[1]
    elif resp is not None:
        k = resp.shape[1]
    else:
        k = int(np.max(fitted_labels, initial=-1)) + 1 if fitted_labels is not None else 0
    numbers = _numbers(fitted_numbers, k, "The fitted numbers")
    if fitted_labels is not None:
        header.append("fitted_component")
        fitted = _labels(fitted_labels, n, "The fitted labels")
        columns.append([_number_or_blank(j, numbers) for j in fitted.tolist()])
    if resp is not None:
        order = np.argsort(numbers)
        header += [f"p_fit_{numbers[j]}" for j in order]
        columns += [[_float(v) for v in resp[:, j].tolist()] for j in order]
    return _csv_text(header, zip(*columns))


def _check_inferred(documents: list[Document], inferred: Sequence[Any] | None) -> list[np.ndarray] | None:
    """Per document a finite (n_words, K) array, K the same for all, else ``ValueError``."""
    if inferred is None:
        return None
    inferred = list(inferred)
    if len(inferred) != len(documents):
        raise ValueError(f"Give inferred topic probabilities for each of the {len(documents)} documents.")
    arrays = [_probabilities(p, len(d), f"The inferred probabilities of document {i + 1}")
              for i, (d, p) in enumerate(zip(documents, inferred))]
    if len({a.shape[1] for a in arrays}) > 1:
        raise ValueError("The inferred probabilities must have the same number of topics for every document.")
    return arrays


def _word_records(
    documents: Sequence[Document], topics: Sequence[Topic], inferred: Sequence[Any] | None, inferred_numbers: Any
) -> tuple[list[dict[str, Any]], np.ndarray]:
    """One dict per word of every document (numbers from 1), the content shared by CSV and JSON.

    Also returns the shown numbers of the ``p_topic`` entries, increasing (the inferred
    topics' columns are reordered to match).
    """
    documents, names = list(documents), [t.name for t in topics]
    arrays = _check_inferred(documents, inferred)
    k = arrays[0].shape[1] if arrays else (0 if inferred_numbers is None else np.asarray(inferred_numbers).size)
    numbers = _numbers(inferred_numbers, k, "The inferred topic numbers")
    order = np.argsort(numbers)
    records = []
    for d, doc in enumerate(documents):
        probs = arrays[d][:, order].tolist() if arrays is not None else None
        for i, (word, t) in enumerate(zip(doc.words, doc.topics.tolist())):
            if not 0 <= t < len(names):
                raise ValueError(f"Document {d + 1} uses topic {t + 1}, but only {len(names)} topics were given.")
            record = {"document": d + 1, "position": i + 1, "word": word, "topic": t + 1, "topic_name": names[t]}
            if probs is not None:
                record["inferred_topic"] = int(numbers[order[int(np.argmax(probs[i]))]])
                record["p_topic"] = probs[i]
            records.append(record)
    return records, numbers[order]


def documents_csv(
    documents: Sequence[Document],
    topics: Sequence[Topic],
    inferred: Sequence[Any] | None = None,
    *,
    inferred_numbers: Any = None,
) -> str:
    """The documents as CSV, one row per word.

    Columns ``document, position, word, topic, topic_name`` (numbers from 1), and with
    ``inferred`` also ``inferred_topic`` (the number of the most probable one) and
    ``p_topic_<number>`` per inferred topic, in increasing number. ``word`` and
    ``topic_name`` are escaped against formula injection (see the module docstring;
    :func:`csv_text_value` undoes it).

    Parameters
    ----------
    documents : sequence of Document
        From :func:`mixgen_core.sample_documents`.
    topics : sequence of Topic
        The topics the documents were drawn from (for their names).
    inferred : sequence of float arrays of shape (n_words, K), optional
        Per document, each word's probability of each topic, in the fit's order, e.g.
        ``TopicFit.word_topics``, or :func:`mixgen_core.word_posteriors` per document.
    inferred_numbers : int array of shape (K,), optional
        The 1-based number shown for each inferred topic: ``FitComparison.numbers + 1``
        from :func:`mixgen_core.compare_topic_fit`. Default ``1 .. K``.

    Returns
    -------
    str
        CSV text (RFC 4180, ``\\r\\n`` line ends). Floats are exact (``repr``).

    Raises
    ------
    ValueError
        If ``inferred`` does not have one row per word of each document (and the same
        number of topics for all), ``inferred_numbers`` are not distinct positive numbers,
        or a document uses a topic beyond ``topics``.
    """
    records, numbers = _word_records(documents, topics, inferred, inferred_numbers)
    header = ["document", "position", "word", "topic", "topic_name"]
    if inferred is not None:
        header += ["inferred_topic"] + [f"p_topic_{n}" for n in numbers.tolist()]
    rows = []
    for r in records:
        row = [str(r["document"]), str(r["position"]), csv_text_cell(r["word"]), str(r["topic"]),
               csv_text_cell(r["topic_name"])]
        if inferred is not None:
            row += [str(r["inferred_topic"])] + [_float(p) for p in r["p_topic"]]
        rows.append(row)
    return _csv_text(header, rows)


def documents_json(
    documents: Sequence[Document],
    topics: Sequence[Topic],
    inferred: Sequence[Any] | None = None,
    *,
    inferred_numbers: Any = None,
) -> str:
    """The topics and documents as JSON (UTF-8 text, ``ensure_ascii=False``).

    The object has these keys:

    - ``topics``: ``{"topic", "name", "words", "probabilities"}`` per topic (``topic`` from 1);
    - ``documents``: ``{"document", "mixing"}`` per document, ``mixing`` its topic weights;
    - ``words``: one record per word, with the same fields as :func:`documents_csv`
      (``document, position, word, topic, topic_name``, and with ``inferred`` also
      ``inferred_topic`` and ``p_topic``, a list of K probabilities). Text is unescaped;
    - ``inferred_topics`` (only with ``inferred``): the number of each ``p_topic`` entry.

    Parameters
    ----------
    documents : sequence of Document
    topics : sequence of Topic
    inferred : sequence of float arrays of shape (n_words, K), optional
        Per document, each word's probability of each topic, in the fit's order, e.g.
        ``TopicFit.word_topics``, or :func:`mixgen_core.word_posteriors` per document.
    inferred_numbers : int array of shape (K,), optional
        The 1-based number shown for each inferred topic: ``FitComparison.numbers + 1``
        from :func:`mixgen_core.compare_topic_fit`. Default ``1 .. K``.

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
    records, numbers = _word_records(documents, topics, inferred, inferred_numbers)
    data: dict[str, Any] = {
        "topics": [
            {"topic": k + 1, "name": t.name, "words": list(t.words), "probabilities": t.probabilities.tolist()}
            for k, t in enumerate(topics)
        ],
        "documents": [{"document": d + 1, "mixing": doc.mixing.tolist()} for d, doc in enumerate(documents)],
        "words": records,
    }
    if inferred is not None:
        data["inferred_topics"] = numbers.tolist()
    return json.dumps(data, ensure_ascii=False, allow_nan=False)
