"""Concurrency: the web feedback path, the labeller, an ActivityWatch export ingest and a predict
(cold-start ``refresh_feed``) write one store at once, in threads and in separate processes, for a
bounded time. Every write is accounted for and no "database is locked" escapes.

The labels written here are of videos outside the candidates, so the cold start ranks by recency: the
sentence encoder (seconds per call on a busy 2-core machine) would eat the time box without adding writes.

(``tests/apps/test_concurrent_writers.py`` covers the app writers alone; this one spans the parts.)
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from vrdndi.store import Store

from .support import KINDS, WRITERS, recent_videos

RUN_FOR_S = 3.0
ROOT = Path(__file__).resolve().parents[2]


def _start_processes(store_path: Path, home: Path, workdir: Path) -> dict[str, subprocess.Popen]:
    procs = {}
    for kind in KINDS:
        procs[kind] = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.support", kind, str(store_path), str(home), str(workdir),
             f"proc-{kind}", str(RUN_FOR_S)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for kind, proc in procs.items():
        line = proc.stdout.readline().strip()
        assert line == "ready", f"{kind} process did not start: {line!r} {proc.stderr.read()[-2000:]}"
    return procs


def test_web_labeller_ingest_and_predict_share_one_store(vrdndi_home, tmp_path):
    store_path = vrdndi_home / "vrdndi.sqlite"
    with Store(store_path) as store:
        store.upsert_videos(recent_videos(30))
    procs = _start_processes(store_path, vrdndi_home, tmp_path)

    ledgers: dict[str, dict] = {}
    errors: list[BaseException] = []
    until = time.monotonic() + RUN_FOR_S

    def thread_body(kind: str) -> None:
        try:
            ledgers[f"thread-{kind}"] = WRITERS[kind](store_path, f"thread-{kind}", until, home=vrdndi_home,
                                                      workdir=tmp_path, offset_s=0)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=thread_body, args=(kind,), name=kind) for kind in KINDS]
    for proc in procs.values():  # the processes' clocks start with the threads'
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for kind, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{kind} process failed: {err[-3000:]}"
        assert "database is locked" not in err
        ledgers[f"proc-{kind}"] = json.loads(out.strip().splitlines()[-1])
    assert not errors, errors
    for name in [f"{w}-{k}" for w in ("thread", "proc") for k in KINDS]:
        assert any(ledgers[name].values()) and all(ledgers[name].values()), f"{name} never got to write"

    with Store(store_path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored_labels = {(lb.video_id, lb.kind, lb.source, lb.moment, lb.value) for lb in store.labels()}
        counts = store.counts()
        per_host = dict(store.conn.execute("SELECT host, COUNT(*) FROM app_events GROUP BY host").fetchall())
        runs = {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT run_id, moment, n_items FROM feed_runs")}
        feed_rows = dict(store.conn.execute("SELECT run_id, COUNT(*) FROM feed GROUP BY run_id").fetchall())

    # labels: every click and answer is there, and nothing else is
    written_labels = {tuple(lb) for name, ledger in ledgers.items() for lb in ledger.get("labels", [])}
    assert written_labels == stored_labels
    assert counts["labels"] == len(written_labels)
    # ingest: each export's rows, all of them, under its own host
    written_hosts = {h: n for ledger in ledgers.values() for h, n in ledger.get("hosts", {}).items()}
    assert written_hosts == per_host
    assert all(n == 40 for n in per_host.values())
    assert counts["app_events"] == 40 * len(written_hosts)
    # predict: one feed run per refresh, each with all its items
    written_runs = [run for ledger in ledgers.values() for run in ledger.get("runs", [])]
    assert len(runs) == len(written_runs) == len({r[1] for r in written_runs})
    for run_id, moment, n_items, mode in written_runs:
        assert runs[run_id] == (moment, n_items) and mode == "cold-start"
        assert feed_rows.get(run_id, 0) == n_items > 0
    print(f"concurrency ledger: {len(written_labels)} labels, {len(written_hosts)} ingests "
          f"({counts['app_events']} events), {len(written_runs)} feed runs")


def _open_new_store_and_write(store_path: str, name: str, barrier, results) -> None:
    try:
        barrier.wait(timeout=60)
        with Store(store_path) as store:
            store.set(f"opened.{name}", name)
        results.put((name, "ok"))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        results.put((name, f"{type(exc).__name__}: {exc}"))


def test_four_commands_opening_a_new_store_at_once_all_succeed(tmp_path):
    """Each round: four processes released together open a store file that does not exist yet (schema
    creation and the switch to WAL race) and write one row. Before the fix 1-3 of the four failed in
    most rounds ("table videos already exists", "database is locked")."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    for round_no in range(6):
        store_path = tmp_path / f"new-{round_no}.sqlite"
        barrier, results = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open_new_store_and_write, args=(str(store_path), f"p{i}", barrier, results))
                 for i in range(4)]
        for proc in procs:
            proc.start()
        outcomes = dict(results.get(timeout=120) for _ in procs)
        for proc in procs:
            proc.join(timeout=60)
        assert outcomes == {f"p{i}": "ok" for i in range(4)}, f"round {round_no}: {outcomes}"
        with Store(store_path) as store:
            assert {k: store.get(k) for k in (f"opened.p{i}" for i in range(4))} == \
                {f"opened.p{i}": f"p{i}" for i in range(4)}
            assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
