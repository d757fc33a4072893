"""A checkpoint is data, never code: a file that would run code when unpickled is refused before it does,
and the store's registry (which an imported export brings in) can only name checkpoints of our own runs."""

from __future__ import annotations

import json

import pytest
import torch

from vrdndi.cli import main
from vrdndi.errors import VrdndiError
from vrdndi.inference.checkpoints import LAST_RUN_KEY, CheckpointNotFound, resolve_checkpoint
from vrdndi.store import Store


class RunsCode:
    """Unpickling this calls ``open(marker, "w")``: proof that code ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _evil_checkpoint(path, marker):
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"hyper_parameters": {"arch": "base", "x": RunsCode(marker)}, "state_dict": {}}, path)
    return path


def test_a_checkpoint_that_would_run_code_is_refused_without_running_it(tmp_path):
    from vrdndi.inference.scorer import load_scorer

    marker = tmp_path / "code-ran"
    path = _evil_checkpoint(tmp_path / "best.ckpt", marker)
    with pytest.raises(VrdndiError) as err:
        load_scorer(path)
    assert "\n" not in str(err.value) and str(path) in str(err.value) and "refused" in str(err.value)
    assert not marker.exists()


def test_an_imported_registry_cannot_point_ckpt_best_outside_the_runs_folder(vrdndi_home, tmp_path):
    marker = tmp_path / "code-ran"
    evil = _evil_checkpoint(tmp_path / "elsewhere" / "checkpoints" / "best.ckpt", marker)
    export = tmp_path / "export"
    export.mkdir()
    (export / "registry.json").write_text(json.dumps({LAST_RUN_KEY: {"best_ckpt": str(evil),
                                                                      "last_ckpt": str(evil)}}))
    store_path = vrdndi_home / "vrdndi.sqlite"
    assert main(["--store", str(store_path), "import", "registry", str(export / "registry.json")]) == 0
    with Store(store_path) as store:
        assert store.get(LAST_RUN_KEY)["best_ckpt"] == str(evil)
        with pytest.raises(CheckpointNotFound) as err:
            resolve_checkpoint("best", runs_dir=vrdndi_home / "runs", store=store)
    assert "outside" in str(err.value) and "refused" in str(err.value)
    assert not marker.exists()
