"""Every setting of the Gaussian-mixture page and its guide, declared once (see :mod:`mixgen_ui.settings`)."""

from __future__ import annotations

from typing import Any

from mixgen_core import GAUSSIAN_PRESETS, MAX_COMPONENTS

from .datasets import PENGUIN_COLUMNS
from .settings import PageSettings, Setting, seed_setting

DEFAULT_PRESET = "The worksheet's example"
#: Most points per Gaussian on the page: 8 x 10 000 stays smooth in a browser (WebGL).
MAX_COUNT = 10_000
#: Most EM iterations the page runs (each replayable).
FIT_MAX_ITER = 200
#: Above this many points the BIC comparison of K = 1..8 waits for a click (it runs 16 fits).
BIC_AUTO_POINTS = 5_000
#: EM stops when the mean log-likelihood per point gains less than this (small, so the replay shows the slow end too).
FIT_TOL = 1e-4
FIT_TABS = ("Log-likelihood", "Choosing K (BIC)", "True vs fitted", "Different starts")
#: Where EM's initial guess comes from (g_fit_init); the first is the app's default start, unchanged.
FIT_INITS = ("k-means++", "random points", "my own means")
#: The points on the page: drawn from the Gaussians below, or real data (mixgen_ui/real_points.py).
DATA_SOURCES = ("Generated (the settings below)", "Palmer penguins", "Old Faithful", "Your own points (CSV)")
#: Limits of a typed starting mean: the guess form's, wide enough for grams and millimetres.
START_LIMIT = 1e6


def preset_values(name: str) -> dict[str, Any]:
    """Preset ``name`` as settings: ``{"g_k": 3, "g_0_mx": 1.0, ...}``; loading it is one update."""
    values: dict[str, Any] = {"g_k": len(GAUSSIAN_PRESETS[name])}
    for i, ((mx, my), (vx, vy, rho), n) in enumerate(GAUSSIAN_PRESETS[name]):
        values.update({f"g_{i}_{f}": v for f, v in zip(("mx", "my", "vx", "vy", "rho", "n"), (mx, my, vx, vy, rho, n))})
    return values


def component_defaults(i: int) -> dict[str, Any]:
    """Starting values of Gaussian ``i``: the worksheet's three, then round clouds around them."""
    sheet = preset_values(DEFAULT_PRESET)
    if i < sheet["g_k"]:
        return {f: sheet[f"g_{i}_{f}"] for f in ("mx", "my", "vx", "vy", "rho", "n")}
    spots = ((4.0, 5.0), (7.0, 4.5), (3.0, -1.0), (7.0, 0.0), (-2.0, 2.5))
    mx, my = spots[(i - sheet["g_k"]) % len(spots)]
    return {"mx": mx, "my": my, "vx": 0.3, "vy": 0.3, "rho": 0.0, "n": 20}


def guess_k_setting(key: str) -> Setting:
    """How many Gaussians the student thinks made the points (the number of groups they may fill)."""
    return Setting(key, "int", 3, "How many Gaussians do you see?", lo=1, hi=MAX_COMPONENTS, step=1,
                   widget="number", help="Your guess at the number of Gaussians: you get one group for each.")


