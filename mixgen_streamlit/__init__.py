"""Code that calls Streamlit: page sections, kept apart from the pure presentation in mixgen_ui."""
