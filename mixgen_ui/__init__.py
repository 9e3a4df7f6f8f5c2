"""Presentation helpers: plotly figures and HTML fragments, pure functions of core results."""
