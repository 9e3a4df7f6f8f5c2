"""A page's settings, each declared once: key, kind, default, limits, label and help.

Each setting's key is its session-state key and, for a widget bound with
``bind="query-params"``, its URL parameter. The same declaration builds the widget
(:mod:`mixgen_streamlit.widgets`), checks a shared link (:meth:`Setting.problem`), fills in a
preset and writes values from a button's callback (:meth:`PageSettings.values_for_state`),
so a reader who wants to know what ``g_fit_k`` is, what it may be and how it is shown finds
it in one line of the page's declaration (``gaussian_settings.py``, ``topic_settings.py``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping, Sequence

#: The one seed limit of the app: every seed box offers 0 to MAX_SEED (numpy accepts more;
#: 32 bits keep links short and are plenty for a class).
MAX_SEED = 2**32 - 1

_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
#: How :meth:`Setting.problem` ends when the link's value is dropped for the default.
_IGNORED = ", so the usual value is used instead"
#: How a setting may be shown; "" for one the page lays out itself (tabs, a step picker).
WIDGETS = ("slider", "number", "toggle", "checkbox", "text", "text_area", "select", "select_slider", "radio", "")


@dataclass(frozen=True)
class Setting:
    """One setting of a page.

    Attributes
    ----------
    key : str
        Session-state key and URL parameter (``g_fit_k``); for a per-item field, the
        field's name (``mx``) until :meth:`PageSettings.item` names it for item ``i``.
    kind : {"int", "float", "bool", "text", "choice"}
    default : the value before anyone changes it (an ``int`` for a whole number).
    label, help : what the widget says.
    lo, hi : limits of a number. step : a number widget's step.
    max_chars : longest text. options : a choice's options (their ``str`` in the URL).
    widget : how it is shown, one of ``WIDGETS``.
    """

    key: str
    kind: str
    default: Any
    label: str = ""
    help: str | None = None
    lo: float | None = None
    hi: float | None = None
    step: float | None = None
    max_chars: int | None = None
    options: tuple[Any, ...] = ()
    widget: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)  # further widget arguments (format, placeholder...)

    def __post_init__(self) -> None:
        if self.kind not in ("int", "float", "bool", "text", "choice") or self.widget not in WIDGETS:
            raise ValueError(f"Setting {self.key}: unknown kind {self.kind!r} or widget {self.widget!r}.")
        if self.kind == "choice" and self.default not in self.options:
            raise ValueError(f"Setting {self.key}: the default must be one of the options.")

    @property
    def choices(self) -> tuple[str, ...]:
        """A choice's options as they appear in the URL."""
        return tuple(str(o) for o in self.options)

    def stored(self, value: Any) -> Any:
        """``value`` as the widget keeps it in session state.

        A whole number typed into a box is kept as a float: Streamlit's integer
        ``number_input`` bound to the URL raises ``OverflowError`` for ``?key=inf`` before
        our code can step in; its float version ignores such values (see
        :func:`mixgen_streamlit.widgets.show`). Everywhere else whole numbers are ``int``.
        """
        if self.kind == "float" or (self.kind == "int" and self.widget == "number"):
            return float(value)
        if self.kind == "int":
            return int(value)
        return value

    def problem(self, raw: str) -> str | None:
        """What happens to the URL value ``raw`` when it is not used as it is, or None when it is fine."""
        ignored = _IGNORED
        if self.kind == "bool":
            return None if raw.lower() in ("true", "false") else "is not true or false" + ignored
        if self.kind == "choice":
            return None if raw in self.choices else "is not one of the options" + ignored
        if self.kind == "text":
            if self.max_chars is not None and len(raw) > self.max_chars:
                return f"is longer than {self.max_chars:,} characters, so it was cut"
            return None
        # Streamlit reads numbers the way Python's float() does ("５" is 5, " 3 " is 3).
        try:
            value = float(raw)
        except ValueError:
            return "is not a number" + ignored
        if not math.isfinite(value):
            return "is not a finite number" + ignored
        if (self.lo is not None and value < self.lo) or (self.hi is not None and value > self.hi):
            return f"is outside {_num(self.lo)} to {_num(self.hi)}" + ignored
        if self.kind == "int" and not value.is_integer():
            return "is not a whole number, so a whole number next to it is used"
        if not _PLAIN_NUMBER.match(raw):
            return f"was read as {value:g}"
        return None

    def from_link(self, raw_values: Sequence[str]) -> Any:
        """The value this setting's widget takes from a link, for a setting whose widget is not drawn.

        ``raw_values`` are every value the link gives the key (the last one counts). The default
        when there is none or when :meth:`problem` says it is ignored; otherwise text is cut to
        its length and a number rounded to a whole one as the notice says.
        """
        if not raw_values:
            return self.default
        raw = raw_values[-1]
        if (self.problem(raw) or "").endswith(_IGNORED):
            return self.default
        if self.kind == "bool":
            return raw.lower() == "true"
        if self.kind == "choice":
            return self.options[self.choices.index(raw)]
        if self.kind == "text":
            return raw[: self.max_chars] if self.max_chars is not None else raw
        value = float(raw)
        return int(round(value)) if self.kind == "int" else value


