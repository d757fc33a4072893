"""Where the data lives: a data folder vrdndi makes is owner-only; one that exists keeps its mode."""

from __future__ import annotations

import logging

from vrdndi import paths


def _mode(path) -> int:
    return path.stat().st_mode & 0o7777


def test_a_new_data_home_is_owner_only(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "new" / "home"))
    assert _mode(paths.data_home()) == 0o700


def test_an_existing_shared_folder_is_never_chmodded_but_warned_about(tmp_path, monkeypatch, caplog):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv(paths.ENV_HOME, str(shared))
    monkeypatch.setattr(paths, "_warned", set())
    with caplog.at_level(logging.WARNING, logger="vrdndi"):
        assert paths.data_home() == shared.resolve()
        paths.store_path()
    assert _mode(shared) == 0o1777
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "writable by others" in warnings[0] and "1777" in warnings[0]


def test_an_existing_private_or_group_readable_folder_keeps_its_mode_quietly(tmp_path, monkeypatch, caplog):
    mine = tmp_path / "mine"
    mine.mkdir()
    mine.chmod(0o750)
    monkeypatch.setenv(paths.ENV_HOME, str(mine))
    with caplog.at_level(logging.WARNING, logger="vrdndi"):
        paths.data_home()
    assert _mode(mine) == 0o750 and not caplog.records
