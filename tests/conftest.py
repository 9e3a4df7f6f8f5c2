"""Shared test settings: the app's folder on the path, a root for AppTest scripts, and the
hypothesis profile.

``scripts/test.sh`` (the CI gate) runs hypothesis derandomized, so a merge is never refused
by a new random example; a plain ``pytest`` explores fresh random examples every run.
"""

import os
from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
