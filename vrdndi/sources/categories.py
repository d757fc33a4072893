"""Category rules for app events: the aw-server setting, else a user rules file, else aw-client's
default classes. Never a crash when none are set.

A rule set ("classes") is a list of ``(["Work", "Programming"], {"type": "regex", "regex": ...})``
pairs, the shape aw-client's ``categorize`` query and ``aw_transform.categorize`` take. We read the
server's setting ourselves (``GET /api/0/settings``, key ``classes``) because aw-client's
``get_classes()`` always asks the default local server, whatever host was configured.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import requests
from aw_client.classes import default_classes
from aw_transform import Rule

from vrdndi.errors import BadInputError, NotAvailableError

log = logging.getLogger(__name__)

Classes = list[tuple[list[str], dict[str, Any]]]
UNCATEGORIZED = "Uncategorized"


def category_name(category: list[str] | str | None) -> str:
    """``["Work", "Programming"]`` -> ``"Work > Programming"``; empty -> ``"Uncategorized"``."""
    if isinstance(category, str):
        return category or UNCATEGORIZED
    parts = [str(p) for p in (category or [])]
    return " > ".join(parts) if parts else UNCATEGORIZED


def category_parts(name: str) -> list[str]:
    """Inverse of ``category_name``."""
    return [p.strip() for p in name.split(" > ")] if name else [UNCATEGORIZED]


def normalise(raw: Any, source: str) -> Classes:
    """Accept the aw-webui setting/export shapes and return validated classes.

    Accepted: ``[{"name": [...], "rule": {...}}, ...]`` (server setting, aw-webui), the same wrapped
    as ``{"categories": [...]}`` (aw-webui "export categories"), or ``[[name, rule], ...]`` pairs.
    A name may be a list or an ``"A > B"`` string. Raises ``BadInputError`` naming ``source``.
    """
    if isinstance(raw, dict) and "categories" in raw:
        raw = raw["categories"]
    if not isinstance(raw, list):
        raise BadInputError(source, None, "category rules must be a list of {name, rule} objects")
    classes: Classes = []
    for index, item in enumerate(raw):
        if isinstance(item, dict):
            name, rule = item.get("name"), item.get("rule")
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            name, rule = item
        else:
            raise BadInputError(source, index, "a category rule must be {name, rule} or [name, rule]")
        if isinstance(name, str):
            name = category_parts(name)
        if not isinstance(name, list) or not all(isinstance(p, str) for p in name) or not name:
            raise BadInputError(source, index, f"category name must be a non-empty list of strings, not {name!r}")
        if not isinstance(rule, dict):
            raise BadInputError(source, index, f"rule of {category_name(name)!r} must be an object")
        try:
            Rule(rule)  # the same check aw-server runs: regex compiles, priority is an int
        except (ValueError, TypeError, Exception) as exc:  # re.error is an Exception subclass
            raise BadInputError(source, index, f"rule of {category_name(name)!r} is invalid: {exc}") from exc
        classes.append((list(name), dict(rule)))
    return classes


def from_server(base_url: str, *, timeout: float = 10.0) -> Classes | None:
    """The ``classes`` setting of the aw-server at ``base_url``; None when it has none (or the server
    is too old to have settings)."""
    url = f"{base_url.rstrip('/')}/api/0/settings"
    try:
        response = requests.get(url, timeout=timeout)
    except requests.RequestException as exc:
        raise NotAvailableError(f"ActivityWatch server at {base_url} is not reachable ({type(exc).__name__}); "
                                "start it or fix activitywatch.host/port") from exc
    if response.status_code in (404, 405):
        return None  # servers before the settings API
    if response.status_code >= 400:
        log.warning("aw-server settings answered HTTP %s; using the next category source",
                    response.status_code)
        return None
    try:
        settings = response.json()
    except ValueError:
        return None
    value = settings.get("classes") if isinstance(settings, dict) else None
    if isinstance(value, str):  # some servers keep setting values as JSON text
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not value:
        return None
    return normalise(value, f"{url} (classes)")


def from_file(path: str | Path | None) -> Classes | None:
    """Rules from a JSON file in one of the ``normalise`` shapes; None when no file is configured."""
    if not path:
        return None
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BadInputError(str(path), None, f"cannot read category rules ({exc.strerror})") from exc
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise BadInputError(str(path), None, f"not valid JSON ({exc})") from exc
    return normalise(raw, str(path)) or None


def defaults() -> Classes:
    """aw-client's default classes (the same ones aw-webui starts with)."""
    return [(list(name), dict(rule)) for name, rule in default_classes]


def resolve(*, server_url: str | None = None, rules_file: str | Path | None = None,
            timeout: float = 10.0) -> tuple[Classes, str]:
    """(classes, where they came from): server setting -> user rules file -> aw-client defaults."""
    if server_url:
        classes = from_server(server_url, timeout=timeout)
        if classes:
            return classes, "server"
    classes = from_file(rules_file)
    if classes:
        return classes, "file"
    return defaults(), "default"
