"""mixgen: the router and landing page. Run with ``streamlit run app.py``."""

import streamlit as st


st.set_page_config(page_title="mixgen: generative models", page_icon=":material/scatter_plot:", layout="wide")


def landing() -> None:
    st.title("mixgen: how data is generated, and how to reason back")
    st.write(
        "A **generative model** is a recipe for making data by chance. This app lets you run two "
        "recipes from the worksheet *Demo: generative models* and then ask the question it asks: "
        "if you only saw the result, could you tell how it was made?"
    )
    c1, c2 = st.columns(2)
    with c1:
        st.subheader("Points from Gaussians")
        st.write("Draw 2-D points from a mixture of Gaussians, colour them by source, then hide the colours.")
        st.page_link(GAUSSIANS, label="Open the Gaussian mixture", icon=":material/scatter_plot:")
    with c2:
        st.subheader("Words from topics")
        st.write("Roll dice with words on their sides to make documents, and mix two topics word by word.")
        st.page_link(TOPICS, label="Open the topic documents", icon=":material/casino:")


HOME = st.Page(landing, title="Home", icon=":material/home:", default=True)
GAUSSIANS = st.Page("pages/gaussians.py", title="Gaussian mixture", icon=":material/scatter_plot:", url_path="gaussians")
TOPICS = st.Page("pages/topics.py", title="Topic documents", icon=":material/casino:", url_path="topics")

st.navigation([HOME, GAUSSIANS, TOPICS]).run()
