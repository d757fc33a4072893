"""Bad settings are one line and exit 2 before anything runs (``vrdndi.config_checks``): a wrong type or
an out-of-range value, from the entry scripts as written in the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vrdndi.config import compose
from vrdndi.config_checks import ConfigError, check

ROOT = Path(__file__).resolve().parents[1]

# (entry script, override, words of the one line)
BAD = [
    ("train.py", "data.batch_size=0", "data.batch_size=0: must be at least 1"),
    ("train.py", "sampler.interest_ratio=1.5", "sampler.interest_ratio=1.5: must be at most 1"),
    ("predict.py", "predict.batch_size=0", "predict.batch_size=0: must be at least 1"),
    ("predict.py", "predict.days=1e308", "predict.days=1e+308: must be at most"),
    ("train.py", "trainer.max_epochs=-1", "trainer.max_epochs=-1: must be at least 1"),
    ("train.py", "context.window_hours=-1", "context.window_hours=-1.0: must be more than 0"),
    ("predict.py", "feed.page_size=0", "feed.page_size=0: must be at least 1"),
    ("serve.py", "feed.page_size=0", "feed.page_size=0: must be at least 1"),
]


@pytest.mark.parametrize("script, override, words", BAD, ids=[f"{s}-{o}" for s, o, _ in BAD])
def test_bad_value_is_one_line_exit_2_before_anything_runs(script, override, words, vrdndi_home, tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / script), override], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120, env=_env(vrdndi_home))
    assert out.returncode == 2, out.stderr[-2000:]
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], out.stderr[-2000:]
    assert not (vrdndi_home / "vrdndi.sqlite").exists()  # nothing ran: not even the store was opened
    assert not list(vrdndi_home.glob("**/checkpoints"))


def _env(home: Path) -> dict[str, str]:
    import os

    env = dict(os.environ, VRDNDI_HOME=str(home))
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


@pytest.mark.parametrize("config, override, words", [
    ("train", "data.batch_size=abc", "could not be converted to Integer"),
    ("train", "data.batch_size=2.5", "could not be converted to Integer"),
    ("serve", "web.allow_remote=maybe", "not a valid bool"),
    ("serve", "web.port=70000", "must be at most 65535"),
    ("predict", "predict.days=nan", "finite"),
    ("predict", "predict.days=inf", "finite"),
    ("predict", "feed.diversity=mmx", "must be one of none, mmr"),
    ("predict", "feed.productive_weight=2", "must be at most 1"),
    ("train", "context.window_hours=0", "must be more than 0"),
    ("vrdndi", "feed.page_size=0", "must be at least 1"),
    ("serve", "web.quick_timing=-1", "must be at least 0"),
])
def test_wrong_type_or_range_is_one_config_error(config, override, words):
    with pytest.raises(ConfigError) as err:
        check(compose(config, [override]))
    assert "\n" not in str(err.value) and words in str(err.value) and override.split("=")[0] in str(err.value)


@pytest.mark.parametrize("text, value", [("no", False), ("false", False), ("'false'", False), ("off", False),
                                         ("yes", True), ("true", True)])
def test_allow_remote_is_a_real_boolean(text, value):
    cfg = check(compose("serve", [f"web.allow_remote={text}"]))
    assert cfg.web.allow_remote is value


@pytest.mark.parametrize("config, overrides", [
    ("train", []), ("train", ["experiment=demo"]), ("train", ["trainer=ddp"]), ("train", ["split=kfold"]),
    ("train", ["sampler=shuffle"]), ("train", ["debug=fast"]), ("predict", []), ("predict", ["predict=demo"]),
    ("serve", []), ("vrdndi", []), ("label", []),
])
def test_shipped_configs_pass_and_keep_their_values(config, overrides):
    cfg = compose(config, overrides)
    before = str(cfg)
    assert str(check(cfg)) == before
