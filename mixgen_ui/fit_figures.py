"""Plotly figures for reasoning back on the Gaussian-mixture page: EM's fit against the truth.

Traces and layouts are plain dicts, validated once by :func:`~mixgen_ui.figure_parts.figure`
(see :mod:`mixgen_ui.figure_parts` for why).
"""

from __future__ import annotations

from html import escape
from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from mixgen_core import FitComparison, GaussianComponent, GMMParams

from .figure_parts import Spec, figure, title, vline
from .gaussian_figures import _base_layout, _scatter_type, ellipse_trace
from .palette import COLOURS, NEUTRAL, colour, component_name, symbol


def blended_colours(resp: np.ndarray, colour_index: np.ndarray) -> list[str]:
    """Each point's colour: the fitted components' colours mixed by its responsibilities.

    A point EM is sure about takes one component's colour; a point it is torn about
    takes a mixture, so uncertainty shows as an in-between colour.

    Parameters
    ----------
    resp : array of shape (N, K)
    colour_index : int array of shape (K,)
    """
    rgb = np.array([[int(COLOURS[i][p : p + 2], 16) for p in (1, 3, 5)] for i in colour_index], dtype=float)
    mixed = np.clip(np.rint(resp @ rgb), 0, 255).astype(int)
    return [f"#{r:02x}{g:02x}{b:02x}" for r, g, b in mixed]


def _truth_ellipses(true_components: Sequence[GaussianComponent] | None, name: str) -> list[Spec]:
    """The truth's 2-sd ellipses in thin dotted grey, one legend entry for them all (the first's)."""
    return [ellipse_trace(comp.mean, comp.cov, 2.0, name=name, line_colour="#888", dash="dot",
                          legendgroup="true", showlegend=i == 0)
            for i, comp in enumerate(true_components or ())]


def _wrong_rings(points: np.ndarray, wrong: np.ndarray, name: str, scatter: str) -> Spec:
    """Red rings around the points ``wrong`` (a boolean mask of shape (N,)) selects."""
    return dict(
        type=scatter, x=points[wrong, 0], y=points[wrong, 1], mode="markers", name=name,
        marker=dict(symbol="circle-open", size=16, color="#b00020", line=dict(width=2)), hoverinfo="skip",
    )


def fit_scatter(
    points: np.ndarray,
    true_components: Sequence[GaussianComponent] | None,
    params: GMMParams,
    resp: np.ndarray,
    comparison: FitComparison | None,
    *,
    truth_name: str = "true Gaussians (2 sd)",
    axes: tuple[str, str, bool] | None = None,
    marked: int | None = None,
) -> go.Figure:
    """Points coloured by EM's current responsibilities, fitted ellipses over the true ones.

    Parameters
    ----------
    points : array of shape (N, 2)
    true_components : sequence of GaussianComponent (thin dotted grey ellipses)
    params : GMMParams with K components (dashed coloured ellipses, ✕ at the means)
    resp : array of shape (N, K), rows sum to 1
    comparison : FitComparison of this state against the truth, or None when nobody knows it
        Its ``numbers`` colour each fitted component like the true one it is matched to;
        points it marks ``wrong`` (best fitted component not their true one) are ringed.
        Without it, fitted component ``k`` has colour ``k`` and nothing is ringed.
    true_components : the truth's ellipses, or None (none drawn)
    truth_name : legend entry of the true ellipses
    axes : (x title, y title, equal scales) for :func:`with_axes`, or None for the plain axes
    marked : index of the point whose numbers the page writes out (a big ring, named), or None
    """
    k_fit = params.n_components
    colour_index = comparison.numbers if comparison is not None else np.arange(k_fit)
    disagree = comparison.wrong if comparison is not None else np.zeros(len(points), dtype=bool)
    data = _truth_ellipses(true_components, truth_name)
    best = np.argmax(resp, axis=1)
    certainty = resp.max(axis=1)
    data.append(dict(
        type=_scatter_type(len(points)), x=points[:, 0], y=points[:, 1], mode="markers",
        name="points (colour = fitted component)",
        marker=dict(color=blended_colours(resp, colour_index), size=8,
                    symbol=[symbol(int(colour_index[b])) for b in best],
                    opacity=0.35 + 0.65 * certainty, line=dict(width=0.5, color="white")),
        customdata=resp,
        hovertemplate="x=%{x:.3f}, y=%{y:.3f}<br>"
        + "<br>".join(f"P(fit {k + 1}) = %{{customdata[{k}]:.2f}}" for k in range(resp.shape[1]))
        + "<extra></extra>",
    ))
    if disagree.any():
        data.append(_wrong_rings(points, disagree, "fit disagrees with truth", _scatter_type(len(points))))
    for k in range(params.n_components):
        c = colour(int(colour_index[k]))
        for n_sd, dash in ((1.0, "dash"), (2.0, "dashdot")):
            data.append(ellipse_trace(params.means[k], params.covariances[k], n_sd, name=f"fit {k + 1}",
                                      line_colour=c, dash=dash, legendgroup=f"fit{k}"))
    data.append(dict(
        type="scatter", x=params.means[:, 0], y=params.means[:, 1], mode="markers+text", name="fitted means",
        text=[f"fit {k + 1}" for k in range(params.n_components)], textposition="top center",
        # Mid-grey with a white rim: visible on the light and the dark theme alike.
        marker=dict(symbol="x", size=16, color="#808080", line=dict(width=1.5, color="white")),
        textfont=dict(color="#808080"),
        hovertemplate="fitted mean %{x:.3f}, %{y:.3f}<extra></extra>",
    ))
    if marked is not None:
        data.append(_marked_ring(points[marked], marked))
    fig = figure(data, _base_layout())
    return fig if axes is None else with_axes(fig, *axes)


