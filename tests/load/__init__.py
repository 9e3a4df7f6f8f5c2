"""Load tools without browsers: Streamlit's websocket protocol as ``bench/protocol.py`` speaks it,
the Locust load generator, and replicas behind nginx (``bench/replicas.py``)."""
