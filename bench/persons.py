"""The held-out path (bench/heldout.py) over several simulated persons, as one table.

    .venv/bin/python bench/persons.py OUT                                  # the five new persons of README "Quality"
    .venv/bin/python bench/persons.py OUT --persons engineer:20,analyst:21 -- seed=1
    .venv/bin/python bench/persons.py OUT --label ema -- callbacks.weight_ema.decay=0.98

For each ``variant:seed`` it writes the world once (``vrdndi world OUT/worlds/<variant>-s<seed>``, or for
``alt:SEED`` the independent generator ``bench/world_alt.py``, for ``seq:SEED`` ``bench/world_seq.py``; kept
and reused: the same seed gives the same files byte for byte) and runs ``bench/heldout.py`` on it
in ``OUT/runs/<label>/<variant>-s<seed>`` (import, ``python train.py [overrides]``, predict on the
test candidates, the cheap baselines on the same labels; a run whose ``heldout.json`` is already there
with the same overrides is reused, so a long sweep can be resumed). Then it prints productive F1 / AUC
/ AUC within a moment and interest AUC against the worlds' noise-free truth, the model's margin over
``lr_context_bag`` and the timings, then the same against the persons' noisy *answers* (what the
person would have said), headed by the person's own rule read as a model and scored against those answers:
what knowing the rule exactly would score (about the most F1 any model can reach against them; its AUC is
that of a yes/no answer, full of ties, so a model's AUC can pass it). Both tables go to
``OUT/persons_<label>.md``.

Choose nothing on persons you report: pick new seeds for a check, and once a table has been looked
at, its persons are tuning data.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# README "Quality": written once, scored once, after the default was fixed (2026-12-03)
NEW_PERSONS = "engineer:10,student:11,manager:12,nightowl:13,analyst:14"
ALT = "alt"  # bench/world_alt.py's person
SEQ = "seq"  # bench/world_seq.py's person
GENERATORS = {ALT: "world_alt.py", SEQ: "world_seq.py"}  # the independent generators, by person kind
ROWS = ("always_yes", "lr_video", "lr_context_bag", "gbm_context", "vrdndi")


def parse_persons(text: str) -> list[tuple[str, int]]:
    """``"engineer:10,auto:7,alt:60"`` -> [("engineer", 10), (the variant seed 7 picks, 7), ("alt", 60)], with a
    one-line error. ``alt`` and ``seq`` are the persons of ``bench/world_alt.py`` and ``bench/world_seq.py``,
    written apart from ``vrdndi world``."""
    from vrdndi.sources.world import VARIANTS, variant_of

    persons = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        variant, _, seed = item.partition(":")
        if variant not in (*VARIANTS, "auto", *GENERATORS) or not seed.strip().isdigit():
            sys.exit(f"--persons: {item!r} is not VARIANT:SEED (variants: {', '.join(sorted(VARIANTS))}, auto, "
                     f"{', '.join(GENERATORS)})")
        persons.append((variant if variant in GENERATORS else variant_of(int(seed), variant), int(seed)))
    if not persons:
        sys.exit("--persons: no person given")
    return persons


def write_world(world: Path, variant: str, seed: int) -> None:
    """Write the person's world into ``world`` unless it is there (the same seed gives the same files)."""
    if not (world / "test_truth.csv").exists():
        writer = ([sys.executable, str(ROOT / "bench" / GENERATORS[variant]), str(world)] if variant in GENERATORS else
                  [str(Path(sys.executable).parent / "vrdndi"), "world", str(world), "--variant", variant])
        subprocess.run([*writer, "--seed", str(seed)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def run_person(out: Path, label: str, variant: str, seed: int, overrides: list[str]) -> dict:
    name = f"{variant}-s{seed}"
    world = out / "worlds" / name
    write_world(world, variant, seed)
    home = out / "runs" / label / name
    report = home / "heldout.json"
    if report.exists() and json.loads(report.read_text()).get("overrides") == overrides:
        print(f"{name}: reusing {report}", flush=True)
    else:
        print(f"{name}: bench/heldout.py {' '.join(overrides)}", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "heldout.py"), "--home", str(home), str(world),
                        *overrides], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    data = json.loads(report.read_text())
    data["zone"] = json.loads((world / "world.json").read_text()).get("zone")
    # the zone train.py's clock features used (context.tz=auto guesses one on a machine in UTC)
    used = re.search(r"time of day in (\S+)", (home / "heldout.log").read_text(encoding="utf-8"))
    data["zone_used"] = used.group(1) if used else "?"
    data["rule"] = rule_against_answers(world)
    return data


def cell(metrics: dict, name: str) -> str:
    truth = metrics.get(name, {}).get("truth")
    if not truth:
        return "—"
    keys = ("productive_f1", "productive_auc", "productive_auc_moment", "interest_auc")
    return " / ".join(f"{truth[k]:.3f}" for k in keys if k in truth)


def rule_against_answers(world: Path) -> dict:
    """The noise-free rule of ``world`` (test_truth.csv ``productive``) scored as a model against the person's
    noisy answers (``productive_noisy``): what knowing the rule exactly would score against the answers."""
    import csv

    from vrdndi.evaluation.metrics import head_metrics

    with (world / "test_truth.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or "productive_noisy" not in rows[0]:
        return {}
    return head_metrics("productive", [int(r["productive_noisy"]) for r in rows],
                        [float(r["productive"]) for r in rows], [r["moment"] for r in rows])


def answers_table(persons: list[tuple[str, int]], reports: list[dict]) -> str:
    """Productive F1 / AUC / AUC within a moment against the noisy answers, with the rule's own row on top."""
    keys = ("productive_f1", "productive_auc", "productive_auc_moment")

    def fmt(values: dict | None, only_f1: bool = False) -> str:
        if not values:
            return "—"
        return " / ".join(f"{values[k]:.3f}" for k in keys[:1 if only_f1 else 3] if k in values)

    head = "| against the answers | " + " | ".join(f"{v} s{s}" for v, s in persons) + " |"
    lines = [head, "|---" * (len(persons) + 1) + "|",
             "| the person's own rule, as a model | " + " | ".join(fmt(r.get("rule")) for r in reports) + " |"]
    for name in ROWS:
        shown = "default (`python train.py`)" if name == "vrdndi" else f"`{name}`"
        lines.append(f"| {shown} | " + " | ".join(fmt(r["results"].get(name, {}).get("noisy"), name == "always_yes")
                                                  for r in reports) + " |")
    margins = []
    for r in reports:
        model, bag = r["results"]["vrdndi"].get("noisy"), r["results"].get("lr_context_bag", {}).get("noisy")
        margins.append("—" if not (model and bag) else f"{model['productive_f1'] - bag['productive_f1']:+.3f} / "
                                                       f"{model['productive_auc'] - bag['productive_auc']:+.3f}")
    lines.append("| default − `lr_context_bag` (F1 / AUC) | " + " | ".join(margins) + " |")
    return "\n".join(lines)


def table(persons: list[tuple[str, int]], reports: list[dict]) -> str:
    head = "| held-out period | " + " | ".join(f"{v} s{s}" for v, s in persons) + " |"
    lines = [head, "|---" * (len(persons) + 1) + "|",
             "| zone (the one train.py used) | " + " | ".join(f"{r.get('zone')} ({r['zone_used']})" for r in reports)
             + " |"]
    for name in ROWS:
        shown = "default (`python train.py`)" if name == "vrdndi" else f"`{name}`"
        lines.append(f"| {shown} | " + " | ".join(cell(r["results"], name) for r in reports) + " |")
    margins = []
    for r in reports:
        model, bag = r["results"]["vrdndi"]["truth"], r["results"].get("lr_context_bag", {}).get("truth")
        margins.append("—" if not bag else f"{model['productive_f1'] - bag['productive_f1']:+.3f} / "
                                           f"{model['productive_auc'] - bag['productive_auc']:+.3f}")
    lines.append("| default − `lr_context_bag` (F1 / AUC) | " + " | ".join(margins) + " |")
    lines.append("| `train.py` / `predict.py` | " + " | ".join(f"{r['train_s']:.0f} s / {r['predict_s']:.0f} s"
                                                           for r in reports) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the worlds, the runs and the table")
    parser.add_argument("--persons", default=NEW_PERSONS, help=f"VARIANT:SEED,... (default {NEW_PERSONS})")
    parser.add_argument("--label", default="default", help="name of this set of runs (default: default)")
    parser.add_argument("overrides", nargs="*", help="train.py overrides, after --")
    args = parser.parse_intermixed_args()  # the documented `OUT --persons ... -- overrides` order
    persons = parse_persons(args.persons)
    out = args.out.resolve()
    reports = [run_person(out, args.label, variant, seed, args.overrides) for variant, seed in persons]
    text = (f"`bench/persons.py --label {args.label}` {' '.join(args.overrides)}\n"
            "productive F1 / AUC / AUC within a moment / interest AUC, noise-free truth\n\n"
            + table(persons, reports) + "\n\n"
            "productive F1 / AUC / AUC within a moment against the persons' noisy answers\n\n"
            + answers_table(persons, reports) + "\n")
    (out / f"persons_{args.label}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
