"""The Streamlit labeller, run offline with ``AppTest``: every button, both ends of the list,
and the label rows it leaves in the store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from seeding import SCRIPT_TITLE, seed_history
from streamlit.testing.v1 import AppTest

from vrdndi.apps import labeler
from vrdndi.store import Store

APP = Path(__file__).resolve().parents[2] / "label_app.py"


def labeller_labels(store_path):
    with Store(store_path) as store:
        return {lb.video_id: lb for lb in store.labels("interest") if lb.source == "labeler"}


def start() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def click(app: AppTest, key: str) -> AppTest:
    app.button(key=key).click().run()
    assert not app.exception, app.exception
    return app


def sidebar_values(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.sidebar.metric}


def texts(app: AppTest) -> str:
    parts = [e.value for e in (*app.info, *app.success, *app.error, *app.subheader, *app.caption)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def history(store_path):
    return seed_history(store_path, n_watches=3, n_liked=2)  # 5 videos


def test_walks_the_list_and_stores_labels(history, store_path):
    app = start()
    # watched ones come newest first: seed ids 2, 1, 0 then the rated 3, 4 (a dislike and a like on
    # YouTube: already labelled, counted in the progress)
    assert sidebar_values(app) == {"Video": "1 / 5", "Labelled": "2 / 5"}
    assert "Video number 2" in texts(app)
    click(app, "interest")
    click(app, "uninterest")
    click(app, "skip")
    got = labeller_labels(store_path)
    assert {vid: lb.value for vid, lb in got.items()} == {history[2]: 1, history[1]: 0}
    assert all(lb.moment == "" and lb.labelled_at and lb.kind == "interest" for lb in got.values())
    assert sidebar_values(app) == {"Video": "4 / 5", "Labelled": "4 / 5"}
    assert any("Last saved" in m.value and "Uninterest" in m.value for m in app.sidebar.markdown)
    assert "4 of 5 · disliked" in texts(app)  # marked with where its answer came from


def test_previous_at_the_start_and_skip_past_the_end(history, store_path):
    app = start()
    click(app, "previous")
    assert "This is the first video." in texts(app)
    assert sidebar_values(app)["Video"] == "1 / 5"
    for _ in range(5):
        click(app, "skip")
    assert "All done" in texts(app)
    click(app, "skip")
    click(app, "interest")  # nothing left: no label, no crash
    click(app, "uninterest")
    assert "All done" in texts(app)
    assert labeller_labels(store_path) == {}
    click(app, "previous")
    assert sidebar_values(app)["Video"] == "5 / 5"
    click(app, "interest")
    assert labeller_labels(store_path)[history[4]].value == 1
    assert "All done" in texts(app)


def test_undo_at_the_start_then_undo_steps_back(history, store_path):
    app = start()
    click(app, "undo")
    assert "Nothing to undo yet." in texts(app)
    click(app, "interest")
    click(app, "interest")
    assert len(labeller_labels(store_path)) == 2
    click(app, "undo")
    assert set(labeller_labels(store_path)) == {history[2]}
    assert sidebar_values(app)["Video"] == "2 / 5"
    assert "Undone" in texts(app)
    click(app, "undo")
    assert labeller_labels(store_path) == {}
    assert sidebar_values(app)["Video"] == "1 / 5"
    click(app, "undo")
    assert "Nothing to undo yet." in texts(app)


def test_undo_of_a_changed_answer_restores_the_old_one(history, store_path):
    app = start()
    click(app, "interest")
    click(app, "previous")
    click(app, "uninterest")
    assert labeller_labels(store_path)[history[2]].value == 0
    click(app, "undo")
    assert labeller_labels(store_path)[history[2]].value == 1


def test_load_data_resumes_at_the_first_unlabelled(history, store_path):
    labeler.save_interest(store_path, history[2], 1)
    labeler.save_interest(store_path, history[1], 0)
    app = start()
    assert sidebar_values(app) == {"Video": "3 / 5", "Labelled": "4 / 5"}
    click(app, "previous")
    click(app, "previous")
    assert sidebar_values(app)["Video"] == "1 / 5"
    labeler.save_interest(store_path, history[0], 1)  # labelled elsewhere meanwhile
    click(app, "load")
    # the rest were liked or disliked on YouTube: nothing left to ask
    assert sidebar_values(app) == {"Video": "5 / 5", "Labelled": "5 / 5"}
    assert "Loaded 5 videos" in texts(app) and "All done" in texts(app)


def test_already_answered_videos_are_skipped_marked_and_counted_and_shorts_left_out(store_path):
    """A video liked on YouTube, clicked on the website or imported is not asked again: the labeller
    starts at and moves on to videos without an answer, marks the answered ones, and counts them."""
    from vrdndi.store import Label, Video, Watch

    ids = seed_history(store_path, n_watches=4, n_liked=0)  # watched: 3, 2, 1, 0 (newest first)
    with Store(store_path) as store:
        store.add_labels([Label(ids[3], "interest", 1, "like"), Label(ids[1], "interest", 0, "web",
                                                                       moment="2024-05-01T09:00:00+00:00")])
        store.upsert_videos([Video("short000001", title="A short", duration_s=40.0, is_short=True,
                                   published_at="2024-05-01T00:00:00+00:00")])
        store.upsert_watches([Watch("short000001", "2099-01-01T00:00:00+00:00", "takeout")])
    items = labeler.load_items(store_path)
    assert [item.video_id for item in items] == [ids[3], ids[2], ids[1], ids[0]]  # no Short
    assert "liked on YouTube" in items[0].origin
    assert "short000001" in {item.video_id for item in labeler.load_items(store_path, include_shorts=True)}
    app = start()
    assert sidebar_values(app) == {"Video": "2 / 4", "Labelled": "2 / 4"}  # starts after the liked one
    click(app, "interest")  # ids[2]; ids[1] has a web answer: skipped
    assert sidebar_values(app) == {"Video": "4 / 4", "Labelled": "3 / 4"}
    click(app, "previous")
    assert "Your answer: Uninterest" in texts(app)  # an answered video shown on the way back is marked


def test_empty_store_explains_itself(store_path):
    app = start()
    assert "Nothing to label yet" in texts(app)
    for key in ("interest", "uninterest", "skip", "previous", "undo", "load"):
        click(app, key)
    assert labeller_labels(store_path) == {}


def test_titles_are_shown_literally(store_path):
    seed_history(store_path, n_watches=1, n_liked=0)  # video 0 has a <script> title
    app = start()
    assert app.subheader[0].value == labeler.md_text(SCRIPT_TITLE)
    assert not app.get("html")  # nothing is rendered as raw HTML


def test_store_path_override_after_double_dash(tmp_path, monkeypatch):
    other = tmp_path / "elsewhere.sqlite"
    seed_history(other, n_watches=2, n_liked=0)
    monkeypatch.setattr(sys, "argv", ["label_app.py", f"paths.store={other}"])
    app = start()
    assert sidebar_values(app)["Video"] == "1 / 2"
    click(app, "interest")
    assert len(labeller_labels(other)) == 1


def test_bad_override_is_one_line(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["label_app.py", "paths.nope.deeper=1", "=="])
    app = start()
    assert app.error and "\n" not in app.error[0].value


def _listening_addresses(port: int) -> set[str]:
    """The local addresses of sockets in LISTEN state on ``port`` (Linux /proc/net/tcp{,6})."""
    found = set()
    for name in ("tcp", "tcp6"):
        table = Path("/proc/net") / name
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                raw = bytes.fromhex(address)
                if len(raw) == 4:
                    found.add(".".join(str(b) for b in reversed(raw)))
                else:  # four little-endian 32-bit words
                    words = [raw[i:i + 4][::-1] for i in range(0, 16, 4)]
                    import ipaddress

                    found.add(str(ipaddress.IPv6Address(b"".join(words))))
    return found


def _serve_labeller(cmd: list[str], cwd: Path, port: int, home: Path) -> set[str]:
    import os
    import time
    import urllib.request

    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux /proc/net/tcp to see where a socket listens")
    env = dict(os.environ, VRDNDI_HOME=str(home), HOME=str(home))
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stdout.read()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise AssertionError("the labeller did not answer on 127.0.0.1")
        return _listening_addresses(port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_python_label_app_listens_on_loopback_only(tmp_path, vrdndi_home):
    """The README's command, started from anywhere (no .streamlit/config.toml in the folder)."""
    port = _free_port()
    addresses = _serve_labeller([sys.executable, str(APP), f"port={port}"], tmp_path, port, vrdndi_home)
    assert addresses == {"127.0.0.1"}


