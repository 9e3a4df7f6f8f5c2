"""Shared test settings: the hypothesis profile.

``scripts/test.sh`` (the CI gate) runs hypothesis derandomized, so a merge is never refused
by a new random example; a plain ``pytest`` explores fresh random examples every run.
"""

import os
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# The app builds plotly figures without plotly's per-property validation (mixgen_ui/figure_parts.py,
# for speed); every test, and every app server a test starts (they inherit the environment),
# validates them, so a misspelt property fails here.
os.environ["MIXGEN_CHECK_FIGURES"] = "1"
# The router turns a page's fault into a friendly message (mixgen_streamlit/faults.py); in the
# tests, and in every app server they start, a fault stays the exception it is, so it fails the test.
os.environ["MIXGEN_RAISE_FAULTS"] = "1"


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for the whole test session (``harness/postgres.py``: Debian's
    ``postgresql``, a throwaway cluster initialised in a temporary folder, on a free loopback
    port, run as the ``postgres`` user when the tests run as root), stopped and deleted after
    the tests. PostgreSQL missing fails the tests that need it; they are never skipped."""
    from harness.postgres import postgres_server
    with postgres_server() as server:
        yield server
