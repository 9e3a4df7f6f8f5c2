"""Load tools without browsers: Streamlit's websocket protocol as ``harness/protocol.py`` speaks it,
the Locust load generator, and replicas behind nginx (``harness/replicas.py``)."""
