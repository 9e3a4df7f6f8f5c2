"""Hostile text typed or linked into the app: each must show literally and inject nothing."""

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<style>body{display:none}</style>",
    "</span>",
    "[x](javascript:alert(1))",
    ":red[red]",
    "$x^2$",
]
#: Also hostile to layout and text direction, checked in the browser.
UNRULY = [
    "\u202eevil\u202c",  # right-to-left override
    "🎂🎈",
]
LONG_WORD = "w" * 10_000
