"""The `vrdndi` sub-commands end to end: one-line summaries, idempotent ingests, privacy forget."""

from __future__ import annotations

import json

import pytest

from vrdndi.cli import main
from vrdndi.store import Store

from tests.sources.test_takeout import HISTORY
from tests.sources.test_transfer import fill


def test_ingest_takeout_twice_changes_nothing_and_prints_one_line(tmp_path, capsys):
    path = tmp_path / "watch-history.json"
    path.write_text(json.dumps(HISTORY, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert main(["--store", str(db), "ingest", "takeout", str(path)]) == 0
    first = capsys.readouterr().out.strip().splitlines()
    assert len(first) == 1 and "3 watches" in first[0]
    dump = Store(db).dump()
    assert main(["--store", str(db), "ingest", "takeout", str(path)]) == 0
    assert "new or changed: 0 watches, 0 videos" in capsys.readouterr().out and Store(db).dump() == dump


def test_bad_input_exits_2_with_one_line_and_store_unchanged(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    bad = tmp_path / "watch-history.json"
    bad.write_text('[{"title": "Watched x"')
    assert main(["--store", str(db), "ingest", "takeout", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(bad) in err[0]
    assert Store(db).counts()["watches"] == 0


def test_export_import_and_privacy_forget_commands(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        fill(store)
        original = store.dump()
    assert main(["--store", str(db), "export", str(tmp_path / "out")]) == 0
    other = tmp_path / "other.sqlite"
    assert main(["--store", str(other), "import", str(tmp_path / "out")]) == 0
    assert Store(other).dump() == original
    assert main(["--store", str(other), "import", "labels", str(tmp_path / "out" / "labels.csv")]) == 0
    capsys.readouterr()
    assert main(["--store", str(other), "privacy", "forget", "(?i)youtube", "--field", "url"]) == 0
    assert "deleted 1 events" in capsys.readouterr().out
    assert sorted(e.app for e in Store(other).all_events()) == ["Code", "Term"]
    assert main(["--store", str(other), "privacy", "forget", "(unclosed"]) == 2


@pytest.mark.parametrize("pattern", ["", "   ", ".*", "a*|b", "(?s).*"])
def test_privacy_forget_never_empties_the_store_by_accident(tmp_path, capsys, pattern):
    """``vrdndi privacy forget "$UNSET"`` (or a pattern that matches everything) deletes nothing."""
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        fill(store)
        before = store.dump()["app_events"]
    assert main(["--store", str(db), "privacy", "forget", pattern]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--all" in err[0]
    assert Store(db).dump()["app_events"] == before
    assert main(["--store", str(db), "privacy", "forget", "--all"]) == 0
    assert f"deleted {len(before)} events" in capsys.readouterr().out and Store(db).all_events() == []
