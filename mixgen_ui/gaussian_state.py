"""Session-state layout of the Gaussian-mixture page: keys, defaults and presets."""

from __future__ import annotations

from typing import Any, MutableMapping

from mixgen_core import GAUSSIAN_PRESETS

DEFAULT_PRESET = "The worksheet's example"
#: Most points per Gaussian on the page: 8 x 10 000 stays smooth in a browser (WebGL).
MAX_COUNT = 10_000
MAX_SEED = 2**32 - 1
FIELDS = ("mx", "my", "vx", "vy", "rho", "n")


def component_key(i: int, field: str) -> str:
    """Session-state key of ``field`` of component ``i`` (e.g. ``g_0_mx``)."""
    return f"g_{i}_{field}"


def component_defaults(i: int) -> dict[str, Any]:
    """Values for a component added beyond a preset: a round cloud on a ring around (2, 2)."""
    spots = ((1.0, 1.0), (5.0, 2.0), (1.0, 4.0), (4.0, 5.0), (7.0, 4.5), (3.0, -1.0), (7.0, 0.0), (-2.0, 2.5))
    mx, my = spots[i % len(spots)]
    return {"mx": mx, "my": my, "vx": 0.3, "vy": 0.3, "rho": 0.0, "n": 20}


def apply_preset(state: MutableMapping[str, Any], name: str) -> None:
    """Write preset ``name`` into the page's widget state (also the first-visit defaults)."""
    spec = GAUSSIAN_PRESETS[name]
    state["g_preset"] = name
    state["g_k"] = len(spec)
    for i, ((mx, my), (vx, vy, rho), n) in enumerate(spec):
        values = {"mx": mx, "my": my, "vx": vx, "vy": vy, "rho": rho, "n": n}
        for field, value in values.items():
            state[component_key(i, field)] = value
    state.setdefault("g_seed", 0)
    state.setdefault("g_colour", True)
    state.setdefault("g_ellipses", False)
