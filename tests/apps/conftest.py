"""Fixtures for the app tests.

``web_user``: the NiceGUI ``User`` simulation (no browser) on the real pages that ``serve.py``
builds, composed from conf/serve.yaml. It is the plugin's ``user`` fixture minus the need for a
``main_file`` ini option: ``pytest_plugins`` may only be declared in the root conftest, and the
page set-up needs the composed config anyway.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vrdndi.config import compose

@pytest.fixture
def serve_cfg(vrdndi_home):
    return compose("serve", [f"paths.home={vrdndi_home}"])


@pytest.fixture
def store_path(serve_cfg) -> Path:
    return Path(serve_cfg.paths.store)


@pytest.fixture
async def web_user(serve_cfg, caplog):
    import httpx
    from nicegui import core, ui
    from nicegui.functions.download import download
    from nicegui.functions.navigate import Navigate
    from nicegui.functions.notify import notify
    from nicegui.testing.general import nicegui_reset_globals
    from nicegui.testing.user import User

    from vrdndi.apps import web

    with nicegui_reset_globals():
        os.environ["NICEGUI_USER_SIMULATION"] = "true"
        try:
            web.run(serve_cfg)  # pages + storage secret; in a simulation ui.run starts no server
            async with core.app.router.lifespan_context(core.app):
                async with httpx.AsyncClient(transport=httpx.ASGITransport(core.app),
                                             base_url="http://127.0.0.1:8080") as client:
                    yield User(client)
        finally:
            os.environ.pop("NICEGUI_USER_SIMULATION", None)
            ui.navigate = Navigate()
            ui.notify = notify
            ui.download = download
    errors = [r for r in caplog.get_records("call") if r.levelname == "ERROR"]
    assert not errors, f"unexpected ERROR logs: {[r.getMessage() for r in errors]}"
