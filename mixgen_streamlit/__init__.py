"""Everything that calls Streamlit, besides ``app.py`` and the page scripts in ``pages/``.

- Widgets and state: ``widgets`` (a setting's widget, settings written from a button), ``links``
  (the link's notices, a value read from it, the scenario link), ``router`` (pages run through ``app.py``).
- Caches: ``cached`` (fits, ``st.cache_data``), ``charts`` (finished figures), ``datasets`` (the real data
  sets, read once per server).
- The Gaussian page's sections: ``real_points`` (the data), ``guess_points`` (guess, then check),
  ``em_fit`` (EM fitted and replayed), ``em_start`` (where EM starts), ``kmeans_view`` (k-means beside EM).
- The topic page's sections: ``topic_corpus`` (its documents), ``topic_tabs`` (tabs 1, 2, 4 and 5),
  ``guess_words`` (guess, then check), ``learn_topics_section``, ``real_text_section``, ``gibbs_section``.
- The guides: ``guide`` (step picker, back and next).

What these show is made by :mod:`mixgen_ui` (pure presentation) from :mod:`mixgen_core` (pure numpy).
"""