def test_streamlit_run_from_the_repository_listens_on_loopback_only(vrdndi_home):
    port = _free_port()
    addresses = _serve_labeller([sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port)],
                                APP.parent, port, vrdndi_home)
    assert addresses == {"127.0.0.1"}


def test_the_server_options_keep_statistics_and_deploy_off():
    argv = labeler.streamlit_argv(APP, ["paths.store=/x.sqlite"])
    options = dict(zip(argv[3:argv.index("--")][::2], argv[3:argv.index("--")][1::2]))
    assert options["--server.address"] == "127.0.0.1" and options["--browser.gatherUsageStats"] == "false"
    assert options["--client.toolbarMode"] == "minimal" and options["--server.port"] == "8501"
    assert argv[argv.index("--") + 1:] == ["paths.store=/x.sqlite"]
    import tomllib

    toml = tomllib.loads((APP.parent / ".streamlit" / "config.toml").read_text())
    assert toml["server"]["address"] == "127.0.0.1" and toml["browser"]["gatherUsageStats"] is False
    # no file watcher (it watched the checkout and its .venv: "Inotify queue overflowed"), calm colours
    assert options["--server.fileWatcherType"] == "none" and toml["server"]["fileWatcherType"] == "none"
    assert options["--theme.primaryColor"] == toml["theme"]["primaryColor"] != "#FF4B4B"


