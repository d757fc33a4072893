"""What the terminal shows and what the entry points leave behind, run as a user runs them (real processes):
every user error is one line and exit 2; training prints each line once, no library chatter or warnings,
and ends with the best checkpoint's metrics; a failed run, ``vrdndi doctor`` and an ActivityWatch import
leave no litter and no aw_transform warnings; each script's --help is about that script."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import tiny_store

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], home: Path, *, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, VRDNDI_HOME=str(home))
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd or ROOT, env=env, timeout=timeout)


@pytest.mark.parametrize("script, args, says", [
    ("train.py", ["model=hybird"], "model=hybird: no such option in config group 'model'; choose one of"),
    ("serve.py", ["web.port=abc"], "web.port='abc'"),
    ("predict.py", ["predict.days=abc"], "predict.days='abc'"),
    ("predict.py", ["nosuchkey=1"], "nosuchkey: no such setting"),
    ("label_app.py", ["paths=nowhere"], "paths=nowhere"),
])
def test_a_user_error_is_one_line_and_exit_2(tmp_path, script, args, says):
    out = run([sys.executable, str(ROOT / script), *args], tmp_path / "home", cwd=tmp_path)
    assert out.returncode == 2, out.stderr[-2000:]
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{script}: error: ") and says in lines[0], out.stderr
    assert "Traceback" not in out.stderr


def test_training_prints_each_line_once_without_library_chatter_and_ends_with_its_metrics(tmp_path):
    home = tmp_path / "home"
    store = tiny_store(home / "vrdndi.sqlite")
    out = run([sys.executable, str(ROOT / "train.py"), f"data.store={store}", "backbone=tiny",
               "trainer.max_epochs=2", "data.batch_size=8"], home, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", out.stdout + out.stderr)  # the progress bars' cursor moves
    # log lines (progress bars redraw themselves with \r and are not log lines)
    lines = [ln.strip() for ln in re.split(r"[\r\n]+", text) if ln.strip() and not re.search(r"\d+it/s|it/s]|\|", ln)]
    messages = [re.sub(r"^\d\d:\d\d:\d\d [A-Z]+ [\w.]+: ", "", ln) for ln in lines]
    assert any(m.startswith("run dir ") for m in messages) and "run dir " not in lines[0].split(":")[0]
    # the default ensemble's second training says the same things about the same data: count up to it
    second = next(i for i, m in enumerate(messages) if m.startswith("ensemble: member 2 of 2"))
    first = messages[:second]
    repeated = {m for m in first if first.count(m) > 1 and not m.startswith(("EMA-F1", "interest", "productive"))}
    assert not repeated, repeated
    for chatter in ("Warning", "warn(", "litlogger", "weights_only", "Total FLOPs", "modules in eval mode",
                    "GPU available", "pytree", "LeafSpec"):
        assert chatter not in text, (chatter, text[-3000:])
    table = text[text.index("best checkpoint (epoch"):]
    metrics = json.loads(next((home / "runs" / "train").glob("*/metrics.json")).read_text())
    f1 = metrics["best_val_metrics"]["val/productive_f1"]
    assert re.search(rf"productive F1\s+{f1:.3f}", table), table
    assert "EMA-F1 (chooses the best)" in table and metrics["best_ckpt"] in table
    assert "+ 1 more ensemble member, scored with it" in table and metrics["ensemble"][0]["best_ckpt"] in table


def test_verbose_true_shows_the_library_lines_again(tmp_path):
    home = tmp_path / "home"
    store = tiny_store(home / "vrdndi.sqlite", hours=48)
    out = run([sys.executable, str(ROOT / "train.py"), f"data.store={store}", "backbone=tiny",
               "trainer.max_epochs=1", "data.batch_size=8", "verbose=true", "ensemble=[]"], home, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    text = out.stdout + out.stderr
    assert "GPU available" in text and text.count("GPU available") == 1  # shown, and once (one trainer: one model)


def test_a_failed_training_run_leaves_no_run_folder(tmp_path):
    home = tmp_path / "home"
    from vrdndi.store import Store

    Store(home / "empty.sqlite").close()
    out = run([sys.executable, str(ROOT / "train.py"), f"data.store={home / 'empty.sqlite'}", "backbone=tiny"],
              home, cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.strip().splitlines()[-1].startswith("train.py: error: ")
    assert not (home / "runs").exists(), sorted(str(p) for p in (home / "runs").rglob("*"))


def test_doctor_looks_and_writes_nothing(tmp_path):
    home = tmp_path / "home"
    out = run([sys.executable, "-m", "vrdndi.cli", "doctor"], home, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "FAIL  store: no store yet" in out.stdout and "python train.py experiment=demo" in out.stdout
    assert "ok    time of day: " in out.stdout  # the zone the features read (auto: the system's here)
    assert sorted(p.name for p in home.rglob("*")) == []  # no empty store, no runs/ or cache/
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def _overlapping_export(path: Path) -> Path:
    """An ActivityWatch export whose window events overlap (real exports have many): aw-transform's flood
    logs a warning per overlap."""
    events = [{"timestamp": f"2024-03-01T09:{m:02d}:{s:02d}+00:00", "duration": 75.0,
               "data": {"app": "code", "title": f"file{i}.py"}}
              for i, (m, s) in enumerate((i // 2, 30 * (i % 2)) for i in range(40))]
    bucket = {"id": "aw-watcher-window_desk", "type": "currentwindow", "client": "aw-watcher-window",
              "hostname": "desk", "created": "2024-03-01T00:00:00+00:00", "events": events}
    path.write_text(json.dumps({"buckets": {"aw-watcher-window_desk": bucket}}), encoding="utf-8")
    return path


def test_an_activitywatch_import_prints_no_aw_transform_warnings(tmp_path):
    export = _overlapping_export(tmp_path / "export.json")
    home = tmp_path / "home"
    out = run([sys.executable, "-m", "vrdndi.cli", "ingest", "aw", str(export)], home, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "aw_transform" not in out.stderr and "WARNING" not in out.stderr, out.stderr[-2000:]
    from vrdndi.store import Store

    with Store(home / "vrdndi.sqlite") as store:
        assert store.counts()["app_events"] > 0
    loud = run([sys.executable, "-m", "vrdndi.cli", "-v", "ingest", "aw", str(export)], tmp_path / "home2",
               cwd=tmp_path)
    assert "aw_transform" in loud.stderr  # the overlaps are there; -v shows what was merged


def test_each_scripts_help_is_about_that_script(tmp_path):
    predict = run([sys.executable, str(ROOT / "predict.py"), "--help"], tmp_path / "home", cwd=tmp_path).stdout
    assert predict.startswith("python predict.py [ckpt=best]")
    assert "feed: default" in predict and "paths=demo predict=demo" in predict
    assert "\ntrainer:" not in predict and "\nlora:" not in predict and "\nsampler:" not in predict
    serve = run([sys.executable, str(ROOT / "serve.py"), "--help"], tmp_path / "home", cwd=tmp_path).stdout
    assert "web: default" in serve and "http://127.0.0.1:8080/" in serve and "\nbackbone:" not in serve
    train = run([sys.executable, str(ROOT / "train.py"), "--help"], tmp_path / "home", cwd=tmp_path).stdout
    assert "experiment=demo" in train and "model: base, hybrid, two_tower" in train
    label = run([sys.executable, str(ROOT / "label_app.py"), "--help"], tmp_path / "home", cwd=tmp_path)
    assert label.returncode == 0 and label.stdout.startswith("python label_app.py") and "127.0.0.1:8501" in label.stdout
    cli = run([sys.executable, "-m", "vrdndi.cli", "--help"], tmp_path / "home", cwd=tmp_path).stdout
    assert "non-Hydra" not in cli and "python serve.py" in cli
    doctor = run([sys.executable, "-m", "vrdndi.cli", "ingest", "--help"], tmp_path / "home", cwd=tmp_path).stdout
    assert doctor.split("\n\n")[1].strip()  # a sub-command opens with what it does


def test_lightning_imported_late_still_prints_each_line_once(tmp_path):
    """Lightning adds a console handler of its own at import (and propagates to the root too): a command
    that imports it after the console is set up (vrdndi schedule, evaluate, the website's refresh) must
    still print each line once."""
    script = ("from vrdndi.console import setup_logging\n"
              "setup_logging(verbose=True)\n"
              "import logging, lightning.pytorch\n"
              "logging.getLogger('lightning.pytorch.trainer').info('late lightning line')\n")
    out = run([sys.executable, "-c", script], tmp_path / "home", cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stderr.count("late lightning line") == 1, out.stderr


def test_training_on_a_home_with_no_store_says_so_and_creates_none(tmp_path):
    home = tmp_path / "home"
    out = run([sys.executable, str(ROOT / "train.py"), "backbone=tiny"], home, cwd=tmp_path)
    assert out.returncode == 2
    assert "vrdndi.sqlite does not exist: bring your data in first" in out.stderr.strip().splitlines()[-1]
    assert not (home / "vrdndi.sqlite").exists() and not (home / "runs").exists()
