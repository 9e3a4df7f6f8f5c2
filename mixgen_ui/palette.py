"""The app's own colours and marker shapes. Only these ever reach a ``style`` attribute."""

from __future__ import annotations

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Ordered so the
# first few have good contrast on both light and dark backgrounds.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999")
#: Each colour in words, for those who cannot tell it by sight (a screen reader, a legend).
COLOUR_NAMES = ("blue", "orange", "green", "red-orange", "pink", "sky blue", "yellow", "grey")
# A second cue besides colour: one marker shape per component (all supported by WebGL).
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "triangle-down")
#: Each marker shape in words, plural ("blue circles").
SYMBOL_NAMES = ("circles", "squares", "diamonds", "triangles", "crosses (x)", "plus signs", "stars",
                "upside-down triangles")
# The "all one colour" view of the worksheet's second plot.
NEUTRAL = "#5B6C8F"


def colour(i: int) -> str:
    """Colour of component or topic ``i``."""
    return COLOURS[i % len(COLOURS)]


def symbol(i: int) -> str:
    """Marker shape of component ``i``."""
    return SYMBOLS[i % len(SYMBOLS)]


def look(i: int) -> str:
    """Component ``i``'s colour and marker shape in words: "blue circles"."""
    return f"{COLOUR_NAMES[i % len(COLOURS)]} {SYMBOL_NAMES[i % len(SYMBOLS)]}"


def component_name(i: int) -> str:
    """The name people see for component ``i``, counting from 1 as the worksheet does."""
    return f"Gaussian {i + 1}"
