"""The layering of vrdndi/ (pyproject.toml's [tool.importlinter] contracts) holds: every module imports
only from layers below its own (lazy imports inside functions included), and no package has cycles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_layer_contracts_hold():
    out = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                          "sys.exit(lint_imports_command())", "--no-cache"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "2 kept, 0 broken" in out.stdout


def test_the_contracts_see_an_upward_import(tmp_path):
    """The checker is not vacuous: a copy of the package with one upward import (store -> inference) fails."""
    import shutil

    copy = tmp_path / "src"
    shutil.copytree(ROOT / "vrdndi", copy / "vrdndi", ignore=shutil.ignore_patterns("__pycache__", "conf"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    with (copy / "vrdndi" / "store" / "db.py").open("a") as fh:
        fh.write("\n\ndef _upward():\n    from vrdndi.inference import feed  # noqa: F401\n")
    out = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, '.'); "
                          "from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
                          "--no-cache"], cwd=copy, capture_output=True, text=True, timeout=300)
    assert out.returncode != 0 and "vrdndi.store.db -> vrdndi.inference" in out.stdout.replace("\n", " ")
