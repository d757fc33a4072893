"""Frozen sentence encoder: vrdndi's ``SentenceEncoder`` (sentence-transformers) against the hand-written
mean-pooling encoder it replaced, on the same texts, in the same process.

    python bench/bench_encode.py [--n 3000] [--batch-size 64] [--repeats 3]

The texts are real app-event texts (``category | app | window title``) of a generated evaluation world
(``vrdndi world``, engineer variant): editors with file names, browsers with page titles, chat, meetings,
so lengths vary as they do in a person's ActivityWatch data. The baseline is the previous implementation:
``AutoModel`` + tokenizer, batches in the given order, padded to the longest text of each batch, mean
pooling and L2 normalisation. Prints texts/s of both, the ratio (new / old), the load and import times,
and the largest difference between the two embeddings (cosine). Writes only to a temp folder.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from vrdndi.cli.entry import offline_environment  # noqa: E402  (before torch / transformers load)

offline_environment()

import numpy as np  # noqa: E402
import torch  # noqa: E402


class HandWrittenEncoder:
    """The encoder before sentence-transformers (vrdndi 0.1's features/encoder.py), kept as the baseline."""

    def __init__(self, model_dir: str, max_length: int = 128):
        from transformers import AutoModel, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        self.model = AutoModel.from_pretrained(model_dir, local_files_only=True).eval()
        self.max_length = max_length

    @torch.inference_mode()
    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        out = []
        for i in range(0, len(texts), batch_size):
            batch = self.tokenizer(texts[i:i + batch_size], padding=True, truncation=True,
                                   max_length=self.max_length, return_tensors="pt")
            hidden = self.model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            out.append(torch.nn.functional.normalize(pooled, dim=-1).numpy())
        return np.concatenate(out)


def world_texts(n: int, folder: Path) -> list[str]:
    """``n`` distinct event texts of a generated world's ActivityWatch export, in time order."""
    from vrdndi.sources.world import write_world

    write_world(folder, seed=0, days=40, variant="engineer")
    buckets = json.loads((folder / "events.json").read_text())["buckets"]
    texts = [f"Uncategorized | {e['data'].get('app', '')} | {e['data'].get('title', '')}"
             for bucket in buckets.values() if bucket.get("type") == "currentwindow" for e in bucket["events"]]
    texts = list(dict.fromkeys(texts))
    if len(texts) < n:
        raise SystemExit(f"the world has only {len(texts)} distinct window texts (asked for {n})")
    return texts[:n]


def best_rate(fn, texts: list[str], repeats: int) -> tuple[float, np.ndarray]:
    best, out = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        out = fn(texts)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="texts to encode")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs each")
    args = parser.parse_args()
    started = time.perf_counter()
    import sentence_transformers  # noqa: F401  (its import cost is part of the change)
    import_s = time.perf_counter() - started

    from vrdndi.features.encoder import SentenceEncoder, quiet_transformers, resolve_model_dir

    quiet_transformers()

    model_dir = resolve_model_dir("minilm")
    with tempfile.TemporaryDirectory() as tmp:
        texts = world_texts(args.n, Path(tmp) / "world")
    started = time.perf_counter()
    old = HandWrittenEncoder(model_dir)
    old_load = time.perf_counter() - started
    started = time.perf_counter()
    new = SentenceEncoder(model_dir)
    new_load = time.perf_counter() - started
    new.encode(texts[:64]), old.encode(texts[:64], args.batch_size)  # warm-up
    old_rate, old_vectors = best_rate(lambda t: old.encode(t, args.batch_size), texts, args.repeats)
    new_rate, new_vectors = best_rate(lambda t: new.encode(t, batch_size=args.batch_size), texts, args.repeats)
    cosine = (old_vectors * new_vectors).sum(1)
    lengths = [len(x) for x in old.tokenizer(texts, truncation=True, max_length=128)["input_ids"]]
    print(f"{len(texts)} world event texts, {np.mean(lengths):.0f} tokens on average (max {max(lengths)}), "
          f"batch {args.batch_size}, {torch.get_num_threads()} threads")
    print(f"hand-written mean pooling: {old_rate:8.0f} texts/s   load {old_load:.2f} s")
    print(f"sentence-transformers:     {new_rate:8.0f} texts/s   load {new_load:.2f} s "
          f"(+ {import_s:.2f} s to import sentence_transformers)")
    print(f"ratio new/old: {new_rate / old_rate:.2f}x   lowest cosine(old, new): {cosine.min():.6f}")


if __name__ == "__main__":
    main()
