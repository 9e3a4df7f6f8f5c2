"""Code that calls Streamlit: the sections the pages show."""
