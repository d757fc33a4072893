"""The outside world: each module knows one external format and returns plain store rows.

- ``activitywatch``: live aw-server queries and AW export JSON -> ``AppEvent`` rows
- ``categories``: category rules (server setting -> user file -> aw-client defaults)
- ``youtube``: YouTube Data API v3 (OAuth, subscriptions, uploads, ratings, details)
- ``takeout``: Google Takeout ``watch-history.json`` -> ``Watch`` + ``Video`` rows
- ``labels``: labels CSV (ours and the original Vrdndi shape)
- ``transfer``: ``vrdndi export`` / ``vrdndi import`` of the whole store
- ``privacy``: never-store lists and ``vrdndi privacy forget``
- ``commands``: the ``vrdndi ingest|export|import|privacy`` sub-commands
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vrdndi.errors import BadInputError


def read_text(path: str | Path, *, hint: str = "") -> str:
    """A whole input file as text (UTF-8, a BOM tolerated); an unreadable or non-UTF-8 file is a
    ``BadInputError`` naming it (``hint`` says what file was expected)."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BadInputError(str(path), None, f"cannot read the file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise BadInputError(str(path), None, "not UTF-8 text" + (f"; {hint}" if hint else "")) from exc


@dataclass
class IngestReport:
    """What one ingest did, for its one-line summary."""

    source: str
    read: int = 0  # records read from the outside
    written: dict[str, int] = field(default_factory=dict)  # table -> rows new or changed
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> records not stored
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        wrote = ", ".join(f"{n} {table}" for table, n in self.written.items()) or "nothing"
        parts = [f"{self.source}: {self.read} records read; new or changed: {wrote}"]
        if any(self.skipped.values()):
            parts.append("skipped: " + ", ".join(f"{n} {why}" for why, n in self.skipped.items() if n))
        parts.extend(self.notes)
        return "; ".join(parts)
