"""Imports go one way: core <- presentation <- Streamlit <- pages. ``bench/`` and ``tests/`` share the
live-app harness in ``harness/``, which imports neither; ``bench/`` never imports ``tests/``."""

import pytest

from tests import ROOT
from tests.core.test_purity import imported_top_names

#: Each folder and the project packages it must never import.
NEVER = {
    "mixgen_core": {"mixgen_ui", "mixgen_streamlit", "pages", "app", "harness", "bench", "tests"},
    "mixgen_ui": {"mixgen_streamlit", "pages", "app", "harness", "bench", "tests"},
    "mixgen_streamlit": {"pages", "app", "harness", "bench", "tests"},
    "pages": {"harness", "bench", "tests"},
    "harness": {"bench", "tests", "pages", "app"},
    "bench": {"tests"},
}


@pytest.mark.parametrize("folder", sorted(NEVER))
def test_no_import_goes_the_wrong_way(folder):
    paths = sorted((ROOT / folder).rglob("*.py"))
    assert paths, f"{folder}/ has no modules"
    for path in paths:
        bad = imported_top_names(path) & NEVER[folder]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"
