"""The class round's presentation, pure: QR codes, the board's HTML and figure, the challenge's
difficulty in words, the links. Tested without a running app; nickname text always escaped.

The board is projected in a lecture hall: large type, the palette's colours, and every colour
doubled by a word, a number or a line style.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from html import escape
from typing import Any, Mapping, Sequence
from urllib.parse import urlencode

import plotly.graph_objects as go
import segno

from .figure_parts import figure
from .palette import COLOURS, NEUTRAL

#: Shown to the teacher when the class store is the embedded SQLite file.
SQLITE_NOTE = ("This round is kept in a file on this server. On Streamlit Community Cloud that file lasts "
               "while the app runs: enough for a class, but it is lost when the app restarts or sleeps.")
#: The one sentence a student sees when the class did not receive their result.
NOT_SENT = "Your guess is checked, but the class did not receive it{reason}."
#: Answers listed by nickname on the board.
BEST_SHOWN = 5
#: Colours of the board's marks: the class, the machine, the best possible (with dashes to tell them apart).
CLASS_COLOUR, MACHINE_COLOUR, BEST_COLOUR = COLOURS[0], COLOURS[3], COLOURS[2]


def qr_png(url: str, scale: int = 8) -> bytes | None:
    """A QR code of ``url`` as PNG bytes (medium error correction, a quiet zone of 4 modules), or None
    when the link is longer than any QR code holds (about 2,300 characters: a scenario with many long
    words can make one)."""
    try:
        code = segno.make(url, error="m")
    except segno.DataOverflowError:
        return None
    out = io.BytesIO()
    code.save(out, kind="png", scale=scale, border=4, dark="#000000", light="#ffffff")
    return out.getvalue()


def page_link(base: str, page: str, params: Mapping[str, Any]) -> str:
    """``base/page?params`` with every value URL-encoded."""
    query = urlencode({k: str(v) for k, v in params.items()})
    return f"{base}/{page}" + (f"?{query}" if query else "")


def machine_with_k(name: str, k: int) -> str:
    """The machine's name with how many Gaussians it fits, the noun agreeing with the number."""
    return f"{name} with {k} Gaussian{'s' if k != 1 else ''}"


def difficulty_sentence(best: float | None, machine: float | None, machine_name: str, unit: str) -> str:
    """How hard the scenario is, from its facts: Bayes' rule's score with the truth known (the most a
    rule naming each one's source can expect) and the machine's from the data alone. ``unit``: "points"
    or "words"."""
    if best is None:
        return "There is nothing to score in this scenario yet."
    text = (f"Even knowing the truth, Bayes' rule puts **{best:.0%}** of these {unit} in their right group: "
            "no rule naming each one's source can expect more.")
    if machine is not None:
        text += f" {machine_name}, from the {unit} alone, gets **{machine:.0%}**."
    if best >= 0.98:
        text += " Hardly any overlap: a careful student can get nearly every one right."
    elif best < 0.85:
        text += f" Heavy overlap: **{1 - best:.0%}** of these {unit} are misplaced even by Bayes' rule."
    return text


def counts_html(joined: int, answered: int, ended: bool) -> str:
    """Joined and answered in large type, for a projector."""
    state = "Round ended: no more answers" if ended else "Round open: answers arrive as students check"
    box = ('<div style="display:inline-block;margin:0 2.5rem 0.5rem 0"><div style="font-size:3.2rem;'
           'font-weight:700;line-height:1">{n}</div><div style="font-size:1.4rem">{what}</div></div>')
    return ('<div role="status" aria-live="polite">'
            + box.format(n=int(joined), what="joined") + box.format(n=int(answered), what="answered")
            + f'<div style="font-size:1.2rem">{escape(state)}</div></div>')


