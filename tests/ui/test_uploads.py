"""A student's own files: every hostile upload gets a ValueError naming the problem (row, column,
byte offset), never another exception, and nothing is written to disk."""

from __future__ import annotations

import builtins
import os
import re
import tempfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixgen_ui import uploads
from mixgen_ui.export import csv_text_cell, csv_text_value
from mixgen_ui.uploads import (
    MAX_CELL_CHARS,
    MAX_GROUPS,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    UploadedTable,
    points_from_table,
    read_points_csv,
)
from mixgen_ui.text_uploads import MAX_TEXT_CHARS, documents_from_files, documents_from_text
from tests import ROOT
from tests.payloads import HOSTILE, LONG_WORD, UNRULY

FILES = ROOT / "tests" / "uploads"


def raises(fragment: str):
    return pytest.raises(ValueError, match=re.escape(fragment))


# --------------------------------------------------------------------------- a good file
def test_good_file():
    table = read_points_csv((FILES / "good.csv").read_bytes())
    assert table.columns == ("species", "length", "mass")
    assert table.numeric_columns == ("length", "mass")
    assert table.n_rows == 5 and table.row_numbers == (2, 3, 4, 5, 6)
    pts = points_from_table(table, "length", "mass", "species")
    assert pts.points.tolist() == [[1.5, 10.0], [2.5, 12.0], [4.25, -30.0]]
    assert pts.labels.tolist() == [0, 0, 1] and pts.group_names == ("A", "C")  # B's rows each miss a value
    assert pts.dropped == 2 and pts.x_label == "length" and pts.y_label == "mass" and pts.licence == ""
    plain = points_from_table(table, "mass", "length")
    assert plain.labels is None and plain.group_names == () and plain.points[0].tolist() == [10.0, 1.5]


def test_semicolons_bom_and_crlf():
    table = read_points_csv((FILES / "semicolons_bom.csv").read_bytes())
    assert table.columns == ("x", "y", "group")  # no byte-order mark glued to "x"
    assert table.decimal_comma and table.numeric_columns == ("x", "y")
    pts = points_from_table(table, "x", "y", "group")
    assert pts.points.tolist() == [[1.5, 2.0], [3.0, 4.0]] and pts.group_names == ("a", "b")
    table = read_points_csv(b"x;y\n1,5;2\n2;3\n1,000,5;4\n")
    with raises("Row 4, column 'x' holds '1,000,5', which is not a number."):
        points_from_table(table, "x", "y")


def test_tabs_quotes_blank_lines_and_missing_values():
    data = b'"a b"\t"y"\n\n1\t2\n  \nNA\t4\n5\tN/A\n"6"\t" 7 "\n'
    table = read_points_csv(data)
    assert table.columns == ("a b", "y") and table.row_numbers == (3, 5, 6, 7)
    pts = points_from_table(table, "a b", "y")
    assert pts.points.tolist() == [[1.0, 2.0], [6.0, 7.0]] and pts.dropped == 2


def test_trailing_separator_and_exponents():
    table = read_points_csv(b"x,y,,\n1e3,-.5,,\n+2.,3E-2\n")
    assert table.columns == ("x", "y")
    assert points_from_table(table, "x", "y").points.tolist() == [[1000.0, -0.5], [2.0, 0.03]]
    with raises("Row 2 has 3 cells"):
        read_points_csv(b"x,y,\n1,2,3\n")


# --------------------------------------------------------------------------- hostile bytes
@pytest.mark.parametrize("data, fragment", [
    ((FILES / "latin1.csv").read_bytes(), "not UTF-8 text: the byte at offset 13 (0xE9)"),
    ((FILES / "image.png").read_bytes(), "binary file"),
    (b"x,y\n1,2\x00\n", "zero byte at byte offset 7"),
    ("x,y\n1,2\n".encode("utf-16"), "UTF-16"),
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"x" * (MAX_UPLOAD_BYTES + 1), "files of at most 5.0 MB"),
    ("x,y\n1,2\n", "bytes"),
    (None, "bytes"),
])
def test_bad_bytes(data, fragment):
    with raises(fragment):
        read_points_csv(data)


@pytest.mark.parametrize("text, fragment", [
    ("x,y\n", "a header row but no rows of data"),
    ("x,y\n\n,\n", "a header row but no rows of data"),
    ("just_one\n1\n2\n", "only one column ('just_one')"),
    ("x,,z\n1,2,3\n", "Column 2 has no name"),
    ("x,y,x\n1,2,3\n", "Columns 1 and 3 are both named 'x'"),
    (" x ,x\n1,2\n", "Columns 1 and 2 are both named 'x'"),
    ("x,y\n1,2\n3\n", "Row 3 has 1 cells, but the header names 2 columns"),
    ("x,y\n1,2,3\n", "Row 2 has 3 cells"),
    ("x,y,name\n1,2," + "w" * 10_000 + "\n", "Row 2, column 3 ('name') holds 10,000 characters; a cell may hold at most"),
    ("x,y\n1,\"" + "w" * 200_000 + "\"\n", "Row 2 holds a cell longer than 1,000 characters"),
    ("n" * 101 + ",y\n1,2\n", "The name of column 1 is 101 characters long"),
    ("x,y\n" + "1,2\n" * (MAX_ROWS + 1), "more than 50,000 rows"),
    (",".join(f"c{j}" for j in range(20)) + "\n" + ("1," * 19 + "1\n") * 25_001, "more than 500,000 cells"),
    (",".join(f"c{j}" for j in range(101)) + "\n", "more than 100 columns"),
    ("name,colour\nann,red\nbob,blue\n", "Points need two columns of numbers, but none does"),
    ("x,name\n1,ann\n2,bob\n", "only 'x' does"),
])
def test_bad_tables(text, fragment):
    with raises(fragment):
        read_points_csv(text.encode())


