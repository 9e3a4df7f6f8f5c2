"""The live-app harness shared by ``tests/`` and ``bench/``: Streamlit servers on loopback
(``servers``, ``empty_app``), Debian's Chromium and a page's websocket watcher (``browser``), the
browser load driver (``load_driver``), a client of Streamlit's websocket protocol (``protocol``),
replicas behind nginx (``replicas``), and a throwaway PostgreSQL server (``postgres``). It imports
neither ``tests`` nor ``bench``.
"""
