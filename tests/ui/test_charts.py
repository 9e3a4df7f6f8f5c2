"""Charts built once per distinct input: Streamlit gets exactly the JSON a fresh figure gives."""

import numpy as np
import plotly.io as pio
import plotly.tools

from mixgen_core import GaussianComponent, sample_gaussian_mixture
from mixgen_streamlit.charts import KEEP_POINTS, FigureSpec, figure_spec, show_chart
from mixgen_ui.gaussian_figures import ELLIPSE_SDS, component_names, groups_scatter

CALLS: list[tuple] = []


def mixture(sample, components, *, coloured, show_ellipses=False):
    return groups_scatter(sample.points, sample.labels, component_names(len(components)), components,
                          coloured=coloured, show_ellipses=show_ellipses)


def counted_scatter(sample, components, *, coloured):
    CALLS.append((coloured,))
    return mixture(sample, components, coloured=coloured)


def test_streamlit_receives_the_same_json_as_from_the_figure_itself():
    comps = [GaussianComponent((0.0, 0.0), ((1.0, 0.2), (0.2, 1.0)), 20),
             GaussianComponent((3.0, 1.0), ((0.5, 0.0), (0.0, 2.0)), 30)]
    sample = sample_gaussian_mixture(comps, np.random.default_rng(4))
    fig = mixture(sample, comps, coloured=True)
    spec = figure_spec("test.scatter", (sample, comps), {"coloured": True}, mixture)
    stored = pio.to_json(spec, validate=False)
    # What st.plotly_chart does with a figure: to_dict() through plotly.tools, then to_json.
    sent = plotly.tools.return_figure_from_figure_or_data(FigureSpec(spec), validate_figure=True)
    assert pio.to_json(sent, validate=False) == pio.to_json(fig.to_dict(), validate=False)
    # The stored dict is shared by every session: drawing it must leave it as it was.
    assert pio.to_json(spec, validate=False) == stored
    assert figure_spec("test.scatter", (sample, comps), {"coloured": True}, mixture) is spec


def test_a_figure_is_built_once_per_distinct_input():
    comps = [GaussianComponent((0.0, 0.0), ((1.0, 0.0), (0.0, 1.0)), 10)]
    sample = sample_gaussian_mixture(comps, np.random.default_rng(0))
    other = sample_gaussian_mixture(comps, np.random.default_rng(1))
    CALLS.clear()
    for s, coloured in ((sample, True), (sample, True), (sample, False), (other, True), (sample, True)):
        figure_spec("test.counted", (s, comps), {"coloured": coloured}, counted_scatter)
    assert len(CALLS) == 3  # (sample, True), (sample, False), (other, True)


class Recorder:
    """Stands in for ``st``: keeps what ``plotly_chart`` was given."""

    def __init__(self):
        self.figures = []

    def plotly_chart(self, fig, **kwargs):
        self.figures.append(fig)


def test_figures_of_many_points_are_built_afresh_and_small_ones_kept():
    comps = [GaussianComponent((0.0, 0.0), ((1.0, 0.0), (0.0, 1.0)), 10)]
    sample = sample_gaussian_mixture(comps, np.random.default_rng(2))
    where = Recorder()
    CALLS.clear()
    for n_points in (KEEP_POINTS, KEEP_POINTS, KEEP_POINTS + 1, KEEP_POINTS + 1):
        show_chart(counted_scatter, sample, comps, coloured=True, key="k", where=where, n_points=n_points)
    assert len(CALLS) == 3  # kept once at KEEP_POINTS, built twice above it
    assert [type(f) is FigureSpec for f in where.figures] == [True, True, False, False]
    assert where.figures[0].to_dict() is where.figures[1].to_dict()


def test_generated_and_real_points_draw_their_ellipses_at_the_same_widths():
    comps = [GaussianComponent((0.0, 0.0), ((1.0, 0.0), (0.0, 1.0)), 10),
             GaussianComponent((4.0, 0.0), ((1.0, 0.0), (0.0, 1.0)), 10)]
    sample = sample_gaussian_mixture(comps, np.random.default_rng(0))
    fig = groups_scatter(sample.points, sample.labels, ["Adelie", "<b>x</b>"], comps, coloured=True,
                         show_ellipses=True)
    rings = [tr.name for tr in fig.data if tr.mode == "lines"]
    assert rings == [f"{name}, {sd:g} sd" for name in ("Adelie", "&lt;b&gt;x&lt;/b&gt;") for sd in ELLIPSE_SDS]
    assert len(groups_scatter(sample.points, None, [], None, coloured=True).data) == 1  # nobody knows the groups
