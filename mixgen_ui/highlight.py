"""HTML for documents whose words are highlighted by topic, safe for ``st.html``.

Every word and name is user text: it goes through ``html.escape`` and sits only between
tags, never inside an attribute. Colours come from :mod:`mixgen_ui.palette` alone.
"""

from __future__ import annotations

from html import escape
from typing import Sequence

from .palette import colour

# Dark text on a light tint of the topic colour keeps contrast above 4.5:1 in both themes.
_WORD = (
    "display:inline-block;margin:2px 3px;padding:1px 6px;border-radius:6px;"
    "line-height:1.6;overflow-wrap:anywhere;max-width:100%;color:#111;"
)
_PLAIN = _WORD + "background:#eef0f4;border:1px solid #c9ced8;"
_MARK = "font-size:0.7em;font-weight:700;margin-left:3px;vertical-align:super;"


def _tint(hex_colour: str) -> str:
    """The palette colour mixed 70% with white, as a CSS colour (our own values only)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(round(c + (255 - c) * 0.7) for c in (r, g, b)))


#: Longest word drawn in full inside a document; longer ones are cut (the die tab lists them whole).
SHOWN_WORD_CHARS = 60


def _shown(word: str) -> str:
    return word if len(word) <= SHOWN_WORD_CHARS else f"{word[: SHOWN_WORD_CHARS - 1]}… ({len(word):,} characters)"


def word_span(word: str, topic: int | None, *, shared: bool = False, wrong: bool = False) -> str:
    """One word: tinted and numbered by ``topic`` (0-based), or plain when ``topic`` is None.

    ``shared`` words (on several dice) get a dashed outline; ``wrong`` ones (inference
    disagrees with the truth) a cross mark. Neither relies on colour alone.
    """
    text = f"<bdi>{escape(_shown(word))}</bdi>"  # <bdi>: right-to-left text can't reorder its neighbours
    if topic is None:
        return f'<span style="{_PLAIN}">{text}</span>'
    border = "2px dashed #333" if shared else f"2px solid {colour(topic)}"
    style = f"{_WORD}background:{_tint(colour(topic))};border:{border};"
    marks = f'<span style="{_MARK}">{topic + 1}</span>'
    if wrong:
        marks += f'<span style="{_MARK}color:#b00020;">✗</span>'
    return f'<span style="{style}">{text}{marks}</span>'


def document_html(
    words: Sequence[str],
    topics: Sequence[int] | None,
    *,
    shared: frozenset[str] | set[str] = frozenset(),
    wrong: Sequence[bool] | None = None,
) -> str:
    """A document as flowing highlighted words.

    Parameters
    ----------
    words : sequence of str, length n
    topics : sequence of int, length n, or None
        The topic each word is coloured by; None hides all colours.
    shared : set of str
        Words that sit on more than one topic's die (outlined with dashes).
    wrong : sequence of bool, length n, optional
        Words to mark as wrongly inferred.
    """
    spans = (
        word_span(
            w,
            None if topics is None else int(topics[i]),
            shared=topics is not None and w in shared,
            wrong=bool(wrong[i]) if wrong is not None and topics is not None else False,
        )
        for i, w in enumerate(words)
    )
    return f'<div style="line-height:2.1;font-size:1.05rem;">{"".join(spans)}</div>'


def titled(title: str, body: str) -> str:
    """HTML ``body`` under a small title line (``title`` escaped): a document and the line that
    names it in one ``st.html``, one element on the page instead of two."""
    return f'<div style="font-size:0.875rem;margin:0.25rem 0 0.1rem;">{escape(title)}</div>{body}'


def legend_html(names: Sequence[str], *, show_shared: bool = True, indices: Sequence[int] | None = None) -> str:
    """The legend: each topic's number, colour and (escaped) name, plus the shared-word mark.

    ``indices`` gives the topics' positions (0-based) when not all topics are listed, so
    a legend for topic 2 alone still shows number 2 in topic 2's colour.
    """
    indices = range(len(names)) if indices is None else indices
    items = [
        f'<span style="{_WORD}background:{_tint(colour(k))};border:2px solid {colour(k)};">'
        f'<span style="{_MARK}margin-left:0;margin-right:4px;">{k + 1}</span><bdi>{escape(name)}</bdi></span>'
        for k, name in zip(indices, names)
    ]
    if show_shared:
        items.append(f'<span style="{_WORD}background:#fff;border:2px dashed #333;">on several dice</span>')
    return f'<div style="margin-bottom:0.4rem;">{"".join(items)}</div>'


def text_html(text: str) -> str:
    """Any user text shown literally (no markup, no markdown), e.g. the word a die rolled."""
    return f'<span style="overflow-wrap:anywhere;"><bdi>{escape(text)}</bdi></span>'
