"""mixgen_ui.text.markdown_table: every cell escaped, so no cell can break the table or add markup."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mixgen_ui.text import markdown_table
from tests.app.helpers import markdown_rows

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def test_a_table_of_words_and_numbers():
    table = markdown_table({"word": ["merry", "orc"], "birthday": ["0.533", "0.000"]})
    assert table.splitlines()[:2] == ["| word | birthday |", "|---|---|"]
    assert markdown_rows(table) == [["word", "birthday"], ["merry", "0.533"], ["orc", "0.000"]]


@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
def test_hostile_cells_stay_inside_their_column(cells):
    table = markdown_table({"typed": cells, "n": [str(i) for i in range(len(cells))]})
    for line in table.splitlines()[2:]:
        assert len(UNESCAPED_PIPE.findall(line)) == 3  # two columns: three borders, nothing else
    assert "<b>" not in markdown_table({"word": ["<b>bold</b>"]}) and "\\*\\*" in markdown_table({"w": ["**x**"]})


def test_columns_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="same number of cells"):
        markdown_table({"word": ["a", "b"], "p": ["1"]})
