"""mixgen: the router and landing page. Run with ``streamlit run app.py``."""

import streamlit as st

from mixgen_streamlit import faults

st.set_page_config(page_title="mixgen: generative models", page_icon=":material/scatter_plot:", layout="wide")


def landing() -> None:
    st.title("mixgen: how data is generated, and how to reason back")
    st.write(
        "A **generative model** is a recipe for making data by chance. This app lets you run two "
        "recipes from the worksheet *Demo: generative models* and then ask the question it asks: "
        "if you only saw the result, could you tell how it was made? Then it reasons back, as the "
        "worksheet suggests, to the most likely recipe."
    )
    c1, c2 = st.columns(2)
    with c1, st.container(border=True):
        st.subheader("Points from Gaussians")
        st.write("Draw 2-D points from a mixture of Gaussians, colour them by source, hide the colours, "
                 "then let EM find the Gaussians again.")
        st.page_link(GUIDE_GAUSSIANS, label="Follow the worksheet, step by step", icon=":material/school:")
        st.page_link(GAUSSIANS, label="Explore freely", icon=":material/scatter_plot:")
    with c2, st.container(border=True):
        st.subheader("Words from topics")
        st.write("Roll dice with words on their sides to make documents, mix two topics word by word, "
                 "then infer where each word came from and learn the topics back.")
        st.page_link(GUIDE_TOPICS, label="Follow the worksheet, step by step", icon=":material/school:")
        st.page_link(TOPICS, label="Explore freely", icon=":material/casino:")
    st.caption("Every page keeps its settings in the address bar: copy the link to share exactly what you see.")


HOME = st.Page(landing, title="Home", icon=":material/home:", default=True)
GAUSSIANS = st.Page("pages/gaussians.py", title="Gaussian mixture", icon=":material/scatter_plot:", url_path="gaussians")
TOPICS = st.Page("pages/topics.py", title="Topic documents", icon=":material/casino:", url_path="topics")
GUIDE_GAUSSIANS = st.Page("pages/guide_gaussians.py", title="Guide: points from Gaussians", icon=":material/school:",
                          url_path="guide_gaussians")
GUIDE_TOPICS = st.Page("pages/guide_topics.py", title="Guide: words from topics", icon=":material/school:",
                       url_path="guide_topics")
CLASS_JOIN = st.Page("pages/class_join.py", title="Join a class round", icon=":material/login:", url_path="join")
CLASS_BOARD = st.Page("pages/class_board.py", title="Class board", icon=":material/leaderboard:", url_path="board")

# A flat list: Streamlit's sectioned sidebar nav nests <div>s in its <ul> (an axe "serious" violation).
# A fault in a page shows a short message, never a stack trace (mixgen_streamlit/faults.py).
faults.run_page(st.navigation([HOME, GUIDE_GAUSSIANS, GUIDE_TOPICS, GAUSSIANS, TOPICS, CLASS_JOIN, CLASS_BOARD]
                              + faults.pages_for_tests()))
