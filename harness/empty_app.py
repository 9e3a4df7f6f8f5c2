"""The baseline for ``bench/bench_reruns.py``: a Streamlit page with one line of text."""

import streamlit as st

st.write("empty")
