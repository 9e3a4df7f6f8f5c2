"""Figures from dicts: validated in the tests, the same figure unvalidated in the app."""

import json

import numpy as np
import plotly.io
import pytest

from mixgen_ui.figure_parts import (
    AXIS_TITLE_PX,
    LEGEND_ROW_PX,
    NUMBER_CHARS,
    RIGHT_PX,
    TICK_CHAR_PX,
    TICK_LINE_PX,
    TICK_PX,
    figure,
    hline,
    title,
    vline,
)


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


# The room asked for tick labels: enough for the usual labels (the browser test checks plotly then adds
# none), more for longer labels and titles, none for axes that put no labels at the figure's edges.
def margins(layout: dict) -> dict:
    return figure([], layout).layout.margin.to_plotly_json()


def test_longer_labels_and_a_title_ask_for_more_room_at_the_left():
    words = lambda *w: dict(tickmode="array", tickvals=list(range(len(w))), ticktext=list(w))  # noqa: E731
    short, long = margins(dict(yaxis=words("a", "bb"))), margins(dict(yaxis=words("a", "mistletoe")))
    assert long["l"] - short["l"] == TICK_CHAR_PX * (len("mistletoe") - 2)
    titled = margins(dict(yaxis={**words("a", "bb"), "title": title("chance")}))
    assert titled["l"] == short["l"] + AXIS_TITLE_PX
    # Markup and escapes are not drawn: "&lt;b&gt;" is three characters on screen.
    assert margins(dict(yaxis=words("<b>ab</b>", "&lt;b&gt;")))["l"] == margins(dict(yaxis=words("abc")))["l"]


@pytest.mark.parametrize("axis, chars", [
    (dict(range=[0, 1]), len("0.6")), (dict(range=[0, 0.05]), len("0.01")), (dict(range=[-1500, -1200]), len("-1500")),
    (dict(range=[0, 1.05], tickformat=".0%"), len("105%")), (dict(), NUMBER_CHARS),
    (dict(range=[0, 10], ticksuffix="%"), len("10%")),
])
def test_a_numeric_axis_asks_for_its_widest_number(axis, chars):
    assert margins(dict(yaxis=axis))["l"] == TICK_CHAR_PX * chars + TICK_PX


def test_axes_without_labels_at_the_edges_ask_for_none():
    hidden = margins(dict(yaxis=dict(visible=False), xaxis=dict(visible=False)))
    assert (hidden["l"], hidden["b"]) == (0, 0) and hidden["r"] == RIGHT_PX
    # A panel beside the first: its y labels sit between the panels; above the first: its x labels too.
    beside = dict(xaxis=dict(domain=[0, 0.4], visible=False), yaxis=dict(visible=False),
                  xaxis2=dict(domain=[0.6, 1], anchor="y2"), yaxis2=dict(anchor="x2", title=title("long title")))
    assert margins(beside)["l"] == 0
    above = dict(xaxis=dict(visible=False), yaxis=dict(domain=[0, 0.4], visible=False),
                 xaxis2=dict(anchor="y2", title=title("x")), yaxis2=dict(domain=[0.6, 1], anchor="x2", visible=False))
    assert margins(above)["b"] == 0
    assert margins(dict(xaxis=dict(title=title("x"))))["b"] == TICK_LINE_PX + TICK_PX + AXIS_TITLE_PX


def test_a_figure_keeps_margins_wider_than_its_labels_need_and_makes_room_for_a_legend_above():
    assert margins(dict(margin=dict(l=200, r=50, t=5, b=300))) == dict(l=200, r=50, t=5, b=300)
    above = dict(legend=dict(orientation="h", yanchor="bottom", y=1.0), margin=dict(t=10))
    assert margins(above)["t"] == LEGEND_ROW_PX
    assert margins({**above, "showlegend": False})["t"] == 10
    assert margins(dict(legend=dict(orientation="h", yanchor="top", y=-0.2), margin=dict(t=10)))["t"] == 10
