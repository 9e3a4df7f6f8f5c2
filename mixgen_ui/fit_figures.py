"""Plotly figures for reasoning back on the Gaussian-mixture page: EM's fit against the truth."""

from __future__ import annotations

from html import escape
from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from mixgen_core import FitComparison, GaussianComponent, GMMParams

from .gaussian_figures import SVG_MAX_POINTS, _base_layout, ellipse_trace
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


def fit_scatter(
    points: np.ndarray,
    true_components: Sequence[GaussianComponent] | None,
    params: GMMParams,
    resp: np.ndarray,
    comparison: FitComparison | None,
    *,
    truth_name: str = "true Gaussians (2 sd)",
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
    """
    k_fit = params.n_components
    colour_index = comparison.numbers if comparison is not None else np.arange(k_fit)
    disagree = comparison.wrong if comparison is not None else np.zeros(len(points), dtype=bool)
    fig = go.Figure()
    for comp in true_components or ():
        fig.add_trace(ellipse_trace(comp.mean, comp.cov, 2.0, name=truth_name, line_colour="#888",
                                    dash="dot", legendgroup="true"))
    if true_components:
        fig.data[0].showlegend = True
    best = np.argmax(resp, axis=1)
    certainty = resp.max(axis=1)
    fig.add_trace(go.Scattergl(
        x=points[:, 0], y=points[:, 1], mode="markers", name="points (colour = fitted component)",
        marker=dict(color=blended_colours(resp, colour_index), size=8,
                    symbol=[symbol(int(colour_index[b])) for b in best],
                    opacity=0.35 + 0.65 * certainty, line=dict(width=0.5, color="white")),
        customdata=resp,
        hovertemplate="x=%{x:.3f}, y=%{y:.3f}<br>"
        + "<br>".join(f"P(fit {k + 1}) = %{{customdata[{k}]:.2f}}" for k in range(resp.shape[1]))
        + "<extra></extra>",
    ))
    if disagree.any():
        fig.add_trace(go.Scattergl(
            x=points[disagree, 0], y=points[disagree, 1], mode="markers", name="fit disagrees with truth",
            marker=dict(symbol="circle-open", size=16, color="#b00020", line=dict(width=2)), hoverinfo="skip",
        ))
    for k in range(params.n_components):
        c = colour(int(colour_index[k]))
        for n_sd, dash in ((1.0, "dash"), (2.0, "dashdot")):
            fig.add_trace(ellipse_trace(params.means[k], params.covariances[k], n_sd, name=f"fit {k + 1}",
                                        line_colour=c, dash=dash, legendgroup=f"fit{k}"))
    fig.add_trace(go.Scatter(
        x=params.means[:, 0], y=params.means[:, 1], mode="markers+text", name="fitted means",
        text=[f"fit {k + 1}" for k in range(params.n_components)], textposition="top center",
        # Mid-grey with a white rim: visible on the light and the dark theme alike.
        marker=dict(symbol="x", size=16, color="#808080", line=dict(width=1.5, color="white")),
        textfont=dict(color="#808080"),
        hovertemplate="fitted mean %{x:.3f}, %{y:.3f}<extra></extra>",
    ))
    return _base_layout(fig)


def with_axes(fig: go.Figure, x_label: str, y_label: str, equal_scales: bool = True) -> go.Figure:
    """Axis titles (user text escaped for plotly's HTML-like labels), and unequal scales for
    measurements in different units (a gram is not a millimetre: equal scales would flatten the cloud)."""
    fig.update_layout(xaxis_title=escape(x_label), yaxis_title=escape(y_label))
    if not equal_scales:
        fig.update_yaxes(scaleanchor=None)
    return fig


def groups_scatter(points: np.ndarray, labels: np.ndarray | None, names: Sequence[str],
                   truth: Sequence[GaussianComponent] | None, *, coloured: bool,
                   show_ellipses: bool = False) -> go.Figure:
    """Real data: each true group in its colour and shape (``names`` escaped: user text), or all in
    one colour (also when nobody knows the groups); optionally each group's own Gaussian at 1 and 2 sd."""
    fig = go.Figure()
    scatter = go.Scatter if len(points) <= SVG_MAX_POINTS else go.Scattergl
    if coloured and labels is not None:
        for k, name in enumerate(names):
            sel = labels == k
            label = escape(name)
            fig.add_trace(scatter(
                x=points[sel, 0], y=points[sel, 1], mode="markers", name=label, legendgroup=str(k),
                marker=dict(color=colour(k), symbol=symbol(k), size=8, line=dict(width=0.5, color="white")),
                hovertemplate=f"{label}<br>x=%{{x:.3f}}<br>y=%{{y:.3f}}<extra></extra>",
            ))
            if show_ellipses and truth is not None:
                for n_sd, dash in ((1.0, "solid"), (2.0, "dot")):
                    fig.add_trace(ellipse_trace(truth[k].mean, truth[k].cov, n_sd, name=f"{label}, {n_sd:g} sd",
                                                line_colour=colour(k), dash=dash, legendgroup=str(k)))
    else:
        fig.add_trace(scatter(
            x=points[:, 0], y=points[:, 1], mode="markers", name="points",
            marker=dict(color=NEUTRAL, size=8, line=dict(width=0.5, color="white")),
            hovertemplate="x=%{x:.3f}<br>y=%{y:.3f}<extra></extra>",
        ))
    fig.update_layout(showlegend=coloured and labels is not None)
    return _base_layout(fig)


def kmeans_scatter(points: np.ndarray, true_components: Sequence[GaussianComponent] | None,
                   centres: np.ndarray, labels: np.ndarray, comparison: FitComparison | None) -> go.Figure:
    """k-means' hard clusters: every point fully in its cluster's colour and shape (no blending),
    the centres as crosses, points whose cluster is not their true group ringed.

    Parameters
    ----------
    points : array of shape (N, 2)
    true_components : the truth's ellipses (thin dotted grey), or None
    centres : array of shape (K, 2)
    labels : int array of shape (N,), each point's cluster
    comparison : FitComparison of these clusters against the truth, or None (colours in cluster order)
    """
    k = len(centres)
    colour_index = comparison.numbers if comparison is not None else np.arange(k)
    fig = go.Figure()
    for comp in true_components or ():
        fig.add_trace(ellipse_trace(comp.mean, comp.cov, 2.0, name="true groups (2 sd)", line_colour="#888",
                                    dash="dot", legendgroup="true"))
    if true_components:
        fig.data[0].showlegend = True
    scatter = go.Scatter if len(points) <= SVG_MAX_POINTS else go.Scattergl
    for j in range(k):
        sel = labels == j
        c = int(colour_index[j])
        fig.add_trace(scatter(
            x=points[sel, 0], y=points[sel, 1], mode="markers", name=f"cluster {j + 1}",
            marker=dict(color=colour(c), symbol=symbol(c), size=8, line=dict(width=0.5, color="white")),
            hovertemplate=f"cluster {j + 1}<br>x=%{{x:.3f}}<br>y=%{{y:.3f}}<extra></extra>",
        ))
    if comparison is not None and comparison.wrong.any():
        wrong = comparison.wrong
        fig.add_trace(scatter(
            x=points[wrong, 0], y=points[wrong, 1], mode="markers", name="k-means disagrees with truth",
            marker=dict(symbol="circle-open", size=16, color="#b00020", line=dict(width=2)), hoverinfo="skip",
        ))
    fig.add_trace(go.Scatter(
        x=centres[:, 0], y=centres[:, 1], mode="markers+text", name="centres",
        text=[f"centre {j + 1}" for j in range(k)], textposition="top center",
        marker=dict(symbol="x", size=16, color="#808080", line=dict(width=1.5, color="white")),
        textfont=dict(color="#808080"), hovertemplate="centre %{x:.3f}, %{y:.3f}<extra></extra>",
    ))
    return _base_layout(fig)


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


def loglik_figure(log_likelihoods: Sequence[float], current: int) -> go.Figure:
    """Mean log-likelihood per point after each iteration (0 = the initial guess), current one marked."""
    ll = np.asarray(log_likelihoods, dtype=float)
    fig = go.Figure([
        go.Scatter(x=np.arange(ll.size), y=ll, mode="lines+markers", name="log-likelihood",
                   line=dict(color=NEUTRAL), hovertemplate="iteration %{x}: %{y:.4f}<extra></extra>"),
        go.Scatter(x=[current], y=[ll[current]], mode="markers", name="shown now",
                   marker=dict(size=14, color=colour(1), symbol="diamond", line=dict(width=1, color="#111"))),
    ])
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=30, b=10), xaxis_title="iteration",
                      yaxis_title="mean log-likelihood per point", showlegend=False, xaxis=dict(dtick=1 if ll.size <= 20 else None))
    return fig


def bic_figure(curve: dict[int, float], true_k: int) -> go.Figure:
    """BIC against the number of components; the lowest (best) is starred, the true K labelled."""
    ks = np.array(sorted(curve))
    values = np.array([curve[k] for k in ks])
    best = int(ks[np.argmin(values)])
    fig = go.Figure([
        go.Scatter(x=ks, y=values, mode="lines+markers", name="BIC", line=dict(color=NEUTRAL),
                   hovertemplate="K = %{x}: BIC %{y:.1f}<extra></extra>"),
        go.Scatter(x=[best], y=[curve[best]], mode="markers+text", name="best K", text=[f"best: K = {best}"],
                   textposition="top center",
                   marker=dict(size=16, symbol="star", color=colour(1), line=dict(width=1, color="#111"))),
    ])
    if true_k in curve:
        fig.add_vline(x=true_k, line=dict(color="#888", dash="dot"), annotation_text=f"true K = {true_k}")
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=30, b=10), xaxis_title="number of components K",
                      yaxis_title="BIC (lower is better)", showlegend=False, xaxis=dict(dtick=1))
    return fig


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
