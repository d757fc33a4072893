"""GPU budget of BGE-M3 + LoRA training: peak GPU memory and samples/s, gradient checkpointing off vs on.

    python bench/bench_gpu_memory.py [--path DIR] [--seq-len 512] [--batch 4] [--accum 4] [--steps 6]

One optimizer step = ``accum`` micro-batches of ``batch`` random token sequences of ``seq-len`` tokens
(bf16 autocast, AdamW over the LoRA adapters and heads, as trainer=gpu trains). Peak memory is
``torch.cuda.max_memory_allocated`` over the timed steps. Prints both settings and the ratios
on/off (memory < 1 is the saving, samples/s < 1 the recompute cost). Needs a CUDA GPU and BGE-M3 in the
Hugging Face cache (or --path); without either it says so in one line and exits 2.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time


def fail(message: str) -> None:
    print(f"bench_gpu_memory: {message}", file=sys.stderr)
    sys.exit(2)


def measure(args: argparse.Namespace, *, checkpointing: bool) -> dict[str, float]:
    import torch

    from vrdndi.models.network import VrdndiNet

    backbone = {"kind": "hf", "name": args.name, "path": args.path, "max_length": args.seq_len,
                "gradient_checkpointing": checkpointing}
    lora = {"enabled": True, "r": args.lora_r, "alpha": 2 * args.lora_r, "dropout": 0.05,
            "target_modules": "all-linear"}
    device = torch.device("cuda")
    net = VrdndiNet(arch=args.arch, backbone=backbone, lora=lora, num_out_feature=args.event_dim).to(device).train()
    params = [p for p in net.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=5e-5)
    vocab = int(net.backbone.get_input_embeddings().num_embeddings)
    generator = torch.Generator(device="cpu").manual_seed(0)

    def micro_batch() -> dict[str, torch.Tensor]:
        ids = torch.randint(5, vocab, (args.batch, args.seq_len), generator=generator)
        ids[:, 0] = 0  # <s>
        batch = {"input_ids": ids, "attention_mask": torch.ones_like(ids),
                 "duration": torch.zeros(args.batch, 1), "ctx_emb": torch.randn(args.batch, 32, args.event_dim),
                 "ctx_num": torch.randn(args.batch, 32, 3), "ctx_mask": torch.ones(args.batch, 32),
                 "interest": torch.randint(0, 2, (args.batch,)), "productive": torch.randint(0, 2, (args.batch,))}
        return {k: v.to(device, non_blocking=True) for k, v in batch.items()}

    def step() -> None:
        for _ in range(args.accum):
            batch = micro_batch()
            with torch.autocast("cuda", dtype=torch.bfloat16):
                interest, productive = net(batch)
            loss = (torch.nn.functional.cross_entropy(interest.float(), batch["interest"])
                    + torch.nn.functional.cross_entropy(productive.float(), batch["productive"])) / args.accum
            loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)

    step()  # warm-up: kernels, allocator, optimizer state
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    result = {"peak_gib": torch.cuda.max_memory_allocated() / 2**30,
              "samples_per_s": args.steps * args.accum * args.batch / seconds,
              "trainable_m": sum(p.numel() for p in params) / 1e6}
    del net, optimizer, params
    gc.collect()
    torch.cuda.empty_cache()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="BAAI/bge-m3", help="Hugging Face id (from the local cache)")
    parser.add_argument("--path", default=None, help="a local copy of the model instead of the cache")
    parser.add_argument("--arch", default="hybrid", choices=["base", "hybrid"])
    parser.add_argument("--seq-len", type=int, default=512)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--accum", type=int, default=4)
    parser.add_argument("--steps", type=int, default=6, help="timed optimizer steps per setting")
    parser.add_argument("--lora-r", type=int, default=8)
    parser.add_argument("--event-dim", type=int, default=384, help="event-embedding width (the context encoder's)")
    args = parser.parse_args()

    import torch

    if not torch.cuda.is_available():
        fail("no CUDA GPU here (torch.cuda.is_available() is False): run it on a GPU machine "
             "with a CUDA build of torch")
    from vrdndi.cli.entry import offline_environment

    offline_environment()  # HF_HUB_OFFLINE: never download
    from vrdndi.errors import NotAvailableError
    from vrdndi.features.encoder import resolve_model_dir

    try:
        resolve_model_dir(args.name, args.path)
    except NotAvailableError as err:
        fail(str(err))

    print(f"{torch.cuda.get_device_name()} | {args.name} + LoRA r{args.lora_r}, {args.arch}, "
          f"batch {args.batch} x accumulation {args.accum}, {args.seq_len} tokens, bf16 autocast")
    results = {}
    for checkpointing in (False, True):
        try:
            results[checkpointing] = measure(args, checkpointing=checkpointing)
        except torch.cuda.OutOfMemoryError:
            results[checkpointing] = {"peak_gib": float("nan"), "samples_per_s": 0.0, "trainable_m": float("nan")}
            torch.cuda.empty_cache()
            print(f"gradient checkpointing {'on' if checkpointing else 'off'}: out of GPU memory")
            continue
        r = results[checkpointing]
        print(f"gradient checkpointing {'on ' if checkpointing else 'off'}: peak {r['peak_gib']:.2f} GiB, "
              f"{r['samples_per_s']:.1f} samples/s ({r['trainable_m']:.2f} M trainable)")
    off, on = results[False], results[True]
    if off["samples_per_s"] and on["samples_per_s"]:
        print(f"ratio on/off: peak memory {on['peak_gib'] / off['peak_gib']:.2f}, "
              f"samples/s {on['samples_per_s'] / off['samples_per_s']:.2f}")


if __name__ == "__main__":
    main()
