"""Ready-made mixtures that teach something, starting with the worksheet's own."""

from __future__ import annotations

from .gaussians import GaussianComponent

#: Preset name -> one ``(mean, (var_x, var_y, correlation), count)`` per component.
GAUSSIAN_PRESETS: dict[str, list[tuple[tuple[float, float], tuple[float, float, float], int]]] = {
    # The worksheet: cov1 = diag(0.1, 0.1), cov2 = diag(0.5, 0.4), cov3 = diag(1, 0.1), 20 points each.
    "The worksheet's example": [
        ((1.0, 1.0), (0.1, 0.1, 0.0), 20),
        ((5.0, 2.0), (0.5, 0.4, 0.0), 20),
        ((1.0, 4.0), (1.0, 0.1, 0.0), 20),
    ],
    "Well separated": [
        ((0.0, 0.0), (0.25, 0.25, 0.0), 50),
        ((6.0, 0.0), (0.25, 0.25, 0.0), 50),
        ((3.0, 5.0), (0.25, 0.25, 0.0), 50),
    ],
    "Overlapping": [
        ((0.0, 0.0), (1.0, 1.0, 0.0), 60),
        ((1.5, 0.5), (1.0, 1.0, 0.0), 60),
        ((0.5, 1.8), (1.0, 1.0, 0.0), 60),
    ],
    "Elongated and correlated": [
        ((0.0, 0.0), (4.0, 0.16, 0.9), 80),
        ((0.0, 2.5), (4.0, 0.16, -0.9), 80),
    ],
    "Unbalanced counts": [
        ((0.0, 0.0), (1.0, 1.0, 0.0), 200),
        ((4.0, 1.0), (0.25, 0.25, 0.0), 20),
        ((1.0, 4.0), (0.09, 0.09, 0.0), 5),
    ],
    # For "guess the groups": two slanted clouds side by side whose edges touch, and a small
    # tight cloud inside a wide one, where the eye groups by gaps that are not there.
    "Touching clouds": [
        ((0.0, 0.0), (0.3, 2.0, 0.6), 70),
        ((1.8, 0.5), (0.3, 2.0, 0.6), 70),
    ],
    "Hidden in a crowd": [
        ((0.0, 0.0), (4.0, 4.0, 0.0), 120),
        ((1.0, 0.5), (0.1, 0.1, 0.0), 30),
    ],
}


def preset_components(name: str) -> list[GaussianComponent]:
    """The components of the preset called ``name``."""
    if name not in GAUSSIAN_PRESETS:
        raise ValueError(f"There is no preset called {name!r}; choose one of {sorted(GAUSSIAN_PRESETS)}.")
    return [GaussianComponent.from_variances(m, v[:2], v[2], n) for m, v, n in GAUSSIAN_PRESETS[name]]
