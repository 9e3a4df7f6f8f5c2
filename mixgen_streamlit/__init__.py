"""mixgen's Streamlit code: widgets, sections and caches that call Streamlit (the pure presentation is in mixgen_ui)."""
