"""Every page and control through Streamlit's AppTest."""
