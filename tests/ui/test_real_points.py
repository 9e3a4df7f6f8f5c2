"""Real points on the Gaussian page: the sample object, group Gaussians, the CSV download."""

import csv
import io

import numpy as np

from mixgen_core import GaussianComponent, GaussianSample
from mixgen_streamlit.datasets import old_faithful, penguins
from mixgen_ui.export import csv_text_value
from mixgen_ui.real_points import (
    FAITHFUL,
    PENGUINS,
    UPLOAD,
    default_fit_k,
    from_real,
    generated_points,
    group_gaussians,
    groups_drawn,
    picker_defaults,
    real_points_csv,
)
from mixgen_ui.uploads import points_from_table, read_points_csv


def test_generated_points_keep_the_sample_and_its_gaussians():
    comps = [GaussianComponent([0, 0], [[1, 0], [0, 1]], 3), GaussianComponent([5, 5], [[1, 0], [0, 1]], 2)]
    sample = GaussianSample(points=np.arange(10.0).reshape(5, 2), labels=np.array([0, 0, 0, 1, 1]))
    data = generated_points(sample, comps)
    assert data.generated and data.has_truth and data.k_true == 2 and data.names == ("Gaussian 1", "Gaussian 2")
    assert data.sample is not None and np.array_equal(data.true_means(), [[0, 0], [5, 5]])


def test_a_gaussian_that_drew_no_point_is_not_counted_in_the_truth():
    """The worksheet with Gaussian 3 set to 0 points: the guess's check said 2, BIC's chart "true K = 3"."""
    comps = [GaussianComponent([0, 0], [[1, 0], [0, 1]], 3), GaussianComponent([5, 5], [[1, 0], [0, 1]], 2),
             GaussianComponent([9, 0], [[1, 0], [0, 1]], 0)]
    sample = GaussianSample(points=np.arange(10.0).reshape(5, 2), labels=np.array([0, 0, 0, 1, 1]))
    data = generated_points(sample, comps)
    assert data.k_true == groups_drawn(sample.labels) == 2 and default_fit_k(data) == 2
    assert len(data.names) == 3 and len(data.true_means()) == 3  # the sidebar's Gaussians are all still drawn


def test_penguins_have_species_gaussians_and_standardise():
    data = from_real(penguins("flipper_length_mm", "body_mass_g"), PENGUINS, standardised=False)
    assert len(data.points) == 342 and data.dropped == 2 and data.k_true == 3
    assert data.truth is not None and sum(c.count for c in data.truth) == 342
    z = from_real(penguins("flipper_length_mm", "body_mass_g"), PENGUINS, standardised=True)
    assert np.allclose(z.points.mean(axis=0), 0) and np.allclose(z.points.std(axis=0), 1)
    assert z.x_label.endswith("(standardised)")


def test_old_faithful_has_no_truth():
    data = from_real(old_faithful(), FAITHFUL, standardised=False)
    assert not data.has_truth and data.truth is None and data.k_true == 0
    assert np.array_equal(data.sample.labels, np.zeros(272))


def test_group_gaussians_gives_up_on_huge_numbers():
    pts = np.array([[0.0, 0.0], [1e7, 1.0], [3.0, 3.0]])
    assert group_gaussians(pts, np.array([0, 0, 1]), 2) is None
    assert group_gaussians(pts[:1], np.array([0]), 1)[0].count == 1  # one point: a flat, valid Gaussian


def test_csv_has_source_and_licence_first_and_is_formula_safe():
    table = read_points_csv(b"=x,y,@group\n1,2,=cmd|' /C calc'!A0\n3,4,+SUM(A1)\n")
    data = from_real(points_from_table(table, "=x", "y", "@group"), UPLOAD, standardised=False)
    text = real_points_csv(data, np.array([1, 0]), np.array([2, 1]))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0].startswith("# source: Your own file") and rows[1][0].startswith("# licence:")
    assert rows[2] == ["'=x", "y", "group", "fitted_component"]
    assert [r[2] for r in rows[3:]] == ["'=cmd|' /C calc'!A0", "'+SUM(A1)"]
    assert csv_text_value(rows[3][2]) == "=cmd|' /C calc'!A0"
    assert [r[3] for r in rows[3:]] == ["1", "2"]
    faithful = real_points_csv(from_real(old_faithful(), FAITHFUL, standardised=False))
    assert "GPL" in faithful.splitlines()[1] and faithful.splitlines()[2] == (
        "Eruption length (minutes),Waiting time before it (minutes)")


def test_picker_defaults():
    table = read_points_csv(b"species,length,mass\nA,1,2\nB,3,4\n")
    assert picker_defaults(table) == ("length", "mass", "species")
    assert picker_defaults(read_points_csv(b"a,b\n1,2\n"))[2] == "(no group column)"
