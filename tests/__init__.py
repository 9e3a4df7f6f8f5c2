"""The test suite, one folder per layer: ``core/`` (mixgen_core), ``ui/`` (mixgen_ui),
``app/`` (pages through AppTest), ``browser/`` (the live app in Chromium)."""

from pathlib import Path

#: The project's root folder (where ``app.py`` is).
ROOT = Path(__file__).resolve().parents[1]
