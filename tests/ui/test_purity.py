"""mixgen_ui stays pure presentation: importing it loads no Streamlit, so it is tested without a running app."""

import subprocess
import sys

from tests import ROOT
from tests.core.test_purity import imported_top_names

PRESENTATION = ROOT / "mixgen_ui"


def test_presentation_source_never_imports_streamlit():
    for path in PRESENTATION.glob("*.py"):
        names = imported_top_names(path)
        assert "streamlit" not in names, f"{path.name} imports streamlit: move that code to mixgen_streamlit/"


def test_importing_every_presentation_module_loads_no_streamlit():
    modules = sorted(f"mixgen_ui.{p.stem}" for p in PRESENTATION.glob("*.py") if p.stem != "__init__")
    code = ("import importlib, sys\nfor m in %r: importlib.import_module(m)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))" % modules)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
