"""The store: the one owner of the SQLite schema (see ``db.py`` and ``schema.py``)."""

from vrdndi.store.db import Store, StoreError, open_store
from vrdndi.store.schema import (
    INTEREST,
    LABEL_KINDS,
    PRODUCTIVE,
    AppEvent,
    Channel,
    FeedItem,
    FeedRun,
    Label,
    Video,
    Watch,
)

__all__ = ["Store", "StoreError", "open_store", "INTEREST", "PRODUCTIVE", "LABEL_KINDS", "AppEvent",
           "Channel", "FeedItem", "FeedRun", "Label", "Video", "Watch"]
