"""Bad input shared by the tests: hostile text typed or linked into the app (each must show literally and
inject nothing), and documents every topic function refuses."""

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

#: Documents every topic function refuses (the corpus is checked in one place), and the message's words:
#: ``(documents, extra keyword arguments, message)``, for ``pytest.mark.parametrize``.
BAD_DOCUMENTS = [
    ([], {}, "no documents"),
    ([[], []], {}, "All documents are empty"),
    ("cake orc", {}, "list of documents"),
    (["cake orc"], {}, "single string"),
    ([["cake", 3]], {}, "must be text"),
    ([["cake", ""]], {}, "empty word"),
    ([["cake", None]], {}, "None"),
    ([["cake", ["orc"]]], {}, "must be text"),
    ([["cake"], {"orc": 1}], {}, "Document 2 must be a list"),
    ([["cake", "x" * 10_001]], {}, "at most 10,000 characters"),
    ([["cake", "orc"]], {"n_topics": 3}, "at most 2 topics"),
    ([["a", "b"]], {"n_topics": 0}, "at least 1"),
    ([["a", "b"]], {"n_topics": 9}, "at most 8"),
]
