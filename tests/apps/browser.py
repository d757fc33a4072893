"""A real headless Chromium driven over the Chrome DevTools Protocol (no WebDriver needed): open a page at
a desktop or phone size, wait for what a person would see, click, read the DOM, take a screenshot.

Debian's ``chromium`` (scripts/setup.sh installs it) and the ``websockets`` client Streamlit depends on.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
DESKTOP = (1280, 900)
PHONE = (390, 844)


class Browser:
    def __init__(self, profile: Path, size: tuple[int, int] = DESKTOP, *, mobile: bool = False):
        from websockets.sync.client import connect

        profile.mkdir(parents=True, exist_ok=True)
        # Chromium keeps its singleton lock folder (with a Unix socket, so the path must stay short) in
        # TMPDIR and leaves it behind when terminated: give it one of ours and remove it in close()
        self.scratch = Path(tempfile.mkdtemp(prefix="vrdndi-chromium-"))
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-port=0",
             "--remote-allow-origins=*", f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": str(self.scratch)})
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.is_file() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=10))
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=30)
        self._ids = itertools.count(1)
        self.call("Page.enable")
        self.call("Runtime.enable")
        width, height = size
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=mobile)

    def call(self, method: str, **params: Any) -> dict:
        msg_id = next(self._ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.recv(timeout=60))
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def eval(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout_s: float = 30.0) -> Any:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                value = self.eval(expression)
            except AssertionError:
                value = None
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for: {expression}")

    def open(self, url: str, ready: str = "document.readyState === 'complete'") -> None:
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'")
        self.wait_for(ready)

    IN_VIEW = "[...document.images].filter(i => i.getBoundingClientRect().top < window.innerHeight)"

    def images_loaded(self) -> None:
        """Every image in the viewport has loaded (lazy ones further down load when scrolled to)."""
        self.wait_for(f"{self.IN_VIEW}.every(i => i.complete && i.naturalWidth > 0)")

    def click_text(self, text: str, selector: str = "button") -> None:
        """Click the first ``selector`` whose visible text (icons aside) is ``text``, in any letter case."""
        found = self.eval(f"""(() => {{
            const want = {json.dumps(text)};
            const el = [...document.querySelectorAll({json.dumps(selector)})].find(
                e => e.innerText.split('\\n').map(s => s.trim().toLowerCase()).includes(want.toLowerCase()));
            if (!el) return false;
            el.click();
            return true;
        }})()""")
        assert found, f"no {selector} saying {text!r}"

    def screenshot(self, path: Path, *, full_page: bool = False) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            height = int(self.eval("document.documentElement.scrollHeight"))
            width = int(self.eval("document.documentElement.clientWidth"))
            params.update(clip={"x": 0, "y": 0, "width": width, "height": min(height, 4000), "scale": 1},
                          captureBeyondViewport=True)
        data = base64.b64decode(self.call("Page.captureScreenshot", **params)["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
