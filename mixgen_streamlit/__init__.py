"""Everything that calls Streamlit: widgets, sections, caches and the router's helpers."""
