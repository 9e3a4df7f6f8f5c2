"""The guide's house rules that a reader can check by counting: module sizes, and docstrings and
comments that stay true (no ticket numbers, no dates, no timings measured on one machine)."""

import re

import pytest

from tests import ROOT

#: Each folder and its most lines a module (one concept a module: split by concept beyond this).
CAPS = {"mixgen_core": 650, "mixgen_classroom": 650, "mixgen_ui": 400, "mixgen_streamlit": 400, "pages": 300}

#: What dates a sentence: an issue number, a calendar date, a duration measured on one day.
DATED = re.compile(r"\bissue\s*#?\d+|\b20\d\d-\d\d-\d\d\b|\b\d+(\.\d+)?\s?(ms|µs)\b", re.IGNORECASE)


def modules(folder):
    paths = sorted((ROOT / folder).rglob("*.py"))
    assert paths, f"{folder}/ has no modules"
    return paths


@pytest.mark.parametrize("folder", sorted(CAPS))
def test_every_module_within_its_size_cap(folder):
    for path in modules(folder):
        n = len(path.read_text(encoding="utf-8").splitlines())
        assert n <= CAPS[folder], f"{path.relative_to(ROOT)} has {n} lines (cap {CAPS[folder]})"


@pytest.mark.parametrize("folder", [*sorted(CAPS), "app.py"])
def test_no_dated_sentences(folder):
    paths = [ROOT / folder] if folder.endswith(".py") else modules(folder)
    for path in paths:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not DATED.search(line), f"{path.relative_to(ROOT)}:{i}: {line.strip()}"
