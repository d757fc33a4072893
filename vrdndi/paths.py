"""Where vrdndi keeps its data: ``$VRDNDI_HOME`` or a per-user data dir, never the CWD."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

ENV_HOME = "VRDNDI_HOME"


_warned: set[Path] = set()


def data_home() -> Path:
    """The data directory. Made owner-only (0700) when vrdndi creates it; a folder that already exists
    keeps its mode (it may be shared on purpose), with one warning when others may write in it."""
    raw = os.environ.get(ENV_HOME)
    home = Path(raw).expanduser() if raw else Path(platformdirs.user_data_dir("vrdndi", appauthor=False))
    if not home.is_dir():
        home.mkdir(parents=True, exist_ok=True)
        try:
            home.chmod(0o700)  # mkdir's mode is masked by the umask
        except OSError:  # a shared mount may refuse; the data is still only where the user put it
            pass
    home = home.resolve()
    mode = home.stat().st_mode & 0o7777
    if mode & 0o022 and home not in _warned:
        _warned.add(home)
        logging.getLogger("vrdndi").warning(
            "data folder %s is writable by others (mode %o): they could replace your store or checkpoints; "
            "use a folder of your own (chmod 700 %s, or set %s)", home, mode, home, ENV_HOME)
    return home


def store_path() -> Path:
    """The one SQLite store of this user."""
    return data_home() / "vrdndi.sqlite"


def demo_store_path() -> Path:
    """The store built by the demo generator (kept apart from the user's own data)."""
    return data_home() / "demo.sqlite"


def runs_dir() -> Path:
    """Training runs (Hydra output dirs with checkpoints and metrics)."""
    path = data_home() / "runs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Bounded caches (event embeddings); safe to delete."""
    path = data_home() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def secrets_dir() -> Path:
    """OAuth token, web storage secret: owner-only, outside the repository."""
    path = data_home() / "secrets"
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically with mode 0600 (never readable by others, even briefly).
    A folder made for it is owner-only (0700) too: the token may be the first thing in ``secrets/``."""
    if not path.parent.is_dir():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.parent.chmod(0o700)  # mkdir's mode is masked by the umask
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
