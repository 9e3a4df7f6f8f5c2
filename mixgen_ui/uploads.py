"""A student's own data, read safely: points from a CSV file (documents from text or files: :mod:`mixgen_ui.text_uploads`).

Everything uploaded is untrusted. The readers work on the bytes in memory (nothing is
written to disk, nothing is kept beyond what they return) and every problem is a
``ValueError`` whose message names it, with the row and column where there is one, never
another exception. Messages quote the student's text (cut short): show them with
:func:`mixgen_ui.text.md_escape`, and escape column names and group names wherever they are
shown (they are user text too). Exports stay spreadsheet-safe through
:func:`mixgen_ui.export.csv_text_cell`.

Caps (each module constant below): a file of at most ``MAX_UPLOAD_BYTES`` (5 MiB); a table
of at most ``MAX_ROWS`` rows, ``MAX_COLUMNS`` columns and ``MAX_CELLS`` cells in all (a table
of strings costs about 60 bytes a cell in Python, so a 5 MiB file of tiny cells could
otherwise take 150 MB); cells of at most ``MAX_CELL_CHARS`` characters, column names of at
most ``MAX_COLUMN_NAME_CHARS``; at most ``MAX_GROUPS`` groups (the palette's colours). Text
for the topic fit: at most ``MAX_TEXT_CHARS`` characters in all, ``MAX_FILES`` files and
``MAX_TEXT_DOCUMENTS`` documents (those caps are in :mod:`mixgen_ui.text_uploads`).

The CSV rules
-------------
- UTF-8 text (a byte-order mark is fine); a file with a zero byte is binary, not text.
- The first row names the columns: every column a name, no name twice (empty names after
  the last named column, from a trailing separator, are ignored).
- Cells are separated by commas, or by semicolons or tabs if the header row holds more of
  those (as some spreadsheets save "CSV" in countries with a decimal comma).
- Rows are numbered as a spreadsheet shows them: the header is row 1, so the first row of
  data is row 2 (a blank line counts as a row, as in a spreadsheet). Blank lines are skipped.
- A number is written with ASCII digits, an optional sign, point and exponent (``-1.5e3``).
  In a file separated by semicolons the decimal mark may be a comma (``1,5``), as such
  spreadsheets write it.
  An empty cell, ``NA`` or ``N/A`` is a missing value: a row missing a value the points
  need is left out and counted (``RealPoints.dropped``). ``NaN`` and ``inf`` are refused
  with their row and column: the app cannot draw them, and leaving them out silently would
  hide a problem in the file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from mixgen_core.limits import MAX_COORDINATE

from .datasets import RealPoints
from .palette import COLOURS

#: Largest file read, in bytes (5 MiB): far more than a class's measurements need.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Most rows of data in a CSV file (the header not counted).
MAX_ROWS = 50_000
#: Most columns in a CSV file.
MAX_COLUMNS = 100
#: Most cells in a CSV file (rows times columns): bounds the memory of the table read.
MAX_CELLS = 500_000
#: Longest cell, in characters.
MAX_CELL_CHARS = 1_000
#: Longest column name, in characters.
MAX_COLUMN_NAME_CHARS = 100
#: Most groups in a group column: one colour of the palette each.
MAX_GROUPS = len(COLOURS)
#: Cells that mean "no value here".
MISSING = frozenset({"", "NA", "N/A"})
#: Where the points of an uploaded file come from.
UPLOAD_SOURCE = "Your own file (read in memory only, never stored)."

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_NOT_A_NUMBER = re.compile(r"[+-]?nan", re.IGNORECASE)
_INFINITY = re.compile(r"[+-]?inf(?:inity)?", re.IGNORECASE)
_DELIMITERS = (",", ";", "\t")


def quoted(text: Any, limit: int = 40) -> str:
    """``text`` quoted for a message, cut to about ``limit`` characters."""
    text = repr(text)
    return text if len(text) <= limit else text[: limit - 4] + "..." + text[-1]


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def decode_upload(data: Any, what: str = "The file") -> str:
    """The text of an uploaded file's bytes, else ``ValueError`` saying what is wrong.

    Parameters
    ----------
    data : bytes, bytearray or memoryview
        At most ``MAX_UPLOAD_BYTES``.
    what : str
        How a message names the file, e.g. ``"The file 'notes.txt'"``.

    Returns
    -------
    str
        The text, decoded as UTF-8 (a leading byte-order mark removed).

    Raises
    ------
    ValueError
        For something that is not bytes, an empty or too large file, a binary file (a zero
        byte, with its offset; UTF-16 is named as such) or bytes that are not UTF-8 (with the
        offset of the first bad byte).
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise ValueError(f"{what} must be given as bytes (the uploaded file's contents).")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValueError(f"{what} is {_size(len(data))}; files of at most {_size(MAX_UPLOAD_BYTES)} are read.")
    if not data.strip():
        raise ValueError(f"{what} is empty.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError(f"{what} is saved as UTF-16 text: save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet).")
    zero = data.find(b"\x00")
    if zero >= 0:
        raise ValueError(
            f"{what} looks like a binary file, not text: it has a zero byte at byte offset {zero:,}. "
            "Upload a CSV or plain-text file."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"{what} is not UTF-8 text: the byte at offset {err.start:,} (0x{data[err.start]:02X}) is not "
            "valid UTF-8. Save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet) and upload it again."
        ) from None


