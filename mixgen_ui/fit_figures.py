"""Plotly figures for reasoning back on the Gaussian-mixture page: EM's fit against the truth."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from mixgen_core import FitComparison, GaussianComponent, GMMParams

from .gaussian_figures import _base_layout, ellipse_trace
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
    true_components: Sequence[GaussianComponent],
    params: GMMParams,
    resp: np.ndarray,
    comparison: FitComparison,
) -> go.Figure:
    """Points coloured by EM's current responsibilities, fitted ellipses over the true ones.

    Parameters
    ----------
    points : array of shape (N, 2)
    true_components : sequence of GaussianComponent (thin dotted grey ellipses)
    params : GMMParams with K components (dashed coloured ellipses, ✕ at the means)
    resp : array of shape (N, K), rows sum to 1
    comparison : FitComparison of this state against the truth
        Its ``numbers`` colour each fitted component like the true one it is matched to;
        points it marks ``wrong`` (best fitted component not their true one) are ringed.
    """
    colour_index, disagree = comparison.numbers, comparison.wrong
    fig = go.Figure()
    for comp in true_components:
        fig.add_trace(ellipse_trace(comp.mean, comp.cov, 2.0, name="true Gaussians (2 sd)", line_colour="#888",
                                    dash="dot", legendgroup="true"))
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
                    match: np.ndarray) -> dict[str, list]:
    """True and fitted parameters side by side, one row per true component (aligned).

    Returns a column -> values mapping for ``st.dataframe``.
    """
    total = sum(c.count for c in true_components) or 1
    rows: dict[str, list] = {k: [] for k in ("Gaussian", "true weight", "fitted weight", "true mean",
                                             "fitted mean", "true variances", "fitted variances",
                                             "true correlation", "fitted correlation")}
    for i, comp in enumerate(true_components):
        j = int(match[i])
        rows["Gaussian"].append(f"{component_name(i)} ↔ fit {j + 1}" if j >= 0 else f"{component_name(i)} (no fit left)")
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
