"""Errors meant for the user: one line, printed by the entry point without a traceback."""

from __future__ import annotations


class VrdndiError(Exception):
    """A problem the user can fix. ``str(err)`` is one line: what, where, what to do."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


class BadInputError(VrdndiError):
    """A file or record could not be read. The message names the file and the record."""

    def __init__(self, source: str, record: str | int | None, problem: str):
        where = f"{source}" if record is None else f"{source}, record {record}"
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.record = record
        self.problem = problem


class NotAvailableError(VrdndiError):
    """A model, service or credential is missing (no network, server down, quota spent)."""