def _marked_ring(point: np.ndarray, i: int) -> dict:
    """A big ring round the point whose numbers are written out, labelled with its number. Mid-grey with a
    white rim (visible on both themes); a plain scatter drawn over the WebGL points."""
    return dict(type="scatter", x=[point[0]], y=[point[1]], mode="markers+text", name=f"point {i + 1} (its numbers below)",
                text=[f"point {i + 1}"], textposition="bottom center", textfont=dict(color="#808080"),
                marker=dict(symbol="circle-open", size=22, color="#808080", line=dict(width=3)),
                hovertemplate=f"point {i + 1}: %{{x:.3f}}, %{{y:.3f}}<extra></extra>")


def with_axes(fig: go.Figure, x_label: str, y_label: str, equal_scales: bool = True) -> go.Figure:
    """Axis titles (user text escaped for plotly's HTML-like labels), and unequal scales for
    measurements in different units (a gram is not a millimetre: equal scales would flatten the cloud)."""
    # Set in place rather than through update_layout(xaxis_title=...), which re-parses the path.
    fig.layout.xaxis.title.text = escape(x_label)
    fig.layout.yaxis.title.text = escape(y_label)
    if not equal_scales:
        fig.layout.yaxis.scaleanchor = None
    return fig


def kmeans_scatter(points: np.ndarray, true_components: Sequence[GaussianComponent] | None,
                   centres: np.ndarray, labels: np.ndarray, comparison: FitComparison | None,
                   *, truth_name: str) -> go.Figure:
    """k-means' hard clusters: every point fully in its cluster's colour and shape (no blending),
    the centres as crosses, points whose cluster is not their true group ringed.

    Parameters
    ----------
    points : array of shape (N, 2)
    true_components : the truth's ellipses (thin dotted grey), or None
    centres : array of shape (K, 2)
    labels : int array of shape (N,), each point's cluster
    comparison : FitComparison of these clusters against the truth, or None (colours in cluster order)
    truth_name : legend entry of the true ellipses (:attr:`~mixgen_ui.real_points.PointsOnPage.truth_legend`)
    """
    k = len(centres)
    colour_index = comparison.numbers if comparison is not None else np.arange(k)
    data = _truth_ellipses(true_components, truth_name)
    scatter = _scatter_type(len(points))
    for j in range(k):
        sel = labels == j
        c = int(colour_index[j])
        data.append(dict(
            type=scatter, x=points[sel, 0], y=points[sel, 1], mode="markers", name=f"cluster {j + 1}",
            marker=dict(color=colour(c), symbol=symbol(c), size=8, line=dict(width=0.5, color="white")),
            hovertemplate=f"cluster {j + 1}<br>x=%{{x:.3f}}<br>y=%{{y:.3f}}<extra></extra>",
        ))
    if comparison is not None and comparison.wrong.any():
        data.append(_wrong_rings(points, comparison.wrong, "k-means disagrees with truth", scatter))
    data.append(dict(
        type="scatter", x=centres[:, 0], y=centres[:, 1], mode="markers+text", name="centres",
        text=[f"centre {j + 1}" for j in range(k)], textposition="top center",
        marker=dict(symbol="x", size=16, color="#808080", line=dict(width=1.5, color="white")),
        textfont=dict(color="#808080"), hovertemplate="centre %{x:.3f}, %{y:.3f}<extra></extra>",
    ))
    return figure(data, _base_layout())