def _image_urls(app: AppTest) -> list[str]:
    return [img.url for e in app.main if type(e).__name__ == "Image" for img in e.proto.imgs]


def test_an_odd_video_id_is_never_markdown_and_thumbnails_stay_on_youtube(store_path, monkeypatch):
    from vrdndi.apps import thumbnails
    from vrdndi.store import Video, Watch

    fetched: list[str] = []  # what the thumbnail cache asks the network for (offline here: nothing comes)
    monkeypatch.setattr(thumbnails, "_fetch", lambda url: fetched.append(url))
    monkeypatch.setattr(thumbnails, "_failed", {})

    odd = "x)![p](https://evil.example/p.png)[a](javascript:alert(1)"
    with Store(store_path) as store:
        store.upsert_videos([Video("good0000001", "Good", thumbnail_url="https://evil.example/pixel.gif"),
                             Video(odd, "Odd")])
        # watched, not yet answered (a liked video is already labelled and skipped)
        store.upsert_watches([Watch("good0000001", "2024-01-02T00:00:00+00:00"), Watch(odd, "2024-01-01T00:00:00+00:00")])
    app = start()
    assert [b.proto.url for b in app.get("link_button")] == ["https://www.youtube.com/watch?v=good0000001"]
    assert fetched == ["https://i.ytimg.com/vi/good0000001/mqdefault.jpg"]  # YouTube's host, not the stored one
    [shown] = _image_urls(app)
    assert "evil.example" not in shown and "ytimg" not in shown  # the placeholder, drawn here
    assert all("evil.example" not in m.value for m in app.markdown)
    click(app, "skip")
    assert app.get("link_button") == []  # no link for the odd id
    assert fetched == ["https://i.ytimg.com/vi/good0000001/mqdefault.jpg"]  # and nothing fetched for it
    assert all("evil.example" not in str(url) for url in _image_urls(app))
    assert all("evil.example" not in m.value for m in app.markdown)


def test_overrides_only_from_our_own_argv():
    assert labeler.overrides_from_argv(["/x/label_app.py", "--", "paths.store=/a"]) == ["paths.store=/a"]
    assert labeler.overrides_from_argv(["pytest", "-k", "a=b"]) == []
