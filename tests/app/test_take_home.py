"""AppTest: the code shown on a page, run in a fresh Python, reproduces exactly what the page shows."""

import csv
import io
import json
import subprocess
import sys

import numpy as np

from tests.app.helpers import by_key, decoded, open_page, plotly_specs
from mixgen_ui.topic_settings import TABS


def run_snippet(code: str, expression: str):
    """Run ``code`` as a script in a fresh Python and return ``expression`` evaluated at its end."""
    tail = f"\nimport json\nprint('RESULT ' + json.dumps({expression}))"
    out = subprocess.run([sys.executable, "-c", code + tail], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    (line,) = [l for l in out.stdout.splitlines() if l.startswith("RESULT ")]
    return json.loads(line[len("RESULT "):])


def test_take_home_is_only_made_when_opened():
    closed = open_page("gaussians")
    assert not closed.get("download_button") and not [c for c in closed.code if "default_rng" in c.value]
    opened = open_page("gaussians", g_home=True)
    assert len(opened.get("download_button")) == 1 and [c for c in opened.code if "default_rng" in c.value]
    closed = open_page("topics", t_tab=TABS[2])
    assert not closed.get("download_button")
    assert len(open_page("topics", t_tab=TABS[2], t_home=True).get("download_button")) == 2


def test_gaussian_code_on_the_page_reproduces_the_plotted_points():
    at = open_page("gaussians", g_home=True)
    by_key(at.number_input, "g_seed").set_value(7).run()
    by_key(at.slider, "g_0_rho").set_value(0.6).run()
    (code,) = [c.value for c in at.code if "default_rng" in c.value]
    points = np.array(run_snippet(code, "points.tolist()"))
    shown = [t for t in plotly_specs(at)[0]["data"] if t.get("mode") == "markers"]
    xs = np.concatenate([decoded(t["x"]) for t in shown])
    ys = np.concatenate([decoded(t["y"]) for t in shown])
    np.testing.assert_array_equal(points, np.column_stack([xs, ys]))


def test_topic_code_on_the_page_reproduces_the_documents():
    at = open_page("topics", t_tab=TABS[2], t_home=True)
    by_key(at.toggle, "t_dirichlet").set_value(True).run()
    by_key(at.text_input, "t_1_weights").input("1, 2, 3, 4, 5, 6, 7, 8").run()
    (code,) = [c.value for c in at.code if "default_rng" in c.value]
    words = run_snippet(code, "documents")
    shown = [b.proto.body for b in at.get("html") if "line-height:2.1" in b.proto.body]
    assert len(shown) == 3
    for doc_words, body in zip(words, shown):
        assert body.count("<bdi>") == len(doc_words)
        # The page shows the words in order, escaped, inside <bdi> tags.
        pieces = [p.split("</bdi>")[0] for p in body.split("<bdi>")[1:]]
        assert pieces == doc_words


def test_downloads_parse_and_match_the_sample():
    at = open_page("gaussians")
    from mixgen_core import preset_components, sample_gaussian_mixture
    from mixgen_ui.export import points_csv

    expected = sample_gaussian_mixture(preset_components("The worksheet's example"), np.random.default_rng(0))
    rows = list(csv.DictReader(io.StringIO(points_csv(expected))))
    assert [float(r["x"]) for r in rows] == expected.points[:, 0].tolist()
    assert [int(r["true_component"]) for r in rows] == (expected.labels + 1).tolist()
    shown = [t for t in plotly_specs(at)[0]["data"] if t.get("mode") == "markers"]
    assert np.array_equal(np.concatenate([decoded(t["x"]) for t in shown]), expected.points[:, 0])
