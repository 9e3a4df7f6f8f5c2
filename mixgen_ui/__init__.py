"""Presentation, without Streamlit: what the app shows, as pure functions of core results.

- Figures: ``figure_parts`` (plain-dict figures), ``palette``, ``gaussian_figures``, ``fit_figures``,
  ``guess_figures``, ``topic_figures``, ``topic_fit_figures``, ``gibbs_figures``.
- Escaped HTML and sentences: ``text``, ``highlight``, ``topic_text``, ``gibbs_view``; the pure halves of
  the guesses, ``guess_points`` and ``guess_words``; where EM starts, ``start_means``.
- Settings declarations and the link: ``settings``, ``gaussian_settings``, ``topic_settings``, ``url_params``.
- Exports and code to take home: ``export``, ``snippets``.
- Data read and parsed: ``datasets`` (the real data sets), ``uploads`` (a CSV file of points),
  ``text_uploads`` (typed text and .txt files), ``real_text`` (a real corpus for the topic fit).
- What a page's sections share: ``real_points`` (``PointsOnPage``, ``FitOnPage``), ``topic_corpus``
  (``CorpusOnPage``).

It never imports Streamlit (``tests/ui/test_purity.py`` checks), so all of it is tested without a
running app. Widgets, sections, caches and data loading are in :mod:`mixgen_streamlit`.
"""
