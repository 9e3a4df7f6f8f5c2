"""Everything that calls Streamlit: widgets built from the settings, the pages' sections, the caches
(``st.cache_data``, ``st.cache_resource``), data loading, links and the router guard.

What these show is made by :mod:`mixgen_ui` (pure presentation) from :mod:`mixgen_core` (pure numpy).
"""
