"""The ``vrdndi`` command: bring your data in, move it, check the machine, keep the feed fresh.

The package holds everything that faces the command line: this command, the entry points of the four
scripts (``entry``: one guard, one offline setting, one composition check), the store chores (``chores``:
doctor, stats, demo) and the data commands (``data``: ingest, import, export, privacy, auth). A part with
its own command of its own work (``schedule``, ``evaluate``, ``world``) registers it from its module.
Each such module exposes ``register(subparsers)``, which adds its parser(s) with ``set_defaults(func=...)``.
A user error is one line and exit 2 (``entry.user_errors``); anything else keeps its traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from vrdndi.cli.entry import offline_environment, user_errors

COMMAND_MODULES = [
    "vrdndi.cli.chores",
    "vrdndi.cli.data",
    "vrdndi.apps.scheduler",
    "vrdndi.evaluation.harness",
    "vrdndi.sources.world",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vrdndi", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="vrdndi: a YouTube feed for one person that knows what they were just doing.\n\n"
                    "This command brings your data in (ingest, import), moves it (export), checks the machine "
                    "(doctor)\nand keeps the feed fresh (schedule). Training, ranking and the apps are scripts:\n"
                    "  python train.py      train a model (python train.py experiment=demo for the demo)\n"
                    "  python predict.py    rank the feed with the best checkpoint\n"
                    "  python serve.py      the feed website on http://127.0.0.1:8080/\n"
                    "  python label_app.py  label your watch history",
        epilog="A user error is one line on stderr and exit code 2. `vrdndi COMMAND --help` explains a command.")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show debug lines and the libraries' own log lines and warnings")
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
    _describe_subcommands(parser)
    return parser


def _describe_subcommands(parser: argparse.ArgumentParser) -> None:
    """``vrdndi COMMAND --help`` opens with what the command does: its one-line help when it has no
    description of its own (at every level: ``vrdndi ingest aw --help`` too)."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help for choice in action._choices_actions}
        for name, child in action.choices.items():
            if not child.description and helps.get(name):
                text = str(helps[name])
                child.description = text[:1].upper() + text[1:] + "."
            _describe_subcommands(child)


def main(argv: list[str] | None = None) -> int:
    offline_environment()
    parser = build_parser()
    args = parser.parse_args(argv)
    from vrdndi.console import setup_logging

    # INFO is for vrdndi's own lines; other libraries speak at WARNING (aw-client's persist-queue
    # would otherwise print three INFO lines around a one-line error; aw-transform one per overlap)
    setup_logging(verbose=args.verbose)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        with user_errors(f"vrdndi {args.command}"):
            result = args.func(args)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except KeyboardInterrupt:
        print(f"vrdndi {args.command}: interrupted; stored data is consistent (writes are transactional)",
              file=sys.stderr)
        return 130
    return int(result or 0)

