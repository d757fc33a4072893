"""Scoring throughput of ``Scorer.score`` against the raw backbone on the same texts, same run.

    python bench/bench_scoring.py                    # trains a tiny MiniLM checkpoint on the demo store first
    python bench/bench_scoring.py --ckpt PATH.ckpt --store PATH.sqlite [--n 512] [--batch-size 32]

Baseline: the packaged all-MiniLM-L6-v2 ``AutoModel`` forward + mean pool over the same video texts
(tokenised the same way, same batch size). Prints videos/s for both and the ratio (goal >= 0.8: the
heads, LoRA and context add at most 20% over the encoder). Writes nothing outside a temp folder,
which it removes.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from vrdndi.cli.entry import offline_environment  # noqa: E402  (before torch / transformers load)

offline_environment()

import numpy as np  # noqa: E402
import torch  # noqa: E402


def train_checkpoint(home: Path, arch: str) -> tuple[Path, Path]:
    """A few steps of real training on the demo store (MiniLM backbone, LoRA): (best.ckpt, store)."""
    from vrdndi.config import compose_run
    from vrdndi.train import run as train

    cfg = compose_run("train", [f"paths.home={home}", "data=demo", "backbone=minilm", f"model={arch}", "debug=fast",
                                "lora=default", "test_best=false", "logger=csv",
                                "ensemble=[]"],  # one model against one raw backbone (the default's two cost twice)
                      home / "runs" / "bench")
    result = train(cfg)
    return Path(result["best_ckpt"]), Path(cfg.data.store)


class RawBackbone:
    """The baseline: packaged MiniLM, tokenise + forward + mean pool, nothing else."""

    def __init__(self, max_length: int):
        from transformers import AutoModel, AutoTokenizer

        from vrdndi.features.encoder import packaged_minilm_path

        path = str(packaged_minilm_path())
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModel.from_pretrained(path, local_files_only=True).eval()
        self.max_length = max_length

    @torch.inference_mode()
    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        out = []
        for i in range(0, len(texts), batch_size):
            enc = self.tokenizer(texts[i:i + batch_size], padding=True, truncation=True,
                                 max_length=self.max_length, return_tensors="pt")
            hidden = self.model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            out.append(((hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)).numpy())
        return np.concatenate(out)


def merge_lora(module: torch.nn.Module) -> int:
    """Fold every peft LoRA layer's update into its base weight (inference only); returns how many."""
    merged = 0
    for sub in module.modules():
        if hasattr(sub, "lora_A") and hasattr(sub, "merge"):
            sub.merge()
            merged += 1
    return merged


def best_of(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ckpt", help="checkpoint to score with (default: train a tiny one on the demo store)")
    parser.add_argument("--store", help="store with the videos (and events) to score; required with --ckpt")
    parser.add_argument("--arch", default="base", choices=["base", "hybrid"], help="arch of the trained checkpoint")
    parser.add_argument("--n", type=int, default=512, help="videos to score")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3, help="timed repeats (the best counts)")
    parser.add_argument("--merge-lora", action="store_true",
                        help="merge LoRA adapters after loading (a no-op now: load_scorer merges them "
                             "by default; kept to compare with load_scorer(merge_lora=False))")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.ckpt and not args.store:
        parser.error("--ckpt needs --store")

    tmp = Path(tempfile.mkdtemp(prefix="vrdndi-bench-"))
    os.environ.setdefault("VRDNDI_HOME", str(tmp / "home"))
    try:
        if args.ckpt:
            ckpt, store_path = Path(args.ckpt), Path(args.store)
        else:
            print(f"training a {args.arch} MiniLM checkpoint on the demo store (a few steps)...", flush=True)
            ckpt, store_path = train_checkpoint(tmp / "home", args.arch)

        from vrdndi.features.video import video_text
        from vrdndi.inference.scorer import load_scorer
        from vrdndi.store import Store

        with Store(store_path) as store:
            videos = store.videos()[:args.n]
            if not videos:
                print(f"no videos in {store_path}", file=sys.stderr)
                return 2
            moments = [max(v.published_at for v in videos)] * len(videos)
            scorer = load_scorer(ckpt)
            merged = merge_lora(scorer.module) if args.merge_lora else 0
            backbone = RawBackbone(scorer.max_length)
            texts = [video_text(v) for v in videos]
            # warm up both (first-call allocations, tokenizer caches)
            scorer.score(store, videos[:args.batch_size], moments[:args.batch_size], batch_size=args.batch_size,
                         progress=False)
            backbone.encode(texts[:args.batch_size], args.batch_size)
            # interleave the two so machine noise hits both alike
            t_scorer, t_backbone = [], []
            for _ in range(args.repeats):
                t_backbone.append(best_of(lambda: backbone.encode(texts, args.batch_size), 1))
                t_scorer.append(best_of(lambda: scorer.score(store, videos, moments, batch_size=args.batch_size,
                                                             progress=False), 1))
        n = len(videos)
        scorer_rate, backbone_rate = n / min(t_scorer), n / min(t_backbone)
        print(f"checkpoint: {ckpt} (network {scorer.network}, backbone max_length {scorer.max_length}"
              + (f", LoRA merged in {merged} modules" if args.merge_lora else "") + ")")
        print(f"videos: {n}, batch size {args.batch_size}, torch threads {torch.get_num_threads()}, "
              f"best of {args.repeats}")
        print(f"raw backbone (MiniLM forward + mean pool): {backbone_rate:8.1f} videos/s")
        print(f"Scorer.score:                             {scorer_rate:8.1f} videos/s")
        print(f"ratio Scorer/backbone: {scorer_rate / backbone_rate:.2f} (goal >= 0.8)")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
