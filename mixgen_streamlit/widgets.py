"""Widgets built from their declarations (:class:`mixgen_ui.settings.Setting`), bound to the URL."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import streamlit as st

from mixgen_ui.settings import PageSettings, Setting

_SETTING_FIELDS = {f.name for f in fields(Setting)}

URL = {"bind": "query-params"}


def show(where: Any, s: Setting, **overrides: Any) -> Any:
    """Build setting ``s``'s widget in ``where`` (``st``, a column, the sidebar) and return its value.

    Whole numbers come back as ``int``. ``overrides`` that name a field of the setting change
    it for this run (``default=k``, ``hi=fit.n_iter``, ``options=`` the ones in use); the rest
    go to the widget (``disabled``, ``on_change``...).
    """
    changes = {k: v for k, v in overrides.items() if k in _SETTING_FIELDS}
    if changes:  # a replaced dataclass is checked again: only when something changes
        s = replace(s, **changes)
    overrides = {k: v for k, v in overrides.items() if k not in _SETTING_FIELDS}
    kw: dict[str, Any] = {"key": s.key, "help": s.help, **({} if s.widget == "" else URL), **s.extra, **overrides}
    if s.widget == "slider":
        lo, hi, value = (int(s.lo), int(s.hi), int(s.default)) if s.kind == "int" else (s.lo, s.hi, s.default)
        step = int(s.step) if s.kind == "int" and s.step else s.step
        return where.slider(s.label, lo, hi, value=value, step=step, **kw)
    if s.widget == "number":
        if s.kind == "int":  # a float box shown without decimals: see Setting.stored
            kw.setdefault("format", "%.0f")
            return int(round(where.number_input(s.label, float(s.lo), float(s.hi), value=float(s.default),
                                                step=float(s.step or 1), **kw)))
        return where.number_input(s.label, s.lo, s.hi, value=float(s.default), step=s.step, **kw)
    if s.widget == "toggle":
        return where.toggle(s.label, value=s.default, **kw)
    if s.widget == "checkbox":
        return where.checkbox(s.label, value=s.default, **kw)
    if s.widget in ("text", "text_area"):
        build = where.text_input if s.widget == "text" else where.text_area
        return build(s.label, value=s.default, max_chars=s.max_chars, **kw)
    if s.widget == "select":
        return where.selectbox(s.label, s.options, index=s.options.index(s.default), **kw)
    if s.widget == "select_slider":
        return where.select_slider(s.label, s.options, value=s.default, **kw)
    if s.widget == "radio":
        return where.radio(s.label, s.options, index=s.options.index(s.default), horizontal=True, **kw)
    raise ValueError(f"Setting {s.key} is laid out by its page, not by show().")


def tabs(where: Any, s: Setting) -> dict[Any, Any]:
    """Tabs for a choice setting (bound to the URL, so they run lazily): ``{option: tab}``."""
    return dict(zip(s.options, where.tabs(list(s.options), key=s.key, **URL)))


def write(page: PageSettings, **values: Any) -> None:
    """Write settings of ``page`` from a button or menu (as their widgets keep them: see
    :meth:`PageSettings.values_for_state`)."""
    st.session_state.update(page.values_for_state(values))