def accuracy_figure(accuracies: Sequence[float], marks: Sequence[tuple[str, float]]) -> go.Figure:
    """The class's accuracies as a histogram (10-point bins), with vertical lines for the machine's
    and the best possible score (``marks``: (label, value), drawn dashed and dotted, named in the legend)."""
    data = [{"type": "histogram", "x": [100 * a for a in accuracies], "xbins": {"start": 0, "end": 100.001, "size": 10},
             "marker": {"color": CLASS_COLOUR, "line": {"color": "#ffffff", "width": 2}}, "name": "students",
             "hovertemplate": "%{x}%: %{y} students<extra></extra>"}]
    styles = [(MACHINE_COLOUR, "dash"), (BEST_COLOUR, "dot"), (NEUTRAL, "dashdot")]
    for (label, value), (col, dash) in zip(marks, styles):
        data.append({"type": "scatter", "x": [100 * value, 100 * value], "y": [0, 1], "yaxis": "y2", "mode": "lines",
                     "line": {"color": col, "dash": dash, "width": 5}, "name": f"{label}: {value:.0%}",
                     "hoverinfo": "name"})
    layout = {
        "font": {"size": 22}, "bargap": 0.05, "height": 480, "margin": {"l": 70, "r": 30, "t": 110, "b": 80},
        "xaxis": {"title": {"text": "accuracy (% right)"}, "range": [0, 102], "dtick": 10, "ticksuffix": "%"},
        "yaxis": {"title": {"text": "students"}, "rangemode": "tozero", "tickformat": "d",
                  "dtick": max(1, math.ceil(_tallest_bin(accuracies) / 6))},
        "yaxis2": {"overlaying": "y", "range": [0, 1], "visible": False},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
    }
    return figure(data, layout)


def _tallest_bin(accuracies: Sequence[float]) -> int:
    """Students in the fullest 10-point bin (the histogram's height)."""
    return max(Counter(min(9, int(10 * a)) for a in accuracies).values(), default=1)


def groups_html(k_guesses: Sequence[int], k_true: int | None, k_bic: int | None) -> str:
    """How many groups the class saw, one row per answer given, beside the truth and BIC's choice.
    The truth's row says "the truth" in words; BIC's says "BIC's choice"."""
    counts = Counter(int(k) for k in k_guesses)
    top = max(counts.values(), default=0)
    rows = []
    for k in sorted(set(counts) | ({k_true} if k_true else set()) | ({k_bic} if k_bic else set())):
        n = counts.get(k, 0)
        tags = [t for t, on in (("the truth", k == k_true), ("BIC's choice", k == k_bic)) if on]
        width = 0 if top == 0 else round(100 * n / top)
        tag = f'<br><strong>{escape(" and ".join(tags))}</strong>' if tags else ""
        rows.append(
            '<tr><th scope="row" style="text-align:right;padding:0.3rem 0.8rem 0.3rem 0;white-space:nowrap">'
            f'{k} group{"s" if k != 1 else ""}</th>'
            f'<td style="width:45%"><div style="background:{CLASS_COLOUR};height:1.6rem;width:{width}%"></div></td>'
            f'<td style="padding-left:0.8rem">{n} student{"s" if n != 1 else ""}{tag}</td></tr>')
    caption = "How many groups the class saw"
    return (f'<table style="font-size:1.4rem;border-collapse:collapse;width:100%"><caption style="text-align:left;'
            f'font-weight:700">{caption}</caption>{"".join(rows)}</table>')


def best_answers_html(rows: Sequence[Mapping[str, Any]], shown: int = BEST_SHOWN) -> str:
    """The best answers by nickname (ties: more groups right first, then alphabetical), escaped.
    Nicknames are isolated (``<bdi>``) so a right-to-left mark cannot reorder the line."""
    ranked = sorted(rows, key=lambda r: (-float(r["accuracy"]), -float(r.get("ari", -2)), str(r["nickname"])))
    items = []
    for r in ranked[:shown]:
        name = r["nickname"] or "(no nickname)"
        extra = f" · ARI {float(r['ari']):.2f}" if r.get("ari") is not None else ""
        items.append(f'<li style="margin:0.2rem 0"><bdi>{escape(name)}</bdi>: '
                     f'<strong>{float(r["accuracy"]):.0%}</strong>{escape(extra)}</li>')
    if not items:
        return '<p style="font-size:1.4rem">No answers yet.</p>'
    return f'<ol style="font-size:1.5rem;line-height:1.5">{"".join(items)}</ol>'


def best_label(document: str | None) -> str:
    """The best-possible mark's name: on the round's document for words (every student guesses it)."""
    if document:
        return f"best possible on {document} (Bayes' rule, dice known)"
    return "best possible (Bayes' rule, truth known)"


def spread_sentence(accuracies: Sequence[float], machine: float | None, machine_name: str) -> str:
    """The class against the machine, in one sentence true of the numbers on the board."""
    n = len(accuracies)
    if n == 0:
        return "No answers yet: the board fills in as students check their guesses."
    median = sorted(accuracies)[n // 2] if n % 2 else sum(sorted(accuracies)[n // 2 - 1: n // 2 + 1]) / 2
    text = f"{n} answer{'s' if n != 1 else ''}; the middle accuracy is {median:.0%}."
    if machine is not None:
        beat = sum(a > machine for a in accuracies)
        text += f" {beat} of {n} beat {machine_name} ({machine:.0%})."
    return text
