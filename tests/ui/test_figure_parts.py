"""Figures from dicts: validated in the tests, the same figure unvalidated in the app."""

import json

import numpy as np
import plotly.io
import pytest

from mixgen_ui.figure_parts import figure, hline, title, vline


def spec():
    data = [dict(type="scatter", x=np.arange(5.0), y=np.arange(5.0) ** 2, mode="markers", name="points",
                 marker=dict(color="#0072B2", size=8))]
    layout = dict(height=300, xaxis=dict(title=title("x")), shapes=[hline(2.0, dict(color="#888")),
                                                                     vline(1.0, dict(dash="dot"))])
    return data, layout


def test_the_tests_validate_and_the_app_draws_the_same_figure(monkeypatch):
    checked = figure(*spec())
    monkeypatch.setenv("MIXGEN_CHECK_FIGURES", "0")
    fast = figure(*spec())
    as_json = lambda fig: json.loads(plotly.io.to_json(fig, validate=False))  # noqa: E731 - key order aside
    assert as_json(fast) == as_json(checked)
    assert fast.data[0].name == "points" and fast.layout.shapes[0].y0 == 2.0


def test_a_misspelt_property_fails_the_tests():
    data, layout = spec()
    data[0]["marker"]["colour"] = "red"
    with pytest.raises(ValueError, match="colour"):
        figure(data, layout)


def test_lines_span_their_axis_like_plotlys_own():
    import plotly.graph_objects as go

    made = go.Figure().add_hline(y=3, line=dict(color="#111")).add_vline(x=2, line=dict(color="#222"))
    ours = figure([], dict(shapes=[hline(3, dict(color="#111")), vline(2, dict(color="#222"))]))
    assert made.layout.shapes == ours.layout.shapes
