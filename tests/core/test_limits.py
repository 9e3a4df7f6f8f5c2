"""Every cap of the core is defined once, in ``mixgen_core.limits``, with a comment saying what it caps."""

from __future__ import annotations

import ast

from mixgen_core import limits
from tests import ROOT

CORE = ROOT / "mixgen_core"
#: Modules added alongside the move of the caps into limits.py; their caps are still their own.
NOT_YET_MOVED = {"assignment.py", "partition.py"}


def _caps(path) -> set[str]:
    """Names of the form MAX_* or MIN_* assigned at the top level of a module."""
    names = set()
    for node in ast.parse(path.read_text()).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and name.id.startswith(("MAX_", "MIN_")):
                    names.add(name.id)
    return names


def test_caps_are_defined_only_in_limits():
    for path in sorted(CORE.glob("*.py")):
        if path.name not in {"limits.py", *NOT_YET_MOVED}:
            assert not _caps(path), f"{path.name} defines {sorted(_caps(path))}: move them to limits.py"


def test_no_cap_is_defined_twice():
    seen: dict[str, str] = {}
    for path in sorted(CORE.glob("*.py")):
        for name in _caps(path):
            assert name not in seen, f"{name} is defined in {seen[name]} and {path.name}"
            seen[name] = path.name


def test_every_cap_has_a_comment_and_a_positive_value():
    lines = (CORE / "limits.py").read_text().splitlines()
    caps = _caps(CORE / "limits.py")
    assert caps == {n for n in vars(limits) if n.startswith(("MAX_", "MIN_"))}
    for i, line in enumerate(lines):
        name = line.split("=")[0].strip()
        if name in caps:
            assert lines[i - 1].startswith("#:"), f"{name} needs a '#:' comment on the line above"
            assert getattr(limits, name) > 0
    assert limits.MIN_CONCENTRATION < limits.MAX_CONCENTRATION and limits.MIN_PRIOR < limits.MAX_PRIOR
