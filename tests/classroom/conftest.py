"""The class store's backends: SQLite in a temporary file, and the real PostgreSQL server of the
test session (the ``postgres`` fixture in ``tests/conftest.py``), emptied before each test."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from mixgen_classroom import open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/class.db"
    server = request.getfixturevalue("postgres")
    # Every test starts from empty tables (the cluster lives for the whole session).
    engine = sa.create_engine(server.url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS mixgen_answers, mixgen_rounds")
    engine.dispose()
    return server.url


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()