GAUSSIANS = PageSettings(
    prefix="g",
    count_key="g_k",
    item_defaults=component_defaults,
    settings=(
        Setting("g_k", "int", 3, "Number of Gaussians", lo=1, hi=MAX_COMPONENTS, widget="slider"),
        seed_setting("g_seed", "The same seed and settings always draw the same points."),
        Setting("g_colour", "bool", True, "Colour by source", widget="toggle",
                help="Show which Gaussian each point came from (colour and marker shape)."),
        Setting("g_ellipses", "bool", False, "Show the true Gaussians", widget="checkbox",
                help="Ellipses at 1 and 2 standard deviations around each Gaussian's mean."),
        # Reason back: the fit. Its default number of Gaussians is the page's g_k.
        Setting("g_fit", "bool", False, "Fit a mixture with EM", widget="toggle"),
        Setting("g_fit_k", "int", 3, "Gaussians to fit", lo=1, hi=MAX_COMPONENTS, widget="slider",
                help="EM must be told how many Gaussians to look for. The BIC chart below helps choose."),
        seed_setting("g_fit_seed", "Seeds EM's initial guess; the same seed always gives the same fit.", "Fit seed"),
        # The upper limit shown is the fit's own number of iterations; a link may ask for up to 1000.
        Setting("g_fit_iter", "int", 0, "Iteration shown", lo=0, hi=1000, widget="slider",
                help="Replay the fit: 0 is the initial guess."),
        Setting("g_fit_tab", "choice", FIT_TABS[0], options=FIT_TABS),
        # Where EM starts (mixgen_streamlit/em_start.py): the default is k-means++, as EM always started; "my own means" reads
        # g_start_x<i>, g_start_y<i> for the first g_fit_k of them (their shown default follows the data).
        Setting("g_fit_init", "choice", FIT_INITS[0], "Initial guess", options=FIT_INITS, widget="radio",
                help="Where EM's means start: spread out over the points (k-means++), on random points, or "
                     "where you type them."),
        *(Setting(f"g_start_{axis}{i}", "float", 0.0, f"Fit {i + 1}: start {axis}", lo=-START_LIMIT,
                  hi=START_LIMIT, step=0.5, widget="number", extra={"format": "%.2f"})
          for i in range(MAX_COMPONENTS) for axis in ("x", "y")),
        # k-means beside EM (mixgen_streamlit/kmeans_view.py): off by default, so nothing runs until asked.
        Setting("g_kmeans", "bool", False, "Compare with k-means", widget="toggle",
                help="Run k-means from the same start and step it beside EM. Each k-means step (Lloyd's algorithm) "
                     "gives every point to its nearest centre, then moves each centre to the mean of its points."),
        # Real data (mixgen_ui/real_points.py). The uploaded file and its column choices are never in the URL.
        Setting("g_data", "choice", DATA_SOURCES[0], "Data", options=DATA_SOURCES, widget="select",
                help="Points drawn from Gaussians you set, or measurements from the real world."),
        Setting("g_px", "choice", "bill_length_mm", "Penguins: x axis", options=tuple(PENGUIN_COLUMNS),
                widget="select"),
        Setting("g_py", "choice", "bill_depth_mm", "Penguins: y axis", options=tuple(PENGUIN_COLUMNS),
                widget="select"),
        Setting("g_std", "bool", False, "Standardise the measurements", widget="toggle",
                help="Measure each axis in standard deviations from its mean."),
        # Guess, then check (mixgen_ui/guess_points.py): the student's own grouping is not in the URL.
        Setting("g_guess", "bool", False, "Guess the groups", widget="toggle",
                help="Put the points in groups yourself, then check your guess against the truth and against EM."),
        guess_k_setting("g_guess_k"),
        # A teacher's challenge link (?g_challenge=true): guessing, colours and settings hidden until the check.
        # Read from the link by the page itself, never drawn as a widget.
        Setting("g_challenge", "bool", False, "Challenge", widget=""),
    ),
    # floats throughout, except the count: see Setting.stored
    fields=(
        Setting("mx", "float", 0.0, "mean x", lo=-50.0, hi=50.0, step=0.5, widget="number"),
        Setting("my", "float", 0.0, "mean y", lo=-50.0, hi=50.0, step=0.5, widget="number"),
        Setting("vx", "float", 0.0, "variance x", lo=0.0, hi=25.0, step=0.05, widget="number", extra={"format": "%.3f"}),
        Setting("vy", "float", 0.0, "variance y", lo=0.0, hi=25.0, step=0.05, widget="number", extra={"format": "%.3f"}),
        Setting("rho", "float", 0.0, "correlation", lo=-1.0, hi=1.0, step=0.05, widget="slider"),
        Setting("n", "int", 0, "points", lo=0, hi=MAX_COUNT, step=1, widget="number",
                help=f"How many points to draw from this Gaussian (at most {MAX_COUNT:,})."),
    ),
)

GUIDE = PageSettings(prefix="gg", settings=(
    seed_setting("gg_seed", "The same seed always draws the same points, so a class can share one sample."),
    guess_k_setting("gg_guess_k"),
))
