"""The ready-made mixtures, starting with the worksheet's own."""

from __future__ import annotations

import numpy as np
import pytest

from mixgen_core.presets import GAUSSIAN_PRESETS, preset_components
from tests.core.test_gaussians import WORKSHEET


def test_worksheet_preset_is_the_worksheet():
    for preset, ref in zip(preset_components("The worksheet's example"), WORKSHEET):
        np.testing.assert_array_equal(preset.mean, ref.mean)
        np.testing.assert_array_equal(preset.cov, ref.cov)
        assert preset.count == ref.count == 20


def test_every_preset_is_valid():
    for name in GAUSSIAN_PRESETS:
        assert 1 <= len(preset_components(name)) <= 8
    with pytest.raises(ValueError, match="no preset"):
        preset_components("nope")
