"""The test suite, one folder per layer: ``core/`` (mixgen_core), ``ui/`` (mixgen_ui, the layers'
imports, and mixgen_streamlit's helpers that run without a server), ``app/`` (pages through AppTest),
``browser/`` (the live app in Chromium), ``load/`` (Streamlit's protocol and replicas). The live-app
harness they share with ``bench/`` is the top-level package ``harness``."""

from pathlib import Path

#: The project's root folder (where ``app.py`` is).
ROOT = Path(__file__).resolve().parents[1]
