"""Presentation, without Streamlit: what the app shows, as pure functions of core results.

Figures (``*_figures``, ``figure_parts``, ``palette``), escaped HTML and sentences (``highlight``,
``topic_text``, ``text``, the pure halves of the guesses ``guess_points`` and ``guess_words``),
settings declarations and the link they read (``settings``, ``gaussian_settings``,
``topic_settings``, ``url_params``), exports and code snippets (``export``, ``snippets``), upload
parsing and the real data sets' readers (``uploads``, ``datasets``, ``real_text``), and the values a
page's sections share (``real_points.PointsOnPage``, ``topic_corpus.CorpusOnPage``).

It never imports Streamlit (``tests/ui/test_purity.py`` checks), so all of it is tested without a
running app. Widgets, sections, caches and data loading are in :mod:`mixgen_streamlit`.
"""
