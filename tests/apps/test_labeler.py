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
    # watched ones come newest first: seed ids 2, 1, 0 then the rated 3, 4
    assert sidebar_values(app) == {"Video": "1 / 5", "Labelled": "0 / 5"}
    assert "Video number 2" in texts(app)
    click(app, "interest")
    click(app, "uninterest")
    click(app, "skip")
    got = labeller_labels(store_path)
    assert {vid: lb.value for vid, lb in got.items()} == {history[2]: 1, history[1]: 0}
    assert all(lb.moment == "" and lb.labelled_at and lb.kind == "interest" for lb in got.values())
    assert sidebar_values(app) == {"Video": "4 / 5", "Labelled": "2 / 5"}
    assert any("Last saved" in m.value and "Uninterest" in m.value for m in app.sidebar.markdown)


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
    assert sidebar_values(app) == {"Video": "3 / 5", "Labelled": "2 / 5"}
    click(app, "previous")
    click(app, "previous")
    assert sidebar_values(app)["Video"] == "1 / 5"
    labeler.save_interest(store_path, history[0], 1)  # labelled elsewhere meanwhile
    click(app, "load")
    assert sidebar_values(app) == {"Video": "4 / 5", "Labelled": "3 / 5"}
    assert "Loaded 5 videos" in texts(app)


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


def test_python_label_app_prints_how_to_start_it():
    out = subprocess.run([sys.executable, str(APP)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert "streamlit run label_app.py" in out.stdout


def test_overrides_only_from_our_own_argv():
    assert labeler.overrides_from_argv(["/x/label_app.py", "--", "paths.store=/a"]) == ["paths.store=/a"]
    assert labeler.overrides_from_argv(["pytest", "-k", "a=b"]) == []