@pytest.mark.parametrize("rows, fragment", [
    ("1,2\n3,abc\n5,6\n", "Row 3, column 'y' holds 'abc', which is not a number."),
    ("1,2\nNaN,4\n5,6\n", "Row 3, column 'x' holds NaN (not a number)"),
    ("1,2\n3,-inf\n5,6\n", "Row 3, column 'y' holds infinity"),
    ("1,2\n3,Infinity\n5,6\n", "holds infinity"),
    ("1,2\n3,1e999\n5,6\n", "Row 3, column 'y' holds '1e999', which is too large"),
    ("1,2\n3,1e101\n5,6\n", "too large (at most 1e+100 in size)"),
    ("1,2\n3,４\n5,6\n", "holds '４', which is not a number"),  # full-width digit: float() would take it
    ("1,2\n3,1_000\n5,6\n", "holds '1_000'"),
    ("1,2\n3,0x10\n5,6\n", "holds '0x10'"),
    ("1,2\n\"=cmd|' /C calc'!A0\",4\n5,6\n", "Row 3, column 'x' holds \"=cmd|' /C calc'!A0\" (a spreadsheet formula?)"),
    ("1,2\n3,\"@SUM(A1)\"\n5,6\n", "(a spreadsheet formula?)"),
])
def test_bad_numbers_name_row_and_column(rows, fragment):
    table = read_points_csv(("x,y\n" + rows).encode())
    assert table.numeric_columns == ("x", "y")
    with raises(fragment):
        points_from_table(table, "x", "y")


def test_formula_cells_in_a_group_column_are_labels_and_export_safely():
    table = read_points_csv((FILES / "formulas.csv").read_bytes())
    pts = points_from_table(table, "x", "y", "label")
    assert pts.group_names == ("=cmd|' /C calc'!A0", "+SUM(A1)", "plain")
    for name in pts.group_names:
        cell = csv_text_cell(name)
        assert not cell.startswith(("=", "+", "-", "@")) and csv_text_value(cell) == name


def test_hostile_group_names_and_column_names_are_kept_as_text():
    names = HOSTILE + UNRULY
    lines = ["x,y,<script>alert(1)</script>"] + [f"{i},{i},\"{n}\"" for i, n in enumerate(names[:MAX_GROUPS])]
    table = read_points_csv("\n".join(lines).encode())
    pts = points_from_table(table, "x", "y", "<script>alert(1)</script>")
    assert pts.group_names == tuple(names[:MAX_GROUPS])


def test_too_many_groups_names_the_row():
    lines = ["x,y,g"] + [f"{i},{i},g{i}" for i in range(MAX_GROUPS + 1)]
    table = read_points_csv("\n".join(lines).encode())
    with raises("Column 'g' has more than 8 different values (row 10 brings another, 'g8')"):
        points_from_table(table, "x", "y", "g")
    assert points_from_table(table, "x", "y").n_points == MAX_GROUPS + 1


def test_bad_column_choices():
    table = read_points_csv((FILES / "good.csv").read_bytes())
    with raises("no column named 'nope'"):
        points_from_table(table, "nope", "mass")
    with raises("no column named None"):
        points_from_table(table, "length", None)
    with raises("two different columns"):
        points_from_table(table, "mass", "mass")
    with raises("Row 2, column 'species' holds 'A', which is not a number."):
        points_from_table(table, "species", "mass")
    with raises("table must be an UploadedTable"):
        points_from_table({"columns": ["x"]}, "x", "y")
    with raises("one cell per column in every row"):
        UploadedTable(("x", "y"), ("x", "y"), (("1",),), (2,))
    empty = UploadedTable(("x", "y"), ("x", "y"), (("", "1"), ("NA", "2")), (2, 3))
    with raises("No row has values in all of 'x' and 'y'"):
        points_from_table(empty, "x", "y")


