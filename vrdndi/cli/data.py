"""``vrdndi`` sub-commands of the sources: ingest, export, import, privacy, auth.

    vrdndi ingest aw [FILE] [--since ISO] [--host NAME ...]    live aw-server, or an AW export JSON
    vrdndi ingest youtube                                     subscriptions, uploads, likes/dislikes
    vrdndi ingest takeout FILE [--no-details]                 watch-history.json
    vrdndi export DIR                                         the whole store, as files
    vrdndi import DIR | import videos|events|labels|watches|channels FILE
    vrdndi privacy forget PATTERN [--field title|app|url] | --all
    vrdndi auth youtube                                       browser consent once; caches the token

Every ingest/import parses all input first and writes in one transaction, then prints one line.
Trailing ``key=value`` words are config overrides (``sources.activitywatch.port=5666``).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from vrdndi.errors import VrdndiError

IMPORT_PARTS = ("videos", "events", "labels", "watches", "channels", "registry")


def settings(args: argparse.Namespace) -> Any:
    from vrdndi.config import command_settings

    return command_settings(args)


def open_store(args: argparse.Namespace, cfg: Any):
    from vrdndi.store import Store

    return Store(getattr(args, "store", None) or cfg.paths.store)


def progress(iterable: Iterable, total: int, desc: str) -> Iterable:
    """A tqdm bar on a terminal (silent when output is not a TTY)."""
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="step", disable=None, leave=False)


def _privacy(cfg: Any):
    from vrdndi.sources.privacy import PrivacyRules

    return PrivacyRules.from_config(cfg.sources.get("privacy"))


def cmd_ingest(args: argparse.Namespace) -> int:
    cfg = settings(args)
    source = args.source
    with open_store(args, cfg) as store:
        if source == "aw":
            from vrdndi.sources import activitywatch

            aw_cfg = cfg.sources.activitywatch
            if args.file:
                report = activitywatch.import_export(store, args.file, rules_file=aw_cfg.get("categories_file"),
                                                     privacy=_privacy(cfg), hostnames=args.host or None,
                                                     progress=progress)
            else:
                live = activitywatch.LiveSettings.from_config(aw_cfg)
                if args.host:
                    live.hostnames = list(args.host)
                from vrdndi.timeutil import parse_time

                since = parse_time(args.since) if args.since else None
                report = activitywatch.ingest_live(store, live, privacy=_privacy(cfg), start=since, progress=progress)
        elif source == "youtube":
            from vrdndi.sources import youtube

            client = youtube.client_from_config(cfg.sources.youtube, interactive=False, store=store)
            report = youtube.ingest_from_config(store, client, cfg.sources, progress=progress)
        elif source == "takeout":
            from vrdndi.sources import takeout, youtube

            if not args.file:
                raise VrdndiError("ingest takeout needs the path of watch-history.json")
            yt_cfg = cfg.sources.youtube
            client = None
            if not args.no_details and youtube.have_credentials(yt_cfg):
                client = youtube.client_from_config(yt_cfg, interactive=False, store=store)  # counted in the day's quota
            report = takeout.ingest(store, args.file, client=client, shorts_max_s=float(cfg.sources.takeout.shorts_max_s),
                                    progress=progress)
        else:  # argparse choices keep us from here
            raise VrdndiError(f"unknown source {source!r}")
    print(report.line())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from vrdndi.sources import transfer

    cfg = settings(args)
    with open_store(args, cfg) as store:
        counts = transfer.export_store(store, args.dir)
    print(f"export {args.dir}: " + ", ".join(f"{n} {part}" for part, n in counts.items()))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from vrdndi.sources import transfer

    cfg = settings(args)
    rules = cfg.sources.activitywatch.get("categories_file")
    with open_store(args, cfg) as store:
        if args.file is not None:
            if args.target not in IMPORT_PARTS:
                raise VrdndiError(f"import {args.target} FILE: the part must be one of {', '.join(IMPORT_PARTS)}")
            report = transfer.import_part(store, args.target, args.file, privacy=_privacy(cfg), rules_file=rules)
        else:
            report = transfer.import_store(store, args.target, privacy=_privacy(cfg), rules_file=rules)
    print(report.line())
    return 0


def cmd_privacy_forget(args: argparse.Namespace) -> int:
    from vrdndi.sources.privacy import forget

    cfg = settings(args)
    with open_store(args, cfg) as store:
        n = forget(store, args.pattern, args.field, everything=args.all)
    what = "events" if args.all else f"events whose {args.field} matches {args.pattern!r}"
    print(f"privacy forget: deleted {n} {what}")
    return 0


def cmd_auth(args: argparse.Namespace) -> int:
    from vrdndi.sources import youtube

    cfg = settings(args)
    yt_cfg = cfg.sources.youtube
    youtube.load_credentials(yt_cfg.token, yt_cfg.client_secret, interactive=True)
    print(f"auth youtube: token cached at {yt_cfg.token} (owner-only)")
    return 0


def register(subparsers: Any) -> None:
    """Add ingest, export, import, privacy and auth to the ``vrdndi`` command."""
    p = subparsers.add_parser("ingest", help="bring in ActivityWatch, YouTube or Takeout data",
                              description="Idempotent: running twice changes nothing.")
    p.add_argument("source", choices=["aw", "youtube", "takeout"])
    p.add_argument("file", nargs="?", help="aw: an ActivityWatch export JSON (omit for the live server); "
                                           "takeout: watch-history.json")
    p.add_argument("--since", help="aw live: start here (ISO time with offset) instead of the last run")
    p.add_argument("--host", action="append", help="aw: only this host (repeatable)")
    p.add_argument("--no-details", action="store_true", help="takeout: do not call the YouTube API")
    p.add_argument("-o", "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="config override (repeatable)")
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser("export", help="write the whole store to a folder")
    p.add_argument("dir")
    p.add_argument("-o", "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser("import", help="read a folder written by export, or one part file",
                              description="vrdndi import DIR | vrdndi import videos|events|labels|watches|channels FILE")
    p.add_argument("target", help="a folder, or the part name when FILE is given")
    p.add_argument("file", nargs="?")
    p.add_argument("-o", "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    p.set_defaults(func=cmd_import)

    p = subparsers.add_parser("privacy", help="forget stored app events")
    sub = p.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    forget = sub.add_parser("forget", help="delete stored events whose title/app/url matches a regex")
    forget.add_argument("pattern", nargs="?", help="a regex (searched); an empty one is refused")
    forget.add_argument("--field", choices=["title", "app", "url"], default="title")
    forget.add_argument("--all", action="store_true", help="forget every stored app event")
    forget.add_argument("-o", "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    forget.set_defaults(func=cmd_privacy_forget)

    p = subparsers.add_parser("auth", help="sign in to a service once (opens a browser)")
    p.add_argument("service", choices=["youtube"])
    p.add_argument("-o", "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    p.set_defaults(func=cmd_auth)
