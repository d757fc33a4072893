"""The wheel is a complete vrdndi: it carries the config tree (conf/ as vrdndi/conf) and every package,
and an installed copy composes its config and answers --help from a folder outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from omegaconf import OmegaConf

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the built wheel, a folder it is unpacked into as site-packages would hold it)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # build from a copy: the checkout gets no build/ folder
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("vrdndi", "conf"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(source),
                    "-w", str(tmp / "dist")], check=True, capture_output=True, text=True)
    wheel = next((tmp / "dist").glob("vrdndi-*.whl"))
    site = tmp / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return wheel, site


def test_the_wheel_holds_the_whole_config_tree_and_every_package(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    configs = {f"vrdndi/conf/{p.relative_to(ROOT / 'conf').as_posix()}" for p in (ROOT / "conf").rglob("*.yaml")}
    assert configs and configs <= names, sorted(configs - names)[:5]
    packages = {f"{p.parent.relative_to(ROOT).as_posix()}/__init__.py" for p in (ROOT / "vrdndi").rglob("__init__.py")}
    assert packages <= names, sorted(packages - names)  # pyproject.toml's explicit package list is complete
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    scripts = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "vrdndi = vrdndi.cli:main" in scripts and "vrdndi-train = vrdndi.cli.entry:train_main" in scripts


def _run_installed(site: Path, cwd: Path, code: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site), "VRDNDI_HOME": str(cwd / "home")}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def test_an_installed_copy_composes_its_config_outside_the_checkout(installed, tmp_path):
    _, site = installed
    where = _run_installed(site, tmp_path, "import vrdndi, vrdndi.config as c; print(vrdndi.__file__); print(c.CONF_DIR)")
    assert where.returncode == 0, where.stderr
    module_file, conf_dir = where.stdout.split()
    assert Path(module_file).is_relative_to(site) and Path(conf_dir) == site / "vrdndi" / "conf"

    train = _run_installed(site, tmp_path, "import sys; sys.argv[0] = 'vrdndi-train'; "
                           "from vrdndi.cli.entry import train_main; train_main()", "--cfg", "job", "model=hybrid")
    assert train.returncode == 0, train.stderr
    cfg = OmegaConf.create(train.stdout)
    assert cfg.model.net._target_ == "vrdndi.models.network.HybridNet" and cfg.backbone.kind == "minilm"

    cli = _run_installed(site, tmp_path, "import sys; sys.argv[0] = 'vrdndi'; from vrdndi.cli import main; "
                         "sys.exit(main())", "--help")
    assert cli.returncode == 0 and "usage" in cli.stdout.lower(), cli.stderr
    assert not (tmp_path / "home").exists() and sorted(p.name for p in tmp_path.iterdir()) == []
