"""The parts of mixgen that call Streamlit: sections, callbacks and cached fits the pages show."""
