"""Bad input, exhaustively truncated and fuzzed, where ``tests/sources/test_properties.py`` stops:

- every byte prefix of valid Takeout, ActivityWatch export and labels CSV files (bytes, not characters:
  a cut inside a UTF-8 sequence too), and of a bigger generated AW export every 97 bytes;
- random bytes and text, and truncations, as the candidates CSV of predict;
- a corrupt, truncated or foreign checkpoint file given to ``load_scorer``;
- a store file that is not SQLite, opened directly and through the ``vrdndi`` command.

Each either works or raises one ``VrdndiError`` line; a failed import leaves the store as it was.
Run with ``-s`` to see the case counts."""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vrdndi.errors import VrdndiError
from vrdndi.inference.candidates import read_candidates_csv
from vrdndi.sources import activitywatch as aw
from vrdndi.sources import labels, takeout
from vrdndi.store import Store, StoreError, Video

from ..sources.test_properties import AW_DOC, LABELS_DOC, TAKEOUT_DOC, _check
from .support import aw_export

CASES: Counter = Counter()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.function_scoped_fixture],
                    derandomize=bool(os.environ.get("CI")))  # CI replays fixed examples
IMPORTERS = {
    "takeout": lambda store, path: takeout.ingest(store, path),
    "aw": lambda store, path: aw.import_export(store, path),
    "labels": lambda store, path: labels.import_labels(store, path),
}
BIG_AW = json.dumps(aw_export("hôst", 50, title="Fenêtre — 日本語"), ensure_ascii=False)


def _prefixes(document: str, step: int):
    data = document.encode("utf-8")
    yield from (data[:n] for n in range(0, len(data) + 1, step))
    yield data


@pytest.mark.parametrize("kind, document, step", [
    ("takeout", TAKEOUT_DOC, 1), ("aw", AW_DOC, 1), ("labels", LABELS_DOC, 1), ("aw", BIG_AW, 97)],
    ids=["takeout", "aw", "labels", "aw-big"])
def test_every_truncation_of_a_valid_file(tmp_path, kind, document, step):
    path = tmp_path / "input"
    outcomes = Counter()
    with Store(tmp_path / "s.sqlite") as store:
        for prefix in _prefixes(document, step):
            path.write_bytes(prefix)
            outcomes[_check(store, lambda: IMPORTERS[kind](store, path))] += 1
    CASES[f"truncated {kind}{'-big' if step > 1 else ''}"] += sum(outcomes.values())
    assert outcomes["imported"] >= 1 and outcomes["rejected"] >= 1  # the whole file does import


CANDIDATES_DOC = ("video_id,moment\ncand0000001,2024-05-01T10:00:00Z\ncand0000002,\n"
                  "cand0000003,2024-05-01T12:00:00+02:00\n")
candidate_cells = st.sampled_from(["cand0000001", "cand0000002", "nosuchvideo", "", "2024-05-01T10:00:00Z",
                                   "2024-05-01 10:00", "yesterday", '"', ",", "\x00", "\ufeff"]) | st.text(max_size=8)


@pytest.fixture(scope="module")
def candidate_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("candidates") / "s.sqlite"
    with Store(path) as store:
        store.upsert_videos([Video(f"cand000000{i}", title=f"Candidate {i}", published_at="2024-05-01T00:00:00Z")
                             for i in (1, 2, 3)])
    return path


@SETTINGS
@given(st.one_of(
    st.integers(0, len(CANDIDATES_DOC.encode())).map(lambda n: CANDIDATES_DOC.encode()[:n]),
    st.binary(max_size=60),
    st.text(max_size=60).map(str.encode),
    st.lists(st.lists(candidate_cells, max_size=4), max_size=4).map(
        lambda rows: (CANDIDATES_DOC + "".join(",".join(r) + "\n" for r in rows)).encode()),
    st.lists(candidate_cells, max_size=4).map(lambda header: (",".join(header) + "\ncand0000001\n").encode())))
def test_candidates_csv_of_predict(candidate_store, data):
    with tempfile.TemporaryDirectory() as tmp, Store(candidate_store) as store:
        path = Path(tmp) / "candidates.csv"
        path.write_bytes(data)
        try:
            rows = read_candidates_csv(path, store, default_moment="2024-05-02T00:00:00.000000+00:00")
        except VrdndiError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)
            CASES["candidates rejected"] += 1
        else:
            assert all(r.video.video_id.startswith("cand") and r.moment for r in rows)
            CASES["candidates read"] += 1


def _checkpoint_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.ckpt"
        torch.save({"hyper_parameters": {"arch": "base"}, "state_dict": {"w": torch.ones(64)}}, path)
        return path.read_bytes()


def _foreign(obj) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.ckpt"
        torch.save(obj, path)
        return path.read_bytes()


@pytest.mark.parametrize("content", [
    b"", b"not a checkpoint\n", bytes(range(256)) * 4, "half", "garbage-tail",
    _foreign({"state_dict": {}}), _foreign(torch.zeros(3)), _foreign([1, 2, 3]), _foreign(None),
], ids=["empty", "text", "random-bytes", "truncated", "garbage-tail", "no-hparams", "a-tensor", "a-list", "none"])
def test_corrupt_checkpoint_is_one_line_from_load_scorer(tmp_path, content):
    from vrdndi.inference.scorer import load_scorer

    if content == "half":
        full = _checkpoint_bytes()
        content = full[:len(full) // 2]
    elif content == "garbage-tail":
        full = _checkpoint_bytes()
        content = full[:-40] + b"\xff" * 40
    path = tmp_path / "best.ckpt"
    path.write_bytes(content)
    with pytest.raises(VrdndiError) as err:
        load_scorer(path)
    message = str(err.value)
    assert "\n" not in message and str(path) in message
    CASES["corrupt checkpoint"] += 1


@pytest.mark.parametrize("content", [b"this is not a database\n" * 50, b"\x00" * 8192,
                                     b"SQLite format 3\x00" + b"\xff" * 4000],
                         ids=["text", "zeros", "bad-header"])
def test_a_store_file_that_is_not_sqlite(tmp_path, capsys, content):
    from vrdndi.cli import main

    path = tmp_path / "vrdndi.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        Store(path)
    assert "\n" not in str(err.value) and str(path) in str(err.value)
    assert main(["--store", str(path), "stats"]) == 2
    stderr = capsys.readouterr().err
    assert stderr.count("\n") == 1 and "not a usable vrdndi store" in stderr and "Traceback" not in stderr
    assert path.read_bytes() == content  # left as it was: never "repaired" into an empty store
    CASES["not a store"] += 1


def test_zz_report_case_counts():
    """Not a property: prints how many cases ran in this session (run with -s)."""
    print("bad-input cases:", dict(sorted(CASES.items())), "total", sum(CASES.values()))
