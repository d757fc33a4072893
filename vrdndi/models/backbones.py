"""Text encoders: ``minilm`` (packaged, offline), ``hf`` (e.g. BAAI/bge-m3 from the HF cache or a path),
``tiny`` (random tiny BERT for tests). Never downloads."""

from __future__ import annotations

from typing import Any

import torch
from transformers import AutoModel, BertConfig, BertModel

from vrdndi.features.encoder import load_tokenizer, model_dir, quiet_transformers, setting

__all__ = ["build_encoder", "load_backbone", "load_tokenizer", "mean_pool", "model_dir", "with_gradient_checkpointing"]


def load_backbone(backbone: Any, *, seed: int = 0) -> torch.nn.Module:
    """The encoder module (``model(inputs_embeds=..., attention_mask=...).last_hidden_state``)."""
    quiet_transformers()
    kind = setting(backbone, "kind")
    if kind == "tiny":
        tokenizer = load_tokenizer(backbone)
        config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=int(setting(backbone, "hidden_size", 32)),
                            num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
                            max_position_embeddings=max(128, int(setting(backbone, "max_length", 64)) + 8))
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
    if not setting(backbone, "gradient_checkpointing", False):
        return model
    if not getattr(model, "supports_gradient_checkpointing", False):
        return model
    model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    model.enable_input_require_grads()  # frozen embeddings -> no grad path into checkpointed blocks otherwise
    return model


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Masked mean over tokens: hidden [B, T, H], mask [B, T] -> [B, H]."""
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)


def build_encoder(backbone: dict[str, Any], lora: dict[str, Any], *, full_finetune: bool = False,
                  seed: int = 0) -> tuple[torch.nn.Module, int]:
    """The text encoder with LoRA adapters (or frozen / fully trainable without): (module, hidden size)."""
    encoder = load_backbone(backbone, seed=seed)
    hidden = int(encoder.config.hidden_size)
    if lora.get("enabled", True):
        from peft import LoraConfig, get_peft_model

        target = lora.get("target_modules", "all-linear")
        config = LoraConfig(r=int(lora.get("r", 8)), lora_alpha=int(lora.get("alpha", 16)),
                            lora_dropout=float(lora.get("dropout", 0.0)),
                            target_modules=target if isinstance(target, str) else list(target))
        encoder = get_peft_model(encoder, config)
    else:
        for p in encoder.parameters():
            p.requires_grad_(bool(full_finetune))
    return encoder, hidden