# --------------------------------------------------------------------------- points from a CSV
@dataclass(frozen=True)
class UploadedTable:
    """A CSV file read as text cells, before any column is chosen.

    Attributes
    ----------
    columns : tuple of str
        The column names from the header row, in order, each non-empty and distinct
        (user text: escape when shown).
    numeric_columns : tuple of str
        The columns that hold numbers: more than half of their non-missing cells are
        numbers (``NaN`` and ``inf`` count here, so that choosing the column names them).
        :func:`points_from_table` checks every cell of the columns it uses.
    rows : tuple of tuples of str
        The data rows, each one cell per column, white space trimmed from every cell.
    row_numbers : tuple of int
        Each data row's number as a spreadsheet shows it (the header is row 1).
    decimal_comma : bool
        Whether a comma in a number is its decimal mark (files separated by semicolons).
    """

    columns: tuple[str, ...]
    numeric_columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_numbers: tuple[int, ...]
    decimal_comma: bool = False

    def __post_init__(self) -> None:
        width = len(self.columns)
        if (len(self.row_numbers) != len(self.rows) or not set(self.numeric_columns) <= set(self.columns)
                or any(len(row) != width for row in self.rows)):
            raise ValueError("A table needs one cell per column in every row, and one number per row.")

    @property
    def n_rows(self) -> int:
        return len(self.rows)


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the first line holds most of (comma on a tie)."""
    first = text.split("\n", 1)[0]
    counts = [first.count(d) for d in _DELIMITERS]
    return _DELIMITERS[counts.index(max(counts))]


def _records(text: str, delimiter: str):
    """``(row number, cells)`` of every non-blank record, numbered from 1; csv errors as ``ValueError``."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as err:  # e.g. a cell longer than the csv module's own limit (131,072)
            where = f"Row {number + 1}"
            if "field larger" in str(err):
                raise ValueError(f"{where} holds a cell longer than {MAX_CELL_CHARS:,} characters.") from None
            raise ValueError(f"{where} is not valid CSV ({str(err).rstrip('.')}).") from None
        number += 1
        if record and any(cell.strip() for cell in record):
            yield number, record


def _is_numberish(cell: str) -> bool:
    return bool(_NUMBER.fullmatch(cell) or _NOT_A_NUMBER.fullmatch(cell) or _INFINITY.fullmatch(cell))


def _decimal_point(cell: str) -> str:
    """A number written with a decimal comma (``1,5``) with a point instead; other cells unchanged."""
    return cell.replace(",", ".") if cell.count(",") == 1 and "." not in cell else cell


