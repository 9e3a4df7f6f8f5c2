# mixgen: one Streamlit replica. Build from the project root:
#   docker build -t mixgen .            then   docker run -p 8501:8501 mixgen
# Several replicas behind nginx with session affinity: deploy/compose.yaml, deploy/k8s/.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt .
RUN pip install -r requirements.txt

# A non-root user owns nothing but its home; the app's files stay read-only to it.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin mixgen

# Only what the app runs (.dockerignore keeps tests, bench, docs, the venv out of the context).
COPY .streamlit/ .streamlit/
COPY app.py ./
COPY mixgen_core/ mixgen_core/
COPY mixgen_ui/ mixgen_ui/
COPY mixgen_classroom/ mixgen_classroom/
COPY mixgen_streamlit/ mixgen_streamlit/
COPY pages/ pages/

USER mixgen
EXPOSE 8501

# slim has no curl: ask the health endpoint with Python.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status == 200 else 1)"]

CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", \
     "--server.headless=true", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
