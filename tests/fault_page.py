"""A page that fails at its top level: registered by the router only when ``MIXGEN_FAULT_PAGE=1``
(the fault tests), so the catching of faults is tested on a real page run."""

import streamlit as st

st.title("A page that fails")
raise RuntimeError("a fault injected by the tests")
