"""Screen sizes the browser tests open pages at, and the check that nothing overflows a phone's width."""

from __future__ import annotations

from harness.browser import wait_until_quiet

#: A phone (an iPhone 12-14) and a desktop window.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}
#: ``browser.new_context`` arguments for each screen.
SCREENS = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
}

# Widest element in the page (and in the main block container), and what sticks out past the viewport.
_OVERFLOW = """() => {
    const vw = window.innerWidth;
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const out = [];
    for (const el of (main || document.body).querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        // A slider's thumb holds a transparent range input wider than the thumb, which pokes
        // past the edge when the thumb sits near the right end: nothing of it shows.
        if (el.matches('[data-testid="stSlider"] input[type="range"]')) continue;
        if (r.right > vw + 1 || r.left < -1) {
            // A part that sticks out but sits in a box the reader can scroll sideways (a table, a
            // code block, the tab bar) is reachable; anything else past the edge is cut off
            // (Streamlit's containers hide overflow, so the page itself never scrolls sideways).
            let scrollable = false;
            for (let a = el.parentElement; a && a !== main; a = a.parentElement) {  // Streamlit's own page scroller does not count
                const s = getComputedStyle(a), ar = a.getBoundingClientRect();
                if (/(auto|scroll)/.test(s.overflowX) && ar.right <= vw + 1 && ar.left >= -1) { scrollable = true; break; }
            }
            if (!scrollable) out.push(`${el.tagName.toLowerCase()}[data-testid=${el.dataset.testid || ''}] `
                                   + `${Math.round(r.left)}..${Math.round(r.right)}: ${(el.innerText || '').slice(0, 60)}`);
        }
    }
    const scroller = document.querySelector('[data-testid="stMain"]');  // Streamlit scrolls this, not the document
    return {
        scrollWidth: Math.max(document.documentElement.scrollWidth, scroller ? scroller.scrollWidth : 0), innerWidth: vw,
        mainScrollWidth: main ? main.scrollWidth : null, mainClientWidth: main ? main.clientWidth : null,
        out: out.slice(0, 10),
    };
}"""


def _fits(m: dict) -> bool:
    return (m["mainScrollWidth"] is not None and m["scrollWidth"] <= m["innerWidth"]
            and m["mainScrollWidth"] <= m["mainClientWidth"] and not m["out"])


def assert_fits(page, name: str, settle_s: float = 3.0) -> None:
    # A tap leaves the pointer where it was: a table drawn under it then shows Streamlit's
    # hover toolbar, which pokes out to the left. Measure the page as it rests: a table whose
    # code has just loaded still lays itself out for a moment, its toolbar first placed as if the
    # table were narrow, so the page gets ``settle_s`` to fit; what still overflows then stays.
    page.mouse.move(PHONE["width"] - 1, 1)
    page.wait_for_timeout(300)
    wait_until_quiet(page)
    m = page.evaluate(_OVERFLOW)
    for _ in range(int(settle_s / 0.3)):
        if _fits(m):
            break
        page.wait_for_timeout(300)
        m = page.evaluate(_OVERFLOW)
    assert m["mainScrollWidth"] is not None, f"{name}: no main block container"
    assert m["scrollWidth"] <= m["innerWidth"], f"{name}: page is {m['scrollWidth']} px wide on a {m['innerWidth']} px phone: {m['out']}"
    assert m["mainScrollWidth"] <= m["mainClientWidth"], f"{name}: main block overflows: {m}"
    assert not m["out"], f"{name}: elements stick out past the screen: {m['out']}"
