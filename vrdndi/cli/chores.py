"""General ``vrdndi`` sub-commands: ``doctor`` (what works on this machine), ``stats`` (the store),
``demo`` (build the demo store)."""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
from pathlib import Path

from vrdndi import paths
from vrdndi.config import command_settings


def cmd_stats(args: argparse.Namespace) -> int:
    from vrdndi.store import Store

    cfg = command_settings(args)
    with Store(cfg.paths.store) as store:
        info = {"store": str(store.path), "schema_version": store.schema_version, "rows": store.counts(),
                "last_training_run": store.get("train.last_run")}
        run = store.latest_feed_run()
        info["latest_feed"] = None if run is None else {"moment": run.moment, "checkpoint": run.checkpoint,
                                                        "mode": run.mode, "items": run.n_items}
    print(json.dumps(info, indent=2))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from vrdndi.sources.demo import build_demo_store
    from vrdndi.store import Store
    from vrdndi.timeutil import now_utc, parse_time

    target = Path(args.out) if args.out else paths.demo_store_path()
    end = now_utc() if args.end == "now" else (parse_time(args.end) if args.end else None)
    with Store(target) as store:
        summary = build_demo_store(store, seed=args.seed, days=args.days, end=end)
        counts = store.counts()
    print(f"demo store {target}: {counts['videos']} videos, {counts['app_events']} app events, "
          f"{counts['labels']} labels")
    del summary
    return 0


def _check(name: str, fn) -> tuple[bool, str]:
    try:
        detail = fn()
        return True, f"ok    {name}: {detail}"
    except Exception as exc:  # doctor reports, never crashes
        return False, f"FAIL  {name}: {' '.join(str(exc).split())[:200]}"


def cmd_doctor(args: argparse.Namespace) -> int:
    """One line per part: what works here and what to do about what does not."""
    cfg = command_settings(args)
    checks = []

    def torch_info():
        import torch

        return f"torch {torch.__version__}, cuda {'yes' if torch.cuda.is_available() else 'no'}"

    def store_info():
        from vrdndi.store import Store

        path = Path(str(cfg.paths.store))
        if not path.is_file():  # doctor looks, never writes: no empty store
            demo = Path(str(cfg.paths.home)) / "demo.sqlite"
            hint = ("; the demo store exists: add paths=demo to a command" if demo.is_file()
                    else "; or try the demo: python train.py experiment=demo")
            raise FileNotFoundError(f"no store yet at {path}: bring data in with `vrdndi ingest ...`{hint}")
        with Store(path, readonly=True) as store:
            return f"{store.path} (schema v{store.schema_version}, {store.counts()['labels']} labels)"

    def minilm():
        from vrdndi.features.encoder import SentenceEncoder

        return f"packaged all-MiniLM-L6-v2, dim {SentenceEncoder.load('minilm').dim}"

    def bge_m3():
        from vrdndi.features.encoder import resolve_model_dir

        return resolve_model_dir("BAAI/bge-m3")

    def activitywatch():
        import requests

        aw = cfg.sources.activitywatch
        url = f"http://{aw.host}:{aw.port}/api/0/info"
        resp = requests.get(url, timeout=3)
        resp.raise_for_status()
        return f"{url} answers (version {resp.json().get('version', '?')})"

    def youtube():
        token = Path(cfg.sources.youtube.token)
        if token.exists():
            return f"token at {token}"
        secret = cfg.sources.youtube.client_secret
        raise FileNotFoundError(f"no token yet; set sources.youtube.client_secret (now {secret}) "
                                "and run `vrdndi ingest youtube`")

    def chromium():
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            raise FileNotFoundError("chromium not found (only the browser test needs it)")
        return exe

    def time_zone():
        from vrdndi.features.zone import zone_of_config

        return zone_of_config(cfg).reason

    def package(name: str):
        return lambda: getattr(importlib.import_module(name), "__version__", "installed")

    for name, fn in [("python", lambda: sys.version.split()[0]), ("torch", torch_info),
                     ("lightning", package("lightning")), ("transformers", package("transformers")),
                     ("peft", package("peft")), ("store", store_info), ("time of day", time_zone),
                     ("backbone minilm", minilm),
                     ("backbone bge_m3 (optional, GPU)", bge_m3), ("activitywatch", activitywatch),
                     ("youtube", youtube), ("chromium (tests)", chromium)]:
        ok, line = _check(name, fn)
        checks.append(ok)
        print(line)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check what works on this machine",
                       description="One line per part (Python packages, the store, the backbones, ActivityWatch, "
                                   "YouTube, chromium): ok, or FAIL with what to do about it. Writes nothing.")
    p.add_argument("overrides", nargs="*", help="config overrides, e.g. sources.activitywatch.port=5666")
    p.set_defaults(func=cmd_doctor)
    p = sub.add_parser("stats", help="row counts, last training run and latest feed of the store",
                       description="Row counts per table, the last training run and the latest feed, as JSON.")
    p.add_argument("overrides", nargs="*")
    p.set_defaults(func=cmd_stats)
    p = sub.add_parser("demo", help="build the deterministic demo store (a month of one person's life)",
                       description="Build $VRDNDI_HOME/demo.sqlite: a fictional developer's month (600 videos, "
                                   "app events, labels), apart from your own data. Use it with paths=demo "
                                   "(python predict.py paths=demo predict=demo ckpt=best).")
    p.add_argument("--out", help="store file (default: $VRDNDI_HOME/demo.sqlite)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--days", type=int, default=30)
    p.add_argument("--end", help="last moment of the month: ISO time with offset, or 'now' (default: fixed)")
    p.set_defaults(func=cmd_demo)