# --------------------------------------------------------------------------- never another exception
cells = st.one_of(
    st.sampled_from(["1", "-2.5", "1e3", "", "NA", "nan", "inf", "=cmd|' /C calc'!A0", "x", "\"", "\"\"", "a,b",
                     "\n", "\r", ";", "\t", "１", LONG_WORD[:1_200]]),
    st.text(max_size=6),
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.one_of(
    st.binary(max_size=200),
    st.lists(st.lists(cells, min_size=1, max_size=4), max_size=6).map(
        lambda rows: "\n".join(",".join(r) for r in rows).encode()),
    st.lists(st.lists(cells, min_size=1, max_size=4), max_size=6).map(
        lambda rows: "\r\n".join(";".join(r) for r in rows).encode("utf-8-sig")),
))
def test_any_bytes_give_a_table_or_a_value_error(data):
    try:
        table = read_points_csv(data)
    except ValueError as err:
        assert str(err).endswith(".") and len(str(err)) < 400
        return
    assert len(table.numeric_columns) >= 2
    for group in (None, table.columns[0]):
        try:
            pts = points_from_table(table, table.numeric_columns[0], table.numeric_columns[1], group)
        except ValueError as err:
            assert str(err).endswith(".") and len(str(err)) < 400
            continue
        assert np.all(np.isfinite(pts.points)) and pts.n_points + pts.dropped == table.n_rows


# --------------------------------------------------------------------------- documents
def test_documents_from_text():
    text = "First document,\nstill the first.\n\n\n  Second one.  \n \t\nThird\r\n\r\nFourth"
    assert documents_from_text(text) == [
        ("Document 1", "First document, still the first."), ("Document 2", "Second one."),
        ("Document 3", "Third"), ("Document 4", "Fourth")]


@pytest.mark.parametrize("text, fragment", [
    ("", "There is no text"),
    (" \n\n \t", "There is no text"),
    (b"bytes", "not bytes"),
    (None, "must be a string"),
    ("x" * (MAX_TEXT_CHARS + 1), "at most 2,000,000 are read"),
    ("ok\x00", "zero character at position 2"),
    ("a\n\n" * 10_001, "10,001 documents"),
])
def test_documents_from_text_bad(text, fragment):
    with raises(fragment):
        documents_from_text(text)


def test_documents_from_files():
    files = [("a.txt", "Ünïcode text\n\nwith a blank line".encode()), ("b.md", b"\xef\xbb\xbfBOM first"),
             ("<b>x</b>.txt", bytearray(b"hostile name"))]
    assert documents_from_files(files) == [
        ("a.txt", "Ünïcode text\n\nwith a blank line"), ("b.md", "BOM first"), ("<b>x</b>.txt", "hostile name")]


@pytest.mark.parametrize("files, fragment", [
    ([], "No files were given"),
    ("a.txt", "list of (name, contents) pairs"),
    (None, "list of (name, contents) pairs"),
    ([("a.txt",)], "File 1 must be given as a (name, contents) pair"),
    ([("", b"x")], "File 1 needs a name"),
    ([(None, b"x")], "File 1 needs a name"),
    ([("n" * 256, b"x")], "The name of file 1 is 256 characters long"),
    ([("ok.txt", b"fine"), ("bad.txt", b"caf\xe9")], "The file 'bad.txt' is not UTF-8 text: the byte at offset 3"),
    ([("pic.png", (FILES / "image.png").read_bytes())], "The file 'pic.png' looks like a binary file"),
    ([("empty.txt", b"  \n")], "The file 'empty.txt' is empty"),
    ([("big.txt", b"x" * (MAX_UPLOAD_BYTES + 1))], "The file 'big.txt' is 5.0 MB"),
    ([("s.txt", "not bytes")], "must be given as bytes"),
    ([(f"{i}.txt", b"x") for i in range(51)], "51 files were given; at most 50"),
    ([(f"{i}.txt", b"x" * 1_000_000) for i in range(3)], "more than 2,000,000 characters in all (the limit is reached at '2.txt')"),
])
def test_documents_from_files_bad(files, fragment):
    with raises(fragment):
        documents_from_files(files)


# --------------------------------------------------------------------------- privacy
def test_nothing_is_written_to_disk(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError(f"an upload reader touched the file system: {args[:1]}")

    real_open = builtins.open

    def read_only_open(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax+"):
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", read_only_open)
    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.chdir(tmp_path)
    table = read_points_csv((FILES / "good.csv").read_bytes())
    points_from_table(table, "length", "mass", "species")
    documents_from_files([("a.txt", b"some text")])
    documents_from_text("some text")
    with pytest.raises(ValueError):
        read_points_csv(b"x,y\n1,abc\n")
    assert list(tmp_path.iterdir()) == []


def test_caps_are_documented():
    doc = uploads.__doc__
    for name in ("MAX_UPLOAD_BYTES", "MAX_ROWS", "MAX_COLUMNS", "MAX_CELLS", "MAX_CELL_CHARS", "MAX_GROUPS",
                 "MAX_TEXT_CHARS", "MAX_FILES", "MAX_TEXT_DOCUMENTS"):
        assert name in doc, name
    assert MAX_UPLOAD_BYTES == 5 * 1024 * 1024 and MAX_ROWS == 50_000 and MAX_CELL_CHARS == 1_000
