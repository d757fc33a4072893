"""Training throughput of vrdndi's model vs a bare peft LoRA step on the same backbone and batch shapes,
and the peak memory of a real MiniLM training run. Prints ratios (goal: throughput ratio >= 0.8,
peak memory < 3 GB). Not a test: run it by hand.

    python bench/bench_training.py [--steps 20] [--batch 16] [--tokens 96] [--arch hybrid|base]

Both sides run in this process, one after the other, on the same CPU threads:
- baseline: peft.get_peft_model(MiniLM, LoRA r=8 all-linear) -> mean pool -> linear -> cross-entropy,
  backward, AdamW step;
- vrdndi: VrdndiModule.training_step (the same backbone with LoRA + heads; hybrid adds the context
  compressor over 32 events) -> backward -> AdamW step, on batches built by vrdndi's BatchBuilder.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]


def timed_steps(step, n: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(n):
        step()
    return n / (time.perf_counter() - start)


def bare_peft(batch: dict[str, torch.Tensor]):
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModel

    from vrdndi.features.encoder import packaged_minilm_path

    model = get_peft_model(AutoModel.from_pretrained(packaged_minilm_path()),
                           LoraConfig(r=8, lora_alpha=16, target_modules="all-linear"))
    head = torch.nn.Linear(model.config.hidden_size, 2)
    params = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=1e-4)
    model.train()

    def step():
        hidden = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1)
        loss = torch.nn.functional.cross_entropy(head(pooled), batch["interest"].clamp(min=0))
        opt.zero_grad()
        loss.backward()
        opt.step()
    return step


def ours(batch: dict[str, torch.Tensor], arch: str):
    from vrdndi.models.module import VrdndiModule

    net = {"_target_": f"vrdndi.models.network.{ {'base': 'TextNet', 'hybrid': 'HybridNet'}[arch] }"}
    module = VrdndiModule(net=net, backbone={"kind": "minilm", "name": "all-MiniLM-L6-v2", "max_length": 256},
                          lora={"enabled": True, "r": 8, "alpha": 16, "dropout": 0.0, "target_modules": "all-linear"},
                          loss={"ignore_index": -100})
    module.log = lambda *a, **k: None  # no trainer attached: logging is Lightning's cost, measured below
    opt = torch.optim.AdamW([p for p in module.parameters() if p.requires_grad], lr=1e-4)
    module.train()

    def step():
        loss = module.training_step(batch, 0)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return step


def make_batch(n: int, tokens: int, events: int) -> dict[str, torch.Tensor]:
    from vrdndi.features.encoder import packaged_minilm_path
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(packaged_minilm_path())
    text = ["Rust async in depth: pinning, wakers and executors explained | Jon | " + "words " * tokens] * n
    enc = tok(text, truncation=True, max_length=tokens, padding="max_length", return_tensors="pt")
    g = torch.Generator().manual_seed(0)
    return {"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"],
            "duration": torch.randn(n, 1, generator=g), "interest": torch.randint(0, 2, (n,), generator=g),
            "productive": torch.randint(0, 2, (n,), generator=g),
            "ctx_emb": torch.randn(n, events, 384, generator=g), "ctx_num": torch.randn(n, events, 3, generator=g),
            "ctx_mask": torch.ones(n, events)}


def peak_memory_of_demo_run(batches: int) -> float:
    """Peak resident memory (GB) of `python train.py experiment=demo` limited to a few batches."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, VRDNDI_HOME=home)
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "train.py"), "experiment=demo", "trainer.max_epochs=1",
                        f"trainer.limit_train_batches={batches}", "trainer.limit_val_batches=5", "test_best=false"],
                       env=env, check=True, capture_output=True)
        print(f"demo run ({batches} batches) took {time.perf_counter() - start:.1f} s")
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--tokens", type=int, default=96)
    parser.add_argument("--events", type=int, default=32)
    parser.add_argument("--arch", default="hybrid", choices=["hybrid", "base"])
    parser.add_argument("--memory-batches", type=int, default=30)
    args = parser.parse_args()
    torch.manual_seed(0)
    batch = make_batch(args.batch, args.tokens, args.events)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, batch {args.batch} x {args.tokens} tokens")
    base = timed_steps(bare_peft(batch), args.steps)
    mine = timed_steps(ours(batch, args.arch), args.steps)
    print(f"bare peft LoRA step : {base:.2f} steps/s ({base * args.batch:.1f} samples/s)")
    print(f"vrdndi {args.arch:6s} step  : {mine:.2f} steps/s ({mine * args.batch:.1f} samples/s)")
    print(f"throughput ratio vrdndi/bare = {mine / base:.2f}  (goal >= 0.8)")
    if args.memory_batches:
        peak = peak_memory_of_demo_run(args.memory_batches)
        print(f"peak RSS of a MiniLM demo training run = {peak:.2f} GB  (goal < 3 GB)")


if __name__ == "__main__":
    main()
