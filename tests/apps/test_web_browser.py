"""The real site: ``python serve.py`` on loopback, screenshotted by headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from seeding import seed_feed

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def server_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, VRDNDI_HOME=str(home))
    env.pop("PYTEST_CURRENT_TEST", None)  # NiceGUI would think it runs inside pytest
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, timeout_s: float = 60.0) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve.py exited with {proc.returncode}: {proc.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"serve.py did not answer on {url} within {timeout_s} s")


@pytest.fixture
def served(vrdndi_home, tmp_path):
    seed_feed(vrdndi_home / "vrdndi.sqlite", 30)
    port = free_port()
    env = server_env(vrdndi_home)
    proc = subprocess.Popen([sys.executable, str(REPO / "serve.py"), f"web.port={port}"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield f"http://127.0.0.1:{port}/", wait_until_up(f"http://127.0.0.1:{port}/", proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert not (tmp_path / ".nicegui").exists()  # browser-session files live in the data home


@pytest.mark.parametrize("allow_remote", [[], ["web.allow_remote=no"], ["web.allow_remote=false"],
                                          ["web.allow_remote='false'"]], ids=["unset", "no", "false", "quoted"])
def test_serve_refuses_a_public_address_in_one_line(vrdndi_home, tmp_path, allow_remote):
    env = server_env(vrdndi_home)
    out = subprocess.run([sys.executable, str(REPO / "serve.py"), *allow_remote, "web.host=0.0.0.0"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "web.allow_remote=true" in out.stderr


@pytest.mark.browser
def test_feed_page_renders_in_chromium(served, tmp_path, vrdndi_home):
    url, html = served
    assert "<script>alert(1)</script>" not in html
    assert (vrdndi_home / "secrets" / "web_storage_secret").stat().st_mode & 0o777 == 0o600
    shot = tmp_path / "feed.png"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'chromium'}",
           "--window-size=1280,1600", "--virtual-time-budget=5000", f"--screenshot={shot}", url]
    subprocess.run(cmd, cwd=tmp_path, capture_output=True, timeout=120, check=False)
    assert shot.is_file() and shot.stat().st_size > 20_000, "no useful screenshot"
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = _png_gray_pixels(data)
    mean = sum(pixels) / len(pixels)
    variance = sum((p - mean) ** 2 for p in pixels) / len(pixels)
    assert variance > 200, "the page looks blank"
    # what the browser built: the <script> title is a text node, not a script element
    dom = subprocess.run([*cmd[:-2], "--dump-dom", url], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120).stdout
    assert ">&lt;script&gt;alert(1)&lt;/script&gt;</div>" in dom
    assert "<script>alert(1)" not in dom
    assert dom.count('class="nicegui-link') >= 21
    keep = os.environ.get("VRDNDI_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)


def _png_gray_pixels(data: bytes, step: int = 7) -> list[int]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into a sample of gray values."""
    import struct
    import zlib

    pos, chunks, width, height, color = 8, [], 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), f"unexpected PNG format depth={depth} color={color}"
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    bpp = 3 if color == 2 else 4
    stride = width * bpp
    prev = bytearray(stride)
    gray: list[int] = []
    i = 0
    for y in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        prev = line
        if y % step == 0:
            gray.extend((line[x] + line[x + 1] + line[x + 2]) // 3 for x in range(0, stride, bpp * step))
    return gray