def read_points_csv(data: Any) -> UploadedTable:
    """Read an uploaded CSV file of measurements (see the module docstring for the rules).

    Parameters
    ----------
    data : bytes
        The file's contents.

    Returns
    -------
    UploadedTable
        Its columns, which of them hold numbers, and its rows.

    Raises
    ------
    ValueError
        Naming the problem, and the row and column where there is one: not UTF-8 or binary
        (with the byte offset), too large, a header only, only one column, a column without
        a name or with the name of another, a row with too many or too few cells, a cell or
        name that is too long, too many rows or cells, fewer than two columns of numbers.
    """
    text = decode_upload(data)
    delimiter = _delimiter(text)
    if text.split("\n", 1)[0].count(delimiter) >= MAX_COLUMNS:  # before parsing a huge header
        raise ValueError(f"The file has more than {MAX_COLUMNS} columns; at most {MAX_COLUMNS} are read.")
    records = _records(text, delimiter)
    try:
        header_number, header = next(records)
    except StopIteration:
        raise ValueError("The file is empty.") from None
    names = [name.strip() for name in header]
    while len(names) > 1 and not names[-1]:  # a trailing separator: no column after it
        names.pop()
    names = tuple(names)
    if len(names) > MAX_COLUMNS:
        raise ValueError(f"The file has {len(names):,} columns; at most {MAX_COLUMNS} are read.")
    if len(names) < 2:
        raise ValueError(
            f"The file has only one column ({quoted(names[0])}): points need two columns of numbers, separated "
            "by commas."
        )
    seen: dict[str, int] = {}
    for j, name in enumerate(names, start=1):
        if not name:
            raise ValueError(f"Column {j} has no name in the header row (row {header_number}): name every column.")
        if len(name) > MAX_COLUMN_NAME_CHARS:
            raise ValueError(
                f"The name of column {j} is {len(name):,} characters long; at most {MAX_COLUMN_NAME_CHARS} are allowed."
            )
        if name in seen:
            raise ValueError(
                f"Columns {seen[name]} and {j} are both named {quoted(name)}: give each column its own name."
            )
        seen[name] = j
    width = len(names)
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    for number, record in records:
        if len(record) > width and not any(c.strip() for c in record[width:]):
            record = record[:width]  # empty cells after the last column (a trailing separator)
        if len(record) != width:
            raise ValueError(
                f"Row {number} has {len(record):,} cells, but the header names {width} columns."
            )
        cells = tuple(cell.strip() for cell in record)
        for j, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                raise ValueError(
                    f"Row {number}, column {j + 1} ({quoted(names[j])}) holds {len(cell):,} characters; a cell may "
                    f"hold at most {MAX_CELL_CHARS:,}."
                )
        rows.append(cells)
        numbers.append(number)
        if len(rows) > MAX_ROWS:
            raise ValueError(f"The file has more than {MAX_ROWS:,} rows of data; at most {MAX_ROWS:,} are read.")
        if len(rows) * width > MAX_CELLS:
            raise ValueError(
                f"The file has more than {MAX_CELLS:,} cells; at most {MAX_CELLS:,} are read (for example "
                f"{MAX_CELLS // width:,} rows of {width} columns)."
            )
    if not rows:
        raise ValueError("The file has a header row but no rows of data.")
    decimal_comma = delimiter == ";"
    numeric = []
    for j, name in enumerate(names):
        present = [_decimal_point(row[j]) if decimal_comma else row[j] for row in rows if row[j] not in MISSING]
        if present and 2 * sum(map(_is_numberish, present)) > len(present):
            numeric.append(name)
    if len(numeric) < 2:
        found = f"only {quoted(numeric[0])} does" if numeric else "none does"
        raise ValueError(f"Points need two columns of numbers, but {found}.")
    return UploadedTable(names, tuple(numeric), tuple(rows), tuple(numbers), decimal_comma)


