"""The site against a hostile page or a careless script: a DNS-rebinding ``Host:``, a foreign socket.io
``Origin``, framing, a huge run id in the URL, and cookieless requests that must not fill the disk."""

from __future__ import annotations

import asyncio
import stat

import httpx
import pytest
from seeding import seed_feed

from vrdndi.apps import web, web_security

TITLE = "Video number 1: Learning Things"


def _client(base_url: str = "http://127.0.0.1:8080") -> httpx.AsyncClient:
    from nicegui import core

    return httpx.AsyncClient(transport=httpx.ASGITransport(core.app), base_url=base_url)


async def test_a_foreign_host_gets_no_feed(web_user, store_path):
    seed_feed(store_path, 5)
    async with _client() as client:
        assert TITLE in (await client.get("/")).text
    for base in ("http://evil.example:8080", "http://attacker.test", "http://127.0.0.1.evil.example:8080"):
        async with _client(base) as client:
            response = await client.get("/")
            assert response.status_code == 400 and TITLE not in response.text
            assert (await client.get("/video/vid00000001")).status_code == 400


@pytest.mark.parametrize("host, extra, allowed, refused", [
    ("127.0.0.1", [], ["127.0.0.1", "localhost", "[::1]"], ["evil.example", "0.0.0.0"]),
    ("::1", [], ["[::1]"], ["evil.example"]),
    ("192.168.1.5", [], ["192.168.1.5", "127.0.0.1"], ["evil.example"]),
    ("0.0.0.0", ["mypc.local"], ["mypc.local", "localhost"], ["0.0.0.0", "evil.example"]),
])
def test_allowed_hosts(host, extra, allowed, refused):
    names = web_security.allowed_hosts(host, extra)
    assert all(a in names for a in allowed) and not any(r in names for r in refused)


async def test_pages_carry_csp_and_refuse_framing(web_user, store_path):
    seed_feed(store_path, 3)
    async with _client() as client:
        for path in ("/", "/video/vid00000001"):
            headers = (await client.get(path)).headers
            csp = headers["content-security-policy"]
            assert "frame-ancestors 'none'" in csp and "img-src 'self' data:;" in csp + ";"
            assert "object-src 'none'" in csp and "frame-src https://www.youtube-nocookie.com" in csp
            assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"


async def test_socket_io_accepts_only_the_pages_own_origin(web_user, caplog):
    path = "/_nicegui_ws/socket.io/?EIO=4&transport=polling"
    async with _client() as client:
        foreign = await client.get(path, headers={"Origin": "http://evil.example:8080"})
        assert foreign.status_code == 400
        assert "access-control-allow-origin" not in foreign.headers
        own = await client.get(path, headers={"Origin": "http://127.0.0.1:8080"})
        assert own.status_code == 200
        assert own.headers.get("access-control-allow-origin") == "http://127.0.0.1:8080"
    # engine.io logs the refusal as an ERROR: expected here
    caplog.records[:] = [r for r in caplog.records if r.name != "engineio.server"]


@pytest.mark.parametrize("url", ["/?run=99999999999999999999999", "/?run=-99999999999999999999999",
                                 "/video/vid00000001?run=99999999999999999999999"])
async def test_a_huge_run_id_is_a_4xx_page_without_python_errors(web_user, store_path, url):
    seed_feed(store_path, 3)
    async with _client() as client:
        response = await client.get(url)
    assert 400 <= response.status_code < 500
    assert "That is not a feed run number" in response.text
    for python in ("OverflowError", "Traceback", "SQLite INTEGER", "Python int"):
        assert python not in response.text


async def test_cookieless_requests_leave_no_storage_files(web_user, store_path, vrdndi_home):
    from nicegui.app.app import prune_user_storage

    seed_feed(store_path, 50)
    for i in range(8):
        async with _client() as client:  # a new client each time: no session cookie
            response = await client.get(f"/?pages={1 + i % 3}")
            assert response.status_code == 200 and TITLE in response.text
    await prune_user_storage(force=True)  # flush and close what the requests left
    await asyncio.sleep(0.2)
    assert sorted(p.name for p in (vrdndi_home / "web").glob("storage-user-*.json")) == []


def test_serving_every_address_needs_the_names_it_is_reached_by(vrdndi_home):
    from vrdndi.config import compose

    cfg = compose("serve", [f"paths.home={vrdndi_home}", "web.host=0.0.0.0", "web.allow_remote=true"])
    with pytest.raises(web_security.WebConfigError, match="web.allowed_hosts") as err:
        web.run(cfg)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("url, shown", [
    ("https://i.ytimg.com/vi/abc/hq.jpg", "https://i.ytimg.com/vi/abc/hq.jpg"),
    ("https://i9.ytimg.com/vi/abc/hq.jpg", "https://i9.ytimg.com/vi/abc/hq.jpg"),
    ("https://yt3.ggpht.com/a.jpg", "https://yt3.ggpht.com/a.jpg"),
    ("http://i.ytimg.com/vi/abc/hq.jpg", None), ("https://evil.example/pixel.gif", None),
    ("https://i.ytimg.com.evil.example/p.gif", None), ("https://user@i.ytimg.com/p.gif", None),
    ("https://i.ytimg.com:8443/p.gif", None), ("javascript:alert(1)", None), ("", None),
])
def test_thumbnails_only_from_youtube_image_hosts(url, shown):
    from vrdndi.apps.thumbnails import thumbnail_url

    assert thumbnail_url("vid00000001", url) == (shown or "https://i.ytimg.com/vi/vid00000001/mqdefault.jpg")


async def test_a_foreign_thumbnail_is_never_fetched_by_the_feed(web_user, store_path):
    from vrdndi.store import Store

    seed_feed(store_path, 3)
    with Store(store_path) as store:
        video = store.video("vid00000001")
        video.thumbnail_url = "https://tracker.example/pixel.gif?u=1"
        store.upsert_videos([video])
    from vrdndi.apps import thumbnails

    fetched: list[str] = []  # what the site's thumbnail cache asks the network for (offline: nothing comes)
    thumbnails._failed.clear()
    real_fetch, thumbnails._fetch = thumbnails._fetch, lambda url: fetched.append(url)
    try:
        async with _client() as client:
            page = (await client.get("/")).text
            image = await client.get("/thumb/vid00000001")
    finally:
        thumbnails._fetch = real_fetch
    assert "tracker.example" not in page and "/thumb/vid00000001" in page  # images come from the site itself
    assert fetched == ["https://i.ytimg.com/vi/vid00000001/mqdefault.jpg"]  # YouTube's host, never the stored one
    assert image.status_code == 200 and image.headers["content-type"].startswith("image/svg+xml")  # placeholder


def test_storage_secret_is_made_once_and_private(tmp_path):
    folder = tmp_path / "secrets"
    first = web_security.storage_secret(folder)
    assert len(first) >= 32
    assert web_security.storage_secret(folder) == first
    mode = stat.S_IMODE((folder / web_security.SECRET_FILE).stat().st_mode)
    assert mode == 0o600


@pytest.mark.parametrize("host, allowed", [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False), ("::", False),
])
def test_only_loopback_unless_allow_remote(host, allowed):
    if allowed:
        web_security.check_host(host, allow_remote=False)
    else:
        with pytest.raises(web_security.WebConfigError, match="allow_remote"):
            web_security.check_host(host, allow_remote=False)
    web_security.check_host(host, allow_remote=True)
    for not_a_yes in ("no", "false", "False", "0", ""):  # only a real boolean opens the site
        if not allowed:
            with pytest.raises(web_security.WebConfigError):
                web_security.check_host(host, allow_remote=not_a_yes)