def starts_table(rows: Sequence[tuple[str, float, int, bool]], shown: str | None = None) -> dict[str, list]:
    """The "Different starts" table: one row per start, its final mean log-likelihood and
    iterations, the highest marked (ties within 1e-6 all marked), the start on screen named.

    Returns a column -> values mapping for ``st.dataframe``.
    """
    best = max((r[1] for r in rows), default=0.0)
    out: dict[str, list] = {"start": [], "final mean log-likelihood": [], "iterations": [], "highest": []}
    for name, ll, n_iter, converged in rows:
        out["start"].append(name + (" (shown above)" if name == shown else ""))
        out["final mean log-likelihood"].append(round(ll, 4))
        out["iterations"].append(n_iter if converged else f"{n_iter} (not converged)")
        out["highest"].append("★ highest" if ll >= best - 1e-6 else "")
    return out


def _line_layout(x_title: str, y_title: str, **xaxis) -> Spec:
    """The layout of a small line chart under the scatter: no legend, ``xaxis`` extra x-axis properties."""
    return dict(height=300, margin=dict(l=10, r=10, t=30, b=10), showlegend=False,
                xaxis=dict(title=title(x_title), **xaxis), yaxis=dict(title=title(y_title)))


def loglik_figure(log_likelihoods: Sequence[float], current: int) -> go.Figure:
    """Mean log-likelihood per point after each iteration (0 = the initial guess), current one marked."""
    ll = np.asarray(log_likelihoods, dtype=float)
    return figure([
        dict(type="scatter", x=np.arange(ll.size), y=ll, mode="lines+markers", name="log-likelihood",
             line=dict(color=NEUTRAL), hovertemplate="iteration %{x}: %{y:.4f}<extra></extra>"),
        dict(type="scatter", x=[current], y=[ll[current]], mode="markers", name="shown now",
             marker=dict(size=14, color=colour(1), symbol="diamond", line=dict(width=1, color="#111"))),
    ], _line_layout("iteration", "mean log-likelihood per point", **({"dtick": 1} if ll.size <= 20 else {})))


def bic_figure(curve: dict[int, float], true_k: int) -> go.Figure:
    """BIC against the number of components; the lowest (best) is starred, the true K labelled."""
    ks = np.array(sorted(curve))
    values = np.array([curve[k] for k in ks])
    best = int(ks[np.argmin(values)])
    data = [
        dict(type="scatter", x=ks, y=values, mode="lines+markers", name="BIC", line=dict(color=NEUTRAL),
             hovertemplate="K = %{x}: BIC %{y:.1f}<extra></extra>"),
        dict(type="scatter", x=[best], y=[curve[best]], mode="markers+text", name="best K", text=[f"best: K = {best}"],
             textposition="top center",
             marker=dict(size=16, symbol="star", color=colour(1), line=dict(width=1, color="#111"))),
    ]
    layout = _line_layout("number of components K", "BIC (lower is better)", dtick=1)
    if true_k in curve:
        # What add_vline(annotation_text=...) draws: the line, and its label at the top, right of it.
        layout["shapes"] = [vline(true_k, dict(color="#888", dash="dot"))]
        layout["annotations"] = [dict(text=f"true K = {true_k}", showarrow=False, x=true_k, xref="x", xanchor="left",
                                      y=1, yref="y domain", yanchor="top")]
    return figure(data, layout)


def parameter_table(true_components: Sequence[GaussianComponent], params: GMMParams,
                    match: np.ndarray, names: Sequence[str] | None = None) -> dict[str, list]:
    """True and fitted parameters side by side, one row per true component (aligned).

    Returns a column -> values mapping for ``st.dataframe``.
    """
    total = sum(c.count for c in true_components) or 1
    rows: dict[str, list] = {k: [] for k in ("Gaussian", "true weight", "fitted weight", "true mean",
                                             "fitted mean", "true variances", "fitted variances",
                                             "true correlation", "fitted correlation")}
    for i, comp in enumerate(true_components):
        j = int(match[i])
        name = component_name(i) if names is None else names[i]
        rows["Gaussian"].append(f"{name} ↔ fit {j + 1}" if j >= 0 else f"{name} (no fit left)")
        rows["true weight"].append(round(comp.count / total, 3))
        rows["true mean"].append(f"({comp.mean[0]:.2f}, {comp.mean[1]:.2f})")
        rows["true variances"].append(f"({comp.cov[0, 0]:.3f}, {comp.cov[1, 1]:.3f})")
        rows["true correlation"].append(round(comp.correlation, 2))
        if j < 0:
            for col in ("fitted weight", "fitted mean", "fitted variances", "fitted correlation"):
                rows[col].append(None)
            continue
        cov = params.covariances[j]
        rows["fitted weight"].append(round(float(params.weights[j]), 3))
        rows["fitted mean"].append(f"({params.means[j, 0]:.2f}, {params.means[j, 1]:.2f})")
        rows["fitted variances"].append(f"({cov[0, 0]:.3f}, {cov[1, 1]:.3f})")
        rows["fitted correlation"].append(round(float(cov[0, 1] / np.sqrt(cov[0, 0] * cov[1, 1])), 2))
    return rows
