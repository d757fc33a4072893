"""The real site: ``python serve.py`` on loopback, screenshotted by headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from seeding import seed_feed

from vrdndi.store import Store

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


# -- what a person sees, in a real Chromium at desktop and phone sizes (the README's screenshots) ------------
SCREENSHOTS = REPO / "docs" / "screenshots"


def keep(shot: Path) -> Path:
    """``VRDNDI_UPDATE_SCREENSHOTS=1`` copies a test's screenshot into docs/screenshots (the README's gallery)."""
    if os.environ.get("VRDNDI_UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, SCREENSHOTS / shot.name)
    return shot


def start_server(args: list[str], home: Path, cwd: Path, url: str, ready: str = "") -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, *args], cwd=cwd, env=server_env(home), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        wait_until_up(url, proc, timeout_s=90)
    except BaseException:
        stop(proc)
        raise
    return proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """``python serve.py paths=demo predict=demo`` on the demo store with a ranked feed (tests/apps/showcase.py)."""
    from showcase import seed_showcase

    root = tmp_path_factory.mktemp("demo_site")
    home = root / "home"
    home.mkdir()
    _, run_id = seed_showcase(home)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = start_server([str(REPO / "serve.py"), "paths=demo", "predict=demo", f"web.port={port}"], home, root, url)
    try:
        yield url, home, run_id
    finally:
        stop(proc)


CARDS = "document.querySelectorAll('a[href^=\"/video/\"]').length"


def lightness(css_colour: str) -> float:
    """0 (black) .. 1 (white) of a computed CSS colour: ``rgb(r, g, b)`` or Tailwind 4's ``oklch(L C H)``."""
    inside = css_colour[css_colour.index("(") + 1:css_colour.index(")")].replace("/", " ").replace(",", " ").split()
    if css_colour.startswith("oklch"):
        return float(inside[0].rstrip("%")) / (100 if inside[0].endswith("%") else 1)
    return sum(float(c) for c in inside[:3]) / 3 / 255


@pytest.mark.browser
@pytest.mark.parametrize("size, name", [(None, "desktop"), ("phone", "phone")])
def test_the_feed_as_a_person_sees_it(demo_site, tmp_path, size, name):
    from browser import DESKTOP, PHONE, Browser

    url, _, _ = demo_site
    with Browser(tmp_path / "chromium", PHONE if size else DESKTOP, mobile=bool(size)) as browser:
        browser.open(url, ready=f"{CARDS} >= 18")
        browser.images_loaded()
        # every card has a thumbnail (the designed placeholder: no network here), never a broken image
        sources = browser.eval("[...document.images].map(i => i.getAttribute('src'))")
        assert len(sources) >= 18 and all(src.startswith("/thumb/") for src in sources)
        in_view = browser.eval(f"{browser.IN_VIEW}.map(i => i.naturalWidth)")
        assert in_view and all(width > 0 for width in in_view)
        # every card says why, in words, in readable text (not the faintest line on the card)
        reasons = browser.eval("""[...document.querySelectorAll('a[href^="/video/"]')].map(card => {
            const lines = [...card.querySelectorAll('.nicegui-row > div')];
            const r = lines.find(l => /^(Right moment|Good video, wrong moment|Like '|Close to|A weaker match)/.test(l.innerText));
            if (!r) return null;
            const s = getComputedStyle(r);
            return [r.innerText, parseFloat(s.fontSize), s.color];
        })""")
        assert all(reasons), "a card without a reason"
        assert any(r[0].startswith("Right moment: you were just in code") for r in reasons)
        assert any(r[0].startswith("Good video, wrong moment") for r in reasons)
        for text, font_px, colour in reasons:
            assert not re.search(r"\d\.\d", text), text  # words, never raw scores
            assert font_px >= 13 and lightness(colour) < 0.55, (text, font_px, colour)  # dark enough to read
        if size:  # a phone shows one column of cards, as wide as the screen
            widths = browser.eval("[...document.querySelectorAll('a[href^=\"/video/\"]')].slice(0, 3)"
                                  ".map(a => a.getBoundingClientRect().width)")
            assert all(w > PHONE[0] * 0.8 for w in widths), widths
        shot = keep(browser.screenshot(tmp_path / f"feed-{name}.png"))
    assert shot.stat().st_size > 20_000


@pytest.mark.browser
@pytest.mark.parametrize("size, name", [(None, "desktop"), ("phone", "phone")])
def test_a_video_page_after_feedback(demo_site, tmp_path, size, name):
    """Click Interest and then Not now: both show as chosen at once and after a reload, one toast is on
    screen (the second replaced the first), and the card in the feed is marked."""
    from browser import DESKTOP, PHONE, Browser

    url, _, run_id = demo_site
    with Browser(tmp_path / "chromium", PHONE if size else DESKTOP, mobile=bool(size)) as browser:
        browser.open(f"{url}?run={run_id}", ready=f"{CARDS} >= 18")
        href = browser.eval("[...document.querySelectorAll('a[href^=\"/video/\"]')][1 + %d].getAttribute('href')"
                            % (1 if size else 0))
        browser.open(url.rstrip("/") + href, ready="[...document.querySelectorAll('button')].length >= 5")
        pressed = "[...document.querySelectorAll('button[aria-pressed=\"true\"]')].map(b => b.innerText)"
        assert browser.eval(pressed) == []
        browser.click_text("Interest")
        browser.wait_for("document.querySelectorAll('button[aria-pressed=\"true\"]').length === 1")
        browser.click_text("Not now")
        browser.wait_for("document.querySelectorAll('button[aria-pressed=\"true\"]').length === 2")
        browser.wait_for("document.querySelector('.q-notification') && "
                         "document.querySelector('.q-notification').innerText.includes('not the right moment')")
        assert browser.eval("document.querySelectorAll('.q-notification').length") == 1  # toasts never stack
        chosen = browser.eval(pressed)
        assert any("Interest" in c and "Uninterest" not in c for c in chosen) and any("Not now" in c for c in chosen)
        assert "Good video, wrong moment" in browser.eval("document.body.innerText") or \
            "Right moment" in browser.eval("document.body.innerText")
        time.sleep(0.6)  # the toast's fade-in, as a person sees it a moment later
        shot = keep(browser.screenshot(tmp_path / f"video-after-feedback-{name}.png"))
        browser.open(url.rstrip("/") + href, ready="[...document.querySelectorAll('button')].length >= 5")
        assert sorted(browser.eval(pressed)) == sorted(chosen)  # remembered
        browser.open(f"{url}?run={run_id}", ready=f"{CARDS} >= 18")
        marks = browser.eval(f"document.querySelector('a[href=\"{href}\"]').innerText")
        assert "✓ Interest" in marks and "✓ Not now" in marks
    assert shot.stat().st_size > 20_000


