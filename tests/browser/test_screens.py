"""The phone-width check itself: it fails on a page that sticks out, waits for one that settles, and
lets a wide table scroll inside its own box."""

from __future__ import annotations

import pytest

from tests.browser.screens import assert_fits

# Streamlit's page as the check sees it: its scroller and the main block container.
_PAGE = """<div data-testid="stMain" style="overflow:auto"><div data-testid="stMainBlockContainer"
    style="overflow:hidden; width:100%">{body}</div></div>"""


def _show(phone, body: str) -> None:
    # Streamlit's page declares the device's width; without it a phone lays a page out 980 px wide.
    phone.set_content("<meta name='viewport' content='width=device-width, initial-scale=1'>"
                      f"<body style='margin:0'>{_PAGE.format(body=body)}</body>")


def test_a_page_that_fits_passes(phone):
    _show(phone, "<p>Short words.</p><div style='overflow-x:auto'><div style='width:900px'>a wide table</div></div>")
    assert_fits(phone, "fits")


def test_an_element_past_the_edge_fails(phone):
    _show(phone, "<div style='width:600px'>cut off at the edge</div>")
    with pytest.raises(AssertionError, match="stick out|overflows|px wide"):
        assert_fits(phone, "too wide", settle_s=0.6)


def test_a_page_that_settles_in_time_passes(phone):
    # Wide for a moment, as a table's toolbar is while the table lays itself out.
    _show(phone, "<div id='w' style='width:600px'>for a moment</div>"
                 "<script>setTimeout(() => document.getElementById('w').style.width = '100px', 1500)</script>")
    with pytest.raises(AssertionError):  # measured at once, it is still wide
        assert_fits(phone, "settles", settle_s=0)
    assert_fits(phone, "settles")
