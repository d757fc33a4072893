"""What is never written to the store, and forgetting what already was.

``privacy.never_store_apps`` (exact app names, case-insensitive) and ``privacy.never_store_titles``
(regexes searched in window titles) are applied by every path that writes app events (live AW,
AW export import, ``vrdndi import events``), before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vrdndi.errors import VrdndiError
from vrdndi.store.schema import AppEvent

FORGET_FIELDS = ("title", "app", "url")


@dataclass(frozen=True)
class PrivacyRules:
    never_store_apps: frozenset[str] = frozenset()  # lower-cased app names
    never_store_titles: tuple[re.Pattern[str], ...] = field(default_factory=tuple)

    @classmethod
    def from_config(cls, privacy_cfg: Mapping[str, Any] | None) -> PrivacyRules:
        """Build the rules from the ``sources.privacy`` config node (or a plain dict)."""
        cfg = dict(privacy_cfg or {})
        apps = frozenset(str(a).casefold() for a in (cfg.get("never_store_apps") or []))
        patterns = []
        for text in cfg.get("never_store_titles") or []:
            try:
                patterns.append(re.compile(str(text)))
            except re.error as exc:
                raise VrdndiError(f"privacy.never_store_titles: bad regex {text!r} ({exc}); "
                                  "fix it in the config") from exc
        return cls(apps, tuple(patterns))

    def allows(self, event: AppEvent) -> bool:
        """True when the event may be stored."""
        if event.app.casefold() in self.never_store_apps:
            return False
        return not any(p.search(event.title) for p in self.never_store_titles)

    def filter(self, events: Iterable[AppEvent]) -> tuple[list[AppEvent], int]:
        """(events that may be stored, how many were withheld)."""
        kept, dropped = [], 0
        for event in events:
            if self.allows(event):
                kept.append(event)
            else:
                dropped += 1
        return kept, dropped


def forget(store, pattern: str | None, field_name: str = "title", *, everything: bool = False) -> int:
    """Delete stored app events whose ``field_name`` matches regex ``pattern``; returns the count.

    Forgetting every event takes ``everything=True`` (``--all``): an empty pattern (an unset shell
    variable: ``vrdndi privacy forget "$X"``) or one that matches every stored event is refused."""
    if field_name not in FORGET_FIELDS:
        raise VrdndiError(f"privacy forget: --field must be one of {', '.join(FORGET_FIELDS)}")
    if everything:
        if pattern:
            raise VrdndiError("privacy forget: give a pattern or --all, not both")
        return store.delete_events_matching("", field=field_name)
    if pattern is None or not pattern.strip():
        raise VrdndiError(f"privacy forget: the pattern {pattern or ''!r} is empty and would forget every event "
                          "(an unset shell variable?); give a pattern, or --all to forget every event")
    deleted = store.delete_events_matching(pattern, field=field_name, unless_all=True)
    if deleted < 0:
        raise VrdndiError(f"privacy forget: {pattern!r} matches every stored event's {field_name}; nothing was "
                          "deleted. Add --all if you mean to forget every event")
    return deleted
