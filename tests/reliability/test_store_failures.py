"""The disk or the file fails under the store: a full disk, a read-only store, a damaged page.

Each is one line from the command (exit 2, no traceback), and nothing is lost: the store holds what it
held before, intact. A full disk is simulated by SQLite's own page limit (``PRAGMA max_page_count``, the
same SQLITE_FULL error a full disk gives), a read-only store by ``PRAGMA query_only`` (SQLITE_READONLY);
where this process may mount file systems (root in a container), a real 512 KiB tmpfs is filled, and
remounted read-only, as well.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from vrdndi.cli import main
from vrdndi.store import Store
from vrdndi.store import db as store_db

from .support import write_aw_export

ROOT = Path(__file__).resolve().parents[2]


def _seeded(path: Path, tmp_path: Path) -> dict:
    """A store with 20 events in it; returns its dump."""
    small = write_aw_export(tmp_path / "small.json", "seed", 20)
    assert main(["--store", str(path), "import", "events", str(small)]) == 0
    with Store(path) as store:
        return store.dump()


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def _intact(path: Path, dump: dict) -> None:
    with Store(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.dump() == dump


def _after_open(monkeypatch, pragma: str) -> None:
    """Run ``pragma`` on every store connection as soon as it is opened."""
    connect = store_db.sqlite3.connect

    def connect_then(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.execute(pragma)
        return conn

    monkeypatch.setattr(store_db.sqlite3, "connect", connect_then)


def test_disk_full_is_one_line_and_loses_nothing(tmp_path, capsys, monkeypatch):
    path = tmp_path / "s.sqlite"
    dump = _seeded(path, tmp_path)
    big = write_aw_export(tmp_path / "big.json", "big", 2000, pad=400)
    _after_open(monkeypatch, "PRAGMA max_page_count = 1")  # = the current size: the file cannot grow
    capsys.readouterr()
    assert main(["--store", str(path), "import", "events", str(big)]) == 2
    line = _one_error_line(capsys)
    assert "disk is full" in line and "nothing was written" in line and str(path) in line
    monkeypatch.undo()
    _intact(path, dump)


def test_read_only_store_is_one_line_and_loses_nothing(tmp_path, capsys, monkeypatch):
    path = tmp_path / "s.sqlite"
    dump = _seeded(path, tmp_path)
    more = write_aw_export(tmp_path / "more.json", "more", 30)
    _after_open(monkeypatch, "PRAGMA query_only = 1")
    capsys.readouterr()
    assert main(["--store", str(path), "import", "events", str(more)]) == 2
    line = _one_error_line(capsys)
    assert "read-only" in line and "nothing was written" in line
    monkeypatch.undo()
    _intact(path, dump)


def _damage_a_page(path: Path) -> None:
    """Overwrite the root page of the app_events table with garbage (after a checkpoint of the WAL)."""
    with Store(path) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = store.conn.execute("SELECT rootpage FROM sqlite_master WHERE name='app_events'").fetchone()[0]
        page_size = store.conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xa5" * page_size)


def test_damaged_store_is_one_line_and_export_leaves_no_partial_folder(tmp_path, capsys):
    path = tmp_path / "s.sqlite"
    _seeded(path, tmp_path)
    _damage_a_page(path)
    before = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()
    assert main(["--store", str(path), "export", str(tmp_path / "out")]) == 2
    line = _one_error_line(capsys)
    assert "damaged" in line and str(path) in line
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no out/, no staging folder
    more = write_aw_export(tmp_path / "more.json", "more", 5)
    assert main(["--store", str(path), "import", "events", str(more)]) == 2
    assert "damaged" in _one_error_line(capsys)


# -- a real small disk, where this process may mount one ---------------------------------------------
@pytest.fixture
def small_disk():
    mount_point = Path("/tmp") / f"vrdndi-small-disk-{uuid.uuid4().hex[:8]}"
    mount_point.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        mount_point.rmdir()
        pytest.skip(f"cannot mount a small tmpfs here ({made.stderr.strip() or made.returncode})")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)
        mount_point.rmdir()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vrdndi.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_a_real_full_disk_and_a_read_only_disk(small_disk, tmp_path):
    path = small_disk / "s.sqlite"
    small = write_aw_export(tmp_path / "small.json", "seed", 20)
    assert _cli("--store", str(path), "import", "events", str(small)).returncode == 0
    with Store(path) as store:
        dump = store.dump()
    big = write_aw_export(tmp_path / "big.json", "big", 3000, pad=400)  # ~1.5 MB of rows > 512 KiB
    out = _cli("--store", str(path), "import", "events", str(big))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "disk is full" in out.stderr or "I/O error" in out.stderr
    _intact(path, dump)

    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    out = _cli("--store", str(path), "import", "events", str(small))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "read-only" in out.stderr
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    _intact(path, dump)
