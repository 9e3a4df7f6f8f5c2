"""The README stays short, and its walk of one setting from the URL to the figure names only
what exists: every file, every dotted name and every quoted line of code.

In the walk (README section "One setting followed from the URL to the figure"), each
`backticked` span is one of:
- a link query (``?g_fit_k=4``), not checked here;
- a file path (``pages/gaussians.py``): the file exists;
- a dotted name from one of our packages (``mixgen_ui.widgets.show``): it imports and resolves;
- a piece of code: it occurs, as written, in the file named last before it in the same step
  (a path, or the file that defines the dotted name).
When code moves or is renamed, this test names each span that no longer matches.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

from tests import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
WALK_TITLE = "### One setting followed from the URL to the figure"
PACKAGES = ("mixgen_core", "mixgen_ui", "mixgen_streamlit", "mixgen_classroom")
DOTTED = re.compile(r"^(?:%s)(?:\.\w+)+$" % "|".join(PACKAGES))


def _walk_steps() -> list[str]:
    assert WALK_TITLE in README, f"the README lost its walk ({WALK_TITLE!r})"
    walk = README.split(WALK_TITLE, 1)[1].split("\n## ", 1)[0]
    steps = re.split(r"\n(?=\d+\. )", walk)[1:]
    assert len(steps) >= 4, "the walk should follow the setting in numbered steps"
    return steps


def _resolve(dotted: str):
    """The object ``dotted`` names (the longest importable module prefix, then attributes) and
    the file that defines it."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        module = obj
        for attr in parts[cut:]:
            obj = getattr(obj, attr)  # AttributeError names what is missing
        defined = obj if inspect.isclass(obj) or inspect.isfunction(obj) else module
        return Path(inspect.getsourcefile(defined))
    raise ModuleNotFoundError(dotted)


def _problems() -> list[str]:
    problems = []
    for step in _walk_steps():
        number = step.split(".", 1)[0]
        current: Path | None = None
        for span in re.findall(r"`([^`]+)`", step):
            where = f"step {number}: `{span}`"
            if span.startswith("?"):
                continue
            if re.fullmatch(r"[\w./]+\.py", span):
                current = ROOT / span
                if not current.is_file():
                    problems.append(f"{where}: no such file")
            elif DOTTED.match(span):
                try:
                    current = _resolve(span)
                except (ImportError, AttributeError) as err:
                    problems.append(f"{where}: does not resolve ({err})")
            elif current is None:
                problems.append(f"{where}: code quoted before any file or name says where it is")
            elif span not in current.read_text(encoding="utf-8"):
                problems.append(f"{where}: not found in {current.relative_to(ROOT)}")
    return problems


def test_every_name_in_the_walk_exists():
    problems = _problems()
    assert not problems, ("The README's walk from the URL to the figure names code that is not there "
                          "(update the walk in README.md):\n  " + "\n  ".join(problems))


def test_the_walk_checks_what_it_quotes():
    """The checker itself: a walk that quotes a name that is gone is caught."""
    global README
    saved = README
    try:
        README = saved.replace("cached_fit_from(data.points", "cached_fit(data.points", 1).replace(
            "mixgen_streamlit.widgets.show", "mixgen_streamlit.widgets.show_it", 1)
        problems = _problems()
    finally:
        README = saved
    assert any("cached_fit(data.points" in p for p in problems)
    assert any("mixgen_streamlit.widgets.show_it" in p for p in problems)


def test_the_notice_quoted_in_the_walk_is_the_one_the_app_gives():
    from mixgen_ui.gaussian_settings import GAUSSIANS
    notice = GAUSSIANS["g_fit_k"].problem("99")
    assert f"`?g_fit_k=99` gets a notice (\"{notice}\")" in " ".join(README.split())


def test_the_readme_is_short():
    assert len(README.splitlines()) <= 200