def _number(cell: str, row: int, column: str, decimal_comma: bool) -> float:
    """A cell of a number column as a float, else ``ValueError`` naming the row and column."""
    where = f"Row {row}, column {quoted(column)}"
    written, cell = cell, _decimal_point(cell) if decimal_comma else cell
    if _NOT_A_NUMBER.fullmatch(cell):
        raise ValueError(f"{where} holds NaN (not a number): leave the cell empty for a missing value.")
    if _INFINITY.fullmatch(cell):
        raise ValueError(f"{where} holds infinity, which cannot be drawn: give a finite number.")
    if not _NUMBER.fullmatch(cell):
        hint = " (a spreadsheet formula?)" if written[:1] in "=+-@" else ""
        raise ValueError(f"{where} holds {quoted(written)}{hint}, which is not a number.")
    value = float(cell)
    if not abs(value) <= MAX_COORDINATE:
        raise ValueError(f"{where} holds {quoted(written)}, which is too large (at most {MAX_COORDINATE:g} in size).")
    return value


def points_from_table(
    table: UploadedTable, x_col: str, y_col: str, group_col: str | None = None
) -> RealPoints:
    """Two columns of an uploaded table as points, optionally coloured by a group column.

    Parameters
    ----------
    table : UploadedTable
        From :func:`read_points_csv`.
    x_col, y_col : str
        Two different columns of numbers.
    group_col : str, optional
        A column whose values name each point's group (any text, e.g. a species): at most
        ``MAX_GROUPS`` distinct values. Labels are numbered in first-seen order.

    Returns
    -------
    RealPoints
        The rows with all the needed cells present; rows with a missing value (empty, ``NA``,
        ``N/A``) in ``x_col``, ``y_col`` or ``group_col`` are left out and counted in
        ``dropped``. ``x_label``/``y_label`` are the column names, ``group_names`` the group
        values as written: user text, to be escaped when shown.

    Raises
    ------
    ValueError
        For a column the table lacks, the same column for x and y, the first cell (by row
        and column) of x or y that is text, ``NaN``, infinity or beyond ``MAX_COORDINATE``,
        more than ``MAX_GROUPS`` groups (naming the row that brings one too many), or no row
        left.
    """
    if not isinstance(table, UploadedTable):
        raise ValueError("table must be an UploadedTable from read_points_csv.")
    index = {name: j for j, name in enumerate(table.columns)}
    for col in (x_col, y_col) + (() if group_col is None else (group_col,)):
        if not isinstance(col, str) or col not in index:
            raise ValueError(f"The file has no column named {quoted(col)}.")
    if x_col == y_col:
        raise ValueError("Choose two different columns for the two axes.")
    jx, jy = index[x_col], index[y_col]
    jg = None if group_col is None else index[group_col]
    points: list[tuple[float, float]] = []
    labels: list[int] = []
    groups: dict[str, int] = {}
    dropped = 0
    for row, number in zip(table.rows, table.row_numbers):
        x_cell, y_cell = row[jx], row[jy]
        group = None if jg is None else row[jg]
        if x_cell in MISSING or y_cell in MISSING or group in MISSING:
            dropped += 1
            continue
        x = _number(x_cell, number, x_col, table.decimal_comma)
        y = _number(y_cell, number, y_col, table.decimal_comma)
        if group is not None:
            if group not in groups:
                if len(groups) == MAX_GROUPS:
                    raise ValueError(
                        f"Column {quoted(group_col)} has more than {MAX_GROUPS} different values (row {number} brings "
                        f"another, {quoted(group)}): colour by a column with at most {MAX_GROUPS} groups, or by none."
                    )
                groups[group] = len(groups)
            labels.append(groups[group])
        points.append((x, y))
    if not points:
        needed = f"{quoted(x_col)} and {quoted(y_col)}" + ("" if group_col is None else f" and {quoted(group_col)}")
        raise ValueError(f"No row has values in all of {needed}: every row misses one.")
    return RealPoints(
        points=np.array(points, dtype=float),
        labels=None if group_col is None else np.array(labels, dtype=np.intp),
        group_names=tuple(groups),
        x_label=x_col,
        y_label=y_col,
        dropped=dropped,
        source=UPLOAD_SOURCE,
        licence="",
    )
