"""Each page's settings, declared once: defaults, limits, presets and stored types agree."""

import pytest

from mixgen_core import GAUSSIAN_PRESETS, MAX_COMPONENTS
from mixgen_ui.gaussian_settings import GAUSSIANS, component_defaults, preset_values
from mixgen_ui.settings import MAX_SEED, PageSettings, Setting
from mixgen_ui.topic_settings import TOPICS
from mixgen_ui.settings import next_seed

PAGES = (GAUSSIANS, TOPICS)


def every_setting(page: PageSettings, count: int):
    yield from page.settings
    for i in range(count):
        for f in page.fields:
            yield page.item(i, f.key)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.prefix)
def test_every_default_is_a_value_its_own_link_check_accepts(page):
    for s in every_setting(page, 8):
        raw = str(s.default).lower() if s.kind == "bool" else str(s.default)
        assert s.problem(raw) is None, (s.key, s.default)
        if s.kind == "int":
            assert type(s.default) is int, s.key  # whole numbers are int, never float
        assert s.label or s.widget == "", s.key  # a widget says what it is


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.prefix)
def test_every_key_is_found_by_the_link_lookup(page):
    for s in every_setting(page, 8):
        found = page.lookup(s.key, 8)
        assert found is not None and found.kind == s.kind and found.hi == s.hi, s.key
    assert page.lookup(f"{page.prefix}_7_{page.fields[0].key}", 7) is None  # item 7 unused with 7 items
    assert page.lookup("nonsense", 8) is None


def test_whole_numbers_in_number_boxes_are_stored_as_floats_and_read_back_as_int():
    stored = GAUSSIANS.values_for_state({"g_seed": 5, "g_k": 4, "g_0_n": 7, "g_1_mx": 2})
    assert stored == {"g_seed": 5.0, "g_k": 4, "g_0_n": 7.0, "g_1_mx": 2.0}
    assert type(stored["g_k"]) is int and type(stored["g_seed"]) is float
    assert TOPICS.values_for_state({"t_ndocs": 200, "t_dirichlet": True}) == {"t_ndocs": 200.0, "t_dirichlet": True}


def test_one_seed_limit_everywhere():
    seeds = [s for p in PAGES for s in p.settings if s.key.endswith("seed")]
    assert {"g_seed", "g_fit_seed", "t_seed", "t_fit_seed"} <= {s.key for s in seeds}
    assert all(s.lo == 0 and s.hi == MAX_SEED and s.kind == "int" for s in seeds)
    assert next_seed(3) == 4 and type(next_seed(3)) is int
    assert next_seed(MAX_SEED) == 0


@pytest.mark.parametrize("name", list(GAUSSIAN_PRESETS))
def test_a_preset_is_one_update_of_declared_settings_within_their_limits(name):
    values = preset_values(name)
    state = GAUSSIANS.values_for_state(values)
    assert state["g_k"] == len(GAUSSIAN_PRESETS[name]) <= MAX_COMPONENTS
    for key, value in values.items():
        spec = GAUSSIANS.lookup(key, values["g_k"])
        assert spec is not None and spec.problem(str(value)) is None, (key, value)


def test_the_worksheet_is_the_first_three_defaults():
    assert [component_defaults(i)["mx"] for i in range(3)] == [1.0, 5.0, 1.0]
    assert component_defaults(3) != component_defaults(2)


def test_declaration_mistakes_are_refused():
    with pytest.raises(ValueError):
        Setting("x_a", "number", 0)
    with pytest.raises(ValueError):
        Setting("x_a", "choice", "c", options=("a", "b"))
    with pytest.raises(ValueError):
        PageSettings("x", (Setting("y_a", "bool", False),))


# --------------------------------------------------------------------------- a value read from the link
@pytest.mark.parametrize("raw, expected", [([], False), (["true"], True), (["TRUE"], True), (["false"], False),
                                           (["yes"], False), (["1"], False), (["<script>"], False),
                                           (["false", "true"], True)])
@pytest.mark.parametrize("flag", [GAUSSIANS["g_challenge"], TOPICS["t_challenge"]], ids=lambda s: s.key)
def test_both_challenge_flags_are_read_from_the_link_one_way(flag, raw, expected):
    assert flag.from_link(raw) is expected


@pytest.mark.parametrize("raw, expected", [([], 3), (["5"], 5), (["5.0"], 5), (["1e309"], 3), (["nan"], 3),
                                           (["-3"], 3), (["9"], 3), (["x"], 3), ([" 2 "], 2)])
def test_a_whole_number_from_the_link(raw, expected):
    value = GAUSSIANS["g_guess_k"].from_link(raw)
    assert value == expected and isinstance(value, int)


@pytest.mark.parametrize("key, raw, value", [
    ("t_k", "3", 3), ("t_k", "2.6", 3), ("t_k", "9", 2), ("t_k", "nan", 2), ("t_k", "x", 2),
    ("t_seed", "1e309", 0), ("t_seed", "７", 7), ("t_challenge", "True", True), ("t_challenge", "yes", False),
    ("t_tab", "<b>", TOPICS["t_tab"].default),
])
def test_link_values_follow_the_widgets(key, raw, value):
    assert TOPICS[key].from_link([raw]) == value


def test_a_hidden_field_from_the_link():
    assert GAUSSIANS.item(0, "mx").from_link(["2.5"]) == 2.5
    assert GAUSSIANS.item(0, "mx").from_link(["inf"]) == GAUSSIANS.item(0, "mx").default
    assert TOPICS.item(0, "name").from_link(["n" * 500]) == "n" * TOPICS.item(0, "name").max_chars


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.prefix)
def test_a_value_the_link_check_accepts_is_read_as_it_is(page):
    for s in every_setting(page, 8):
        raw = str(s.default).lower() if s.kind == "bool" else str(s.default)
        assert s.from_link([raw]) == s.default, s.key
