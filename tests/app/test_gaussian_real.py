"""AppTest: real data on the Gaussian page (penguins, Old Faithful, an uploaded CSV)."""

import pytest

from tests import ROOT
from tests.app.helpers import button, by_key, link_notice, metric, open_link, open_page, plotly_specs

UPLOADS = ROOT / "tests" / "uploads"


def data_page(source, **state):
    at = open_page("gaussians", **state)
    at.selectbox(key="g_data").set_value(source).run()
    assert not at.exception, at.exception
    return at


def upload(at, name, content):
    at.file_uploader(key="_g_upload").set_value((name, content, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_penguins_species_are_the_truth():
    at = data_page("Palmer penguins")
    assert metric(at, "Points") == "342"
    assert any("2 rows with a missing value left out" in c.value for c in at.caption)
    spec = plotly_specs(at)[0]
    assert [t["name"] for t in spec["data"]] == ["Adelie", "Gentoo", "Chinstrap"]
    assert spec["layout"]["xaxis"]["title"]["text"] == "Bill length (mm)"
    at.checkbox(key="g_ellipses").check().run()
    assert len(plotly_specs(at)[0]["data"]) == 9
    at.toggle(key="g_fit").set_value(True).run()
    button(at, "Run to convergence").click().run()
    assert int(metric(at, "Points agreeing with the truth").rstrip("%")) > 50  # species overlap: EM gets most, not all
    at.toggle(key="g_kmeans").set_value(True).run()
    names = {t.get("name") for s in plotly_specs(at) for t in s["data"]}
    assert "centres" in names and "true groups (2 sd)" in names  # k-means' chart too: species, not Gaussians
    assert "true Gaussians (2 sd)" not in names
    at.toggle(key="g_colour").set_value(False).run()
    assert at.toggle(key="g_guess") is not None


def test_penguins_axes_standardise_and_the_same_column_twice():
    at = data_page("Palmer penguins")
    at.selectbox(key="g_px").set_value("flipper_length_mm").run()
    at.selectbox(key="g_py").set_value("body_mass_g").run()
    spec = plotly_specs(at)[0]
    assert spec["layout"]["yaxis"]["title"]["text"] == "Body mass (g)"
    assert "scaleanchor" not in spec["layout"]["yaxis"]  # grams against millimetres: scales differ
    at.toggle(key="g_std").set_value(True).run()
    spec = plotly_specs(at)[0]
    assert spec["layout"]["yaxis"]["title"]["text"] == "Body mass (g) (standardised)"
    assert any("standard deviations" in c.value for c in at.sidebar.caption)
    at.selectbox(key="g_py").set_value("flipper_length_mm").run()
    assert not at.exception and at.error and "two different" in at.error[0].value


def test_penguins_guess_mode_scores_against_species():
    at = data_page("Palmer penguins", g_colour=False, g_guess=True)
    by_key(at.number_input, "g_guess_k").set_value(3).run()
    assert not at.exception
    assert any("came from the same group?** Say how many groups" in i.value for i in at.info)
    guess_axes = plotly_specs(at)[0]["layout"]
    assert guess_axes["xaxis"]["title"]["text"] == "Bill length (mm)" and "scaleanchor" not in guess_axes["yaxis"]
    button(at, "Check my guess").click().run()
    assert not at.exception, at.exception
    assert any(m.label == "Your accuracy" for m in at.metric)
    _, truth, checked = plotly_specs(at)  # the guess, then the truth beside the checked guess
    assert [t["name"] for t in truth["data"]] == ["Adelie", "Gentoo", "Chinstrap"]
    assert [t["name"] for t in checked["data"]][-1] == "in the wrong group (or none)"
    for spec in (truth, checked):
        assert spec["layout"]["xaxis"]["title"]["text"] == "Bill length (mm)"
        assert "scaleanchor" not in spec["layout"]["yaxis"]
    assert not any("Gaussian" in c.value for c in at.caption if "The truth" in c.value or "Your guess" in c.value)


def test_old_faithful_says_nobody_knows():
    at = data_page("Old Faithful")
    assert metric(at, "Points") == "272"
    assert any("Nobody knows the true groups: reasoning back is all there is." in i.value for i in at.info)
    assert not any(t.key in ("g_colour", "g_guess") for t in at.toggle)
    at.toggle(key="g_fit").set_value(True).run()
    assert not any(m.label == "Points agreeing with the truth" for m in at.metric)
    assert by_key(at.slider, "g_fit_k").value == 2
    at.toggle(key="g_kmeans").set_value(True).run()
    assert not at.exception and not any("agreeing" in m.label for m in at.metric)
    at.tabs  # BIC has no true K to mark
    at = data_page("Old Faithful", g_fit=True, g_fit_tab="Choosing K (BIC)")
    assert any(s["layout"]["xaxis"]["title"]["text"] == "number of components K" for s in plotly_specs(at))


def test_upload_pick_columns_fit_and_guess():
    at = data_page("Your own points (CSV)")
    assert any("Upload a CSV file" in i.value for i in at.info)
    rows = "\n".join(f"{'A' if i < 20 else 'B'},{(i % 20) / 10 + (0 if i < 20 else 8)},{i % 7}" for i in range(40))
    upload(at, "mine.csv", ("kind,length,mass\n" + rows + "\n").encode())
    assert metric(at, "Points") == "40"
    assert at.sidebar.selectbox[1].value == "length"
    spec = plotly_specs(at)[0]
    assert [t["name"] for t in spec["data"]] == ["A", "B"]
    at.toggle(key="g_fit").set_value(True).run()
    button(at, "Run to convergence").click().run()
    assert metric(at, "Points agreeing with the truth") == "100%"
    group = next(s for s in at.sidebar.selectbox if s.label.startswith("Group column"))
    group.set_value("(no group column)").run()
    assert not at.exception and not any(m.label == "Points agreeing with the truth" for m in at.metric)
    assert "_g_upload_table" in at.session_state


@pytest.mark.parametrize("name, content, fragment", [
    ("image.csv", (UPLOADS / "image.png").read_bytes(), "binary file"),
    ("latin1.csv", (UPLOADS / "latin1.csv").read_bytes(), "not UTF-8"),
    ("one.csv", b"x\n1\n2\n", "only one column"),
    ("header.csv", b"x,y\n", "no rows of data"),
    ("text.csv", b"x,y,z\na,b,c\n", "two columns of numbers"),
    ("nan.csv", b"x,y\n1,2\nnan,3\n", "NaN"),
    ("html.csv", b"<img src=x onerror=alert(1)>,y\n1,2\n3,4\n", None),
])
def test_bad_files_get_a_clear_message(name, content, fragment):
    at = data_page("Your own points (CSV)")
    upload(at, name, content)
    if fragment is None:  # a hostile column name is shown as text, never as HTML
        assert not at.error and metric(at, "Points") == "2"
        assert all("<img" not in h.value for h in at.get("html"))
        return
    assert at.error and fragment in at.error[0].value.replace("\\", ""), [e.value for e in at.error]


def test_bad_group_column_and_too_many_groups():
    at = data_page("Your own points (CSV)")
    rows = "\n".join(f"g{i},{i},{i * 2}" for i in range(12))
    upload(at, "groups.csv", ("name,x,y\n" + rows + "\n").encode())
    assert at.error and "more than 8 different values" in at.error[0].value.replace("\\", "")


def test_take_home_for_real_data():
    at = data_page("Palmer penguins")
    at.expander(key="g_home") if hasattr(at, "expander") else None
    at.session_state["g_home"] = True
    at.run()
    code = next(c.value for c in at.code if "palmerpenguins" in c.value)
    assert "load_penguins" in code and "'bill_length_mm'" in code


@pytest.mark.parametrize("params, fragment", [
    ({"g_data": "My secret file"}, "g_data"),
    ({"g_data": "Palmer penguins", "g_px": "<script>"}, "g_px"),
    ({"g_data": "Palmer penguins", "g_py": "beak"}, "g_py"),
    ({"g_data": "Old Faithful", "g_std": "2"}, "g_std"),
])
def test_hostile_data_links_give_a_notice(params, fragment):
    at = open_link(**params)
    assert fragment in link_notice(at)
    assert plotly_specs(at)


def test_upload_link_reopens_the_prompt_and_says_it_carries_no_data():
    at = open_link(g_data="Your own points (CSV)")
    assert len(at.file_uploader) == 1 and any("Links never carry uploaded data" in i.value for i in at.info)
    assert any("does not carry your uploaded file" in c.value for c in at.main.caption)


@pytest.mark.parametrize("source", ["Generated (the settings below)", "Palmer penguins", "Your own points (CSV)"])
def test_sidebar_shows_no_stray_values(source):
    at = data_page(source)
    assert not any(m.value in ("None", "null") for m in at.sidebar.markdown)
    assert not at.get("json") and not any(getattr(e, "value", None) is None and e.type == "markdown"
                                          for e in at.sidebar.markdown)