@pytest.mark.browser
def test_a_timing_answer_on_the_feed_itself(demo_site, tmp_path):
    """The top cards ask "Correct timing / Not now" below the card's link (never a button inside an <a>):
    a click saves without leaving the feed, shows as chosen, and is remembered after a reload."""
    from browser import DESKTOP, Browser

    url, home, run_id = demo_site
    with Browser(tmp_path / "chromium", DESKTOP) as browser:
        browser.open(f"{url}?run={run_id}", ready=f"{CARDS} >= 18")
        quick = "[...document.querySelectorAll('button[aria-label*=\"right moment\"]')]"
        assert browser.eval(f"{quick}.length") == 6  # two answers on each of the three top cards
        assert browser.eval(f"{quick}.every(b => b.closest('a') === null)")
        href = browser.eval("[...document.querySelectorAll('a[href^=\"/video/\"]')][0].getAttribute('href')")
        first = f"[...document.querySelector('a[href=\"{href}\"]').parentElement.querySelectorAll('button')]"
        assert browser.eval(f"{first}.filter(b => b.getAttribute('aria-pressed') === 'true').length") == 0
        browser.eval(f"{first}.find(b => b.innerText.includes('Correct timing')).click()")
        browser.wait_for(f"{first}.filter(b => b.getAttribute('aria-pressed') === 'true').length === 1")
        browser.wait_for("document.querySelector('.q-notification') && "
                         "document.querySelector('.q-notification').innerText.includes('right moment')")
        assert browser.eval("location.pathname") == "/"  # still on the feed
        browser.open(f"{url}?run={run_id}", ready=f"{CARDS} >= 18")
        chosen = browser.eval(f"{first}.filter(b => b.getAttribute('aria-pressed') === 'true')"
                              ".map(b => b.innerText)")
        assert len(chosen) == 1 and "Correct timing" in chosen[0]
    vid = href.split("/video/")[1].split("?")[0]
    with Store(home / "demo.sqlite") as store:
        [label] = [lab for lab in store.labels() if lab.video_id == vid and lab.source == "web"
                   and lab.kind == "productive"]
    assert label.value == 1 and label.feed_moment


@pytest.mark.browser
def test_the_labeller_as_a_person_sees_it(tmp_path):
    """``python label_app.py paths=demo``: no Deploy button, even buttons, a thumbnail (placeholder offline)."""
    from browser import Browser
    from showcase import seed_showcase

    home = tmp_path / "home"
    home.mkdir()
    seed_showcase(home)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = start_server([str(REPO / "label_app.py"), "paths=demo", f"port={port}"], home, tmp_path, url)
    try:
        with Browser(tmp_path / "chromium", (1100, 900)) as browser:
            browser.open(url, ready="[...document.querySelectorAll('button')].some(b => b.innerText.includes('Interest'))")
            browser.wait_for("[...document.querySelectorAll('img')].some(i => i.complete && i.naturalWidth > 0)")
            text = browser.eval("document.body.innerText")
            assert "Deploy" not in text and "Label your YouTube history" in text
            widths = browser.eval("""[...document.querySelectorAll('button')]
                .filter(b => ['Skip', 'Previous', 'Undo', 'Load data'].includes(b.innerText.trim()))
                .map(b => Math.round(b.getBoundingClientRect().width))""")
            assert len(widths) == 4 and max(widths) - min(widths) <= 2, widths  # even buttons
            colour = browser.eval("""getComputedStyle([...document.querySelectorAll('button')]
                .find(b => b.innerText.trim().endsWith('Interest') && !b.innerText.includes('Uninterest'))).backgroundColor""")
            assert colour != "rgb(255, 75, 75)", colour  # not Streamlit's alarm red
            shot = keep(browser.screenshot(tmp_path / "labeller.png"))
    finally:
        stop(proc)
    assert shot.stat().st_size > 20_000
    log = proc.stdout.read()
    assert "Inotify" not in log and "Traceback" not in log, log[-2000:]


def test_serve_writes_nothing_but_its_session_secret(vrdndi_home, tmp_path):
    """No run folder, no .hydra/, no log file, no empty store: a fresh data home keeps only the secret."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    proc = start_server([str(REPO / "serve.py"), f"web.port={port}"], vrdndi_home, cwd, url)
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            assert b"There is no feed yet." in response.read()
    finally:
        stop(proc)
    made = sorted(str(p.relative_to(vrdndi_home)) for p in vrdndi_home.rglob("*"))
    assert made == ["secrets", "secrets/web_storage_secret"], made
    assert list(cwd.iterdir()) == []  # and nothing in the folder it was started from
