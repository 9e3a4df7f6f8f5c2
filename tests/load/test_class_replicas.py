"""A replica lost mid-round (two replicas behind nginx, PostgreSQL shared): the student reconnects
to the other replica, the round and every result already sent are intact, and the student's next
check there (their membership rides in the page's URL) replaces their row: still one row each."""

from __future__ import annotations

import os

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from harness.protocol import Session
from harness.replicas import cluster
from harness.servers import stop
from mixgen_classroom import open_store


@pytest.fixture(scope="module")
def shared_db(postgres):
    old = os.environ.get("MIXGEN_DATABASE_URL")
    os.environ["MIXGEN_DATABASE_URL"] = postgres.url  # the replicas started below inherit it
    try:
        yield postgres.url
    finally:
        if old is None:
            os.environ.pop("MIXGEN_DATABASE_URL", None)
        else:
            os.environ["MIXGEN_DATABASE_URL"] = old


def join_and_check(s: Session, code: str, nickname: str):
    s.open("/join", f"code={code}")
    nick = s.widget("class_nickname")
    join = next(el.button.id for _, el in s.last.elements
                if el.WhichOneof("type") == "button" and el.button.label == "Join")
    run = s.rerun(WidgetState(id=nick.id, string_value=nickname), WidgetState(id=join, trigger_value=True))
    assert "g_guess_k_challenge" in run.widgets, (run.status, run.exceptions)
    assert s.set_number("g_guess_k_challenge", 3).ok  # how many Gaussians they see: the guess starts there
    run = s.click("g_guess_check")
    assert run.ok, (run.status, run.exceptions)
    return run


def by_nickname(rows):
    return {row["nickname"]: row for row in rows}


def test_a_replica_lost_mid_round_keeps_the_round_and_every_result(shared_db):
    store = open_store(shared_db)
    r = store.open_round(scenario="gaussians?g_challenge=true&g_seed=5")
    with cluster(2) as (proxy, procs):
        students = [Session(proxy.url, timeout=90) for _ in range(4)]
        try:
            for i, s in enumerate(students):
                join_and_check(s, r.code, f"student {i}")
            before = by_nickname(store.board(r.code, r.teacher_key))
            assert sorted(before) == [f"student {i}" for i in range(4)]
            assert all(row["k_guess"] == 3 for row in before.values())
            # The membership is in the page's URL, as the browser keeps it.
            ada = students[0]
            assert f"round={r.code}" in ada.query_string and "student=" in ada.query_string
            # The first student's replica stops.
            lost = ada.upstream
            stop(next(p for p, addr in procs if addr == lost))
            after = ada.reconnect()
            assert after.ok and ada.upstream != lost
            # The round and every result already sent are intact.
            assert not store.round_info(r.code).ended
            assert by_nickname(store.board(r.code, r.teacher_key)) == before
            # Their next check, on the surviving replica (a new session there), replaces their row.
            assert ada.set_number("g_guess_k_challenge", 2).ok
            run = ada.click("g_guess_check")
            assert run.ok, (run.status, run.exceptions)
            state = store.board_state(r.code, r.teacher_key)
            assert state.answered == 4 and state.joined == 4
            now = by_nickname(state.rows)
            assert now["student 0"]["k_guess"] == 2
            assert {k: v for k, v in now.items() if k != "student 0"} == {
                k: v for k, v in before.items() if k != "student 0"}
        finally:
            for s in students:
                s.close()
    store.close()


def test_deploy_files_give_the_replicas_a_shared_postgresql():
    import yaml

    from harness.servers import ROOT
    compose = yaml.safe_load((ROOT / "deploy/compose.yaml").read_text())
    db = compose["services"]["db"]
    assert db["image"].startswith("postgres:") and "healthcheck" in db
    for app in ("app1", "app2", "app3"):
        service = compose["services"][app]
        assert service["environment"]["MIXGEN_DATABASE_URL"].startswith("postgresql://")
        assert "@db:5432/" in service["environment"]["MIXGEN_DATABASE_URL"]
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
    docs = list(yaml.safe_load_all((ROOT / "deploy/k8s/postgres.yaml").read_text()))
    kinds = {d["kind"]: d for d in docs}
    assert {"Secret", "Service", "StatefulSet"} <= set(kinds)
    assert kinds["Service"]["metadata"]["name"] in kinds["Secret"]["stringData"]["url"]
    deployment = yaml.safe_load((ROOT / "deploy/k8s/deployment.yaml").read_text())
    (c,) = deployment["spec"]["template"]["spec"]["containers"]
    (env,) = [e for e in c["env"] if e["name"] == "MIXGEN_DATABASE_URL"]
    assert env["valueFrom"]["secretKeyRef"]["name"] == kinds["Secret"]["metadata"]["name"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "COPY mixgen_classroom/" in dockerfile and "COPY mixgen_streamlit/" in dockerfile
