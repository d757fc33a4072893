"""Text encoders: ``minilm`` (packaged, offline), ``hf`` (e.g. BAAI/bge-m3 from the HF cache or a path),
``tiny`` (random tiny BERT for tests). Never downloads."""

from __future__ import annotations

from typing import Any

import torch
from transformers import AutoModel, AutoTokenizer, BertConfig, BertModel

from vrdndi.features.encoder import packaged_minilm_path, quiet_transformers, resolve_model_dir


def _get(cfg: Any, key: str, default: Any = None) -> Any:
    return cfg.get(key, default) if hasattr(cfg, "get") else getattr(cfg, key, default)


def model_dir(backbone: Any) -> str:
    kind = _get(backbone, "kind")
    if kind == "minilm":
        return resolve_model_dir("minilm", _get(backbone, "path"))
    if kind == "tiny":
        return str(packaged_minilm_path())  # tokenizer only
    return resolve_model_dir(_get(backbone, "name"), _get(backbone, "path"))


def load_tokenizer(backbone: Any):
    return AutoTokenizer.from_pretrained(model_dir(backbone), local_files_only=True)


def load_backbone(backbone: Any, *, seed: int = 0) -> torch.nn.Module:
    """The encoder module (``model(inputs_embeds=..., attention_mask=...).last_hidden_state``)."""
    quiet_transformers()
    kind = _get(backbone, "kind")
    if kind == "tiny":
        tokenizer = load_tokenizer(backbone)
        config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=int(_get(backbone, "hidden_size", 32)),
                            num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
                            max_position_embeddings=max(128, int(_get(backbone, "max_length", 64)) + 8))
        generator_state = torch.random.get_rng_state()
        torch.manual_seed(seed)  # the same random weights in every process (checkpoints also save them)
        model = BertModel(config, add_pooling_layer=False)
        torch.random.set_rng_state(generator_state)
        return with_gradient_checkpointing(model, backbone)
    model = AutoModel.from_pretrained(model_dir(backbone), local_files_only=True)
    if hasattr(model, "pooler") and model.pooler is not None:
        model.pooler = None  # unused (we mean-pool); keeps "all-linear" LoRA off it
    return with_gradient_checkpointing(model, backbone)


def with_gradient_checkpointing(model: torch.nn.Module, backbone: Any) -> torch.nn.Module:
    """``backbone.gradient_checkpointing: true``: recompute each layer's activations in backward instead of
    keeping them (BGE-M3 at 8k tokens does not fit otherwise; costs ~30% more compute). Non-reentrant
    checkpointing, and input embeddings that require grad, so it also works with frozen weights + LoRA."""
    if not _get(backbone, "gradient_checkpointing", False):
        return model
    if not getattr(model, "supports_gradient_checkpointing", False):
        return model
    model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    model.enable_input_require_grads()  # frozen embeddings -> no grad path into checkpointed blocks otherwise
    return model
