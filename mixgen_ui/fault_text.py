"""What a visitor reads when a page fails: what happened, in plain words, and what to try."""

FAULT_MESSAGE = (
    "Sorry, this page ran into a problem it could not handle. "
    "Reload the page to try again, or open another page from the menu."
)
