"""Shared test settings: the app's folder on the path, and a root for AppTest scripts."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
