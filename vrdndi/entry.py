"""Shared by the entry scripts: user errors print one line and exit 2 (no traceback)."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any, Callable

from vrdndi.errors import VrdndiError

# Never reach for a model hub at run time: every model is packaged or already cached.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def guarded(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except VrdndiError as err:
        logging.getLogger("vrdndi").debug("user error", exc_info=True)
        print(f"error: {err}", file=sys.stderr)
        sys.exit(2)
