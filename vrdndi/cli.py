"""``vrdndi`` console command: the non-Hydra chores (ingest, export/import, privacy, doctor, demo...).

Each sub-command lives in the module that owns its work; that module exposes
``register(subparsers)`` which adds its parser(s) with ``set_defaults(func=...)``.
User errors (``VrdndiError``) print one line and exit 2; anything else keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from vrdndi.errors import VrdndiError

COMMAND_MODULES = [
    "vrdndi.commands",
    "vrdndi.sources.commands",
    "vrdndi.scheduler",
    "vrdndi.evaluation.harness",
    "vrdndi.data.world",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vrdndi", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    parser.add_argument("--store", help="store file (default: $VRDNDI_HOME/vrdndi.sqlite)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a part not built in this checkout: its commands are absent
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # INFO is for vrdndi's own lines; other libraries speak at WARNING (aw-client's persist-queue
    # would otherwise print three INFO lines around a one-line error) unless --verbose
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("vrdndi").setLevel(logging.DEBUG if args.verbose else logging.INFO)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        result = args.func(args)
    except VrdndiError as err:
        print(f"vrdndi {args.command}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"vrdndi {args.command}: interrupted; stored data is consistent (writes are transactional)",
              file=sys.stderr)
        return 130
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
