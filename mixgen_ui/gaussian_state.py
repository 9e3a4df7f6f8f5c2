"""Settings of the Gaussian-mixture page: widget keys, limits, defaults, presets and the URL.

Each widget key is also its URL parameter (``bind="query-params"``), so the limits here
serve both the widgets and the check of a shared link.
"""

from __future__ import annotations

from typing import Any, MutableMapping

from mixgen_core import GAUSSIAN_PRESETS, MAX_COMPONENTS

from .widgets import MAX_SEED
from .url_params import Param, item_param

DEFAULT_PRESET = "The worksheet's example"
#: Most points per Gaussian on the page: 8 x 10 000 stays smooth in a browser (WebGL).
MAX_COUNT = 10_000

#: Per-component settings: widget limits, also used to check a link.
FIELDS: dict[str, Param] = {
    "mx": Param("float", -50.0, 50.0),  # floats throughout: see widgets.whole_number_input
    "my": Param("float", -50.0, 50.0),
    "vx": Param("float", 0.0, 25.0),
    "vy": Param("float", 0.0, 25.0),
    "rho": Param("float", -1.0, 1.0),
    "n": Param("int", 0.0, float(MAX_COUNT)),
}
#: Page-wide settings.
SETTINGS: dict[str, Param] = {
    "g_k": Param("int", 1.0, float(MAX_COMPONENTS)),
    "g_seed": Param("int", 0.0, float(MAX_SEED)),
    "g_colour": Param("bool"),
    "g_ellipses": Param("bool"),
}


def component_key(i: int, field: str) -> str:
    """Session-state key (and URL parameter) of ``field`` of component ``i``, e.g. ``g_0_mx``."""
    return f"g_{i}_{field}"


def component_defaults(i: int) -> dict[str, Any]:
    """Starting values of component ``i``: the worksheet's three, then round clouds around them."""
    sheet = GAUSSIAN_PRESETS[DEFAULT_PRESET]
    if i < len(sheet):
        (mx, my), (vx, vy, rho), n = sheet[i]
        return {"mx": mx, "my": my, "vx": vx, "vy": vy, "rho": rho, "n": n}
    spots = ((4.0, 5.0), (7.0, 4.5), (3.0, -1.0), (7.0, 0.0), (-2.0, 2.5))
    mx, my = spots[(i - len(sheet)) % len(spots)]
    return {"mx": mx, "my": my, "vx": 0.3, "vy": 0.3, "rho": 0.0, "n": 20}


def apply_preset(state: MutableMapping[str, Any], name: str) -> None:
    """Write preset ``name`` into the page's widget state."""
    spec = GAUSSIAN_PRESETS[name]
    state["g_k"] = len(spec)
    for i, ((mx, my), (vx, vy, rho), n) in enumerate(spec):
        values = {"mx": mx, "my": my, "vx": vx, "vy": vy, "rho": rho, "n": n}
        for field, value in values.items():
            state[component_key(i, field)] = float(value)


def link_param(key: str, k: int) -> Param | None:
    """What URL parameter ``key`` may hold when the link asks for ``k`` components."""
    return item_param(key, k, SETTINGS, FIELDS, "g")

#: Settings of the fit ("reason back") section; the iteration's upper limit depends on the fit.
FIT_SETTINGS: dict[str, Param] = {
    "g_fit": Param("bool"),
    "g_fit_k": Param("int", 1.0, float(MAX_COMPONENTS)),
    "g_fit_seed": Param("int", 0.0, float(MAX_SEED)),
    "g_fit_iter": Param("int", 0.0, 1000.0),
    "g_fit_tab": Param("choice", choices=("Log-likelihood", "Choosing K (BIC)", "True vs fitted")),
}
SETTINGS.update(FIT_SETTINGS)
#: Most EM iterations the page runs (each replayable).
FIT_MAX_ITER = 200
#: Above this many points the BIC comparison of K = 1..8 waits for a click (it runs 16 fits).
BIC_AUTO_POINTS = 5_000
#: EM stops when the mean log-likelihood per point gains less than this (small, so the replay shows the slow end too).
FIT_TOL = 1e-4