def _num(x: float | None) -> str:
    return "any" if x is None else f"{x:g}"


@dataclass(frozen=True)
class PageSettings:
    """Every setting of one page: page-wide ones, and fields repeated per item (Gaussian, topic).

    Attributes
    ----------
    prefix : str
        Start of every key of the page (``g``); item ``i``'s field ``f`` is ``<prefix>_<i>_<f>``.
    settings : tuple of Setting
        Page-wide settings.
    fields : tuple of Setting
        Per-item fields, keyed by field name; their ``default`` is a placeholder, the real
        one comes from ``item_defaults(i)``.
    count_key : str or None
        The page-wide setting that says how many items are in use.
    item_defaults : function from ``i`` to ``{field: default}``.
    """

    prefix: str
    settings: tuple[Setting, ...]
    fields: tuple[Setting, ...] = ()
    count_key: str | None = None
    item_defaults: Callable[[int], Mapping[str, Any]] | None = None

    def __post_init__(self) -> None:
        keys = [s.key for s in self.settings]
        if len(set(keys)) != len(keys) or not all(k.startswith(self.prefix + "_") for k in keys):
            raise ValueError(f"Settings of page {self.prefix!r} must have distinct keys starting {self.prefix}_.")
        object.__setattr__(self, "_items", {})  # item() is asked for the same fields on every run

    def __getitem__(self, key: str) -> Setting:
        for s in self.settings:
            if s.key == key:
                return s
        raise KeyError(key)

    def item(self, i: int, name: str) -> Setting:
        """Field ``name`` of item ``i``, with its own key and default."""
        if (i, name) not in self._items:
            spec = next(f for f in self.fields if f.key == name)
            assert self.item_defaults is not None
            self._items[i, name] = replace(spec, key=f"{self.prefix}_{i}_{name}", default=self.item_defaults(i)[name])
        return self._items[i, name]

    def lookup(self, key: str, count: int) -> Setting | None:
        """What URL parameter ``key`` may hold when ``count`` items are in use; None if unused."""
        for s in self.settings:
            if s.key == key:
                return s
        match = re.fullmatch(rf"{self.prefix}_([0-9])_([a-z]+)", key)
        if match and int(match.group(1)) < count:
            return next((f for f in self.fields if f.key == match.group(2)), None)
        return None

    def values_for_state(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """``{key: value}`` (whole numbers as ``int``) as the widgets keep them, ready for
        ``st.session_state.update``: the one way a preset or a button writes settings."""
        out = {}
        for key, value in values.items():
            match = re.fullmatch(rf"{self.prefix}_([0-9])_([a-z]+)", key)
            spec = self.item(int(match.group(1)), match.group(2)) if match else self[key]
            out[key] = spec.stored(value)
        return out


def seed_setting(key: str, help: str, label: str = "Random seed") -> Setting:
    """A seed box: 0 to ``MAX_SEED``, starting at 0."""
    return Setting(key, "int", 0, label, help, lo=0, hi=MAX_SEED, step=1, widget="number")


def next_seed(seed: int) -> int:
    """The seed after ``seed``, wrapping round after ``MAX_SEED``."""
    return (int(seed) + 1) % (MAX_SEED + 1)
