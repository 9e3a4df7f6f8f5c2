"""mixgen_core stays pure numpy: importing it loads no Streamlit, plotly or pandas."""

import ast
import subprocess
import sys

from tests import ROOT

FORBIDDEN = {"streamlit", "plotly", "pandas", "scipy", "sklearn"}


def imported_top_names(path) -> set[str]:
    """The top-level packages a module imports, anywhere in it (inside functions too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add((node.module or "").split(".")[0])
    return names


def test_core_source_imports_nothing_forbidden():
    for path in (ROOT / "mixgen_core").glob("*.py"):
        bad = imported_top_names(path) & FORBIDDEN
        assert not bad, f"{path.name} imports {sorted(bad)}"


def test_importing_core_loads_nothing_forbidden():
    code = "import sys, mixgen_core; print(sorted(m for m in sys.modules if m.split('.')[0] in %r))" % FORBIDDEN
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_global_numpy_random_in_app_code():
    for path in [*ROOT.glob("mixgen_core/*.py"), *ROOT.glob("mixgen_ui/*.py"), *ROOT.glob("mixgen_streamlit/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
                if node.value.attr == "random" and node.attr not in {"Generator", "default_rng"}:
                    raise AssertionError(f"{path.name} uses np.random.{node.attr}: pass a Generator instead")
