"""How often the zone guess (``context.tz=auto`` on a machine in UTC) names the right DST rule.

    .venv/bin/python bench/zone_survey.py OUT                 # persons 0-4: their own zone and ten others, four cuts
    .venv/bin/python bench/zone_survey.py OUT --persons alt:60,engineer:50 --zones home,Australia/Sydney --cuts 36,40

For each ``variant:seed`` it writes the world once (``vrdndi world OUT/worlds/<name>``; ``alt:SEED``:
``bench/world_alt.py``) and imports it into ``OUT/stores/<name>.sqlite`` (both reused), reading the
stored, AFK-filtered app events as ``train.py`` does. Then it moves the person's life to each zone of
``--zones`` (``home``: the world's own): every event keeps its local wall-clock time and gets that
zone's UTC offset, so the person lives by the same clock with that zone's DST dates (north and south,
the US and EU dates, half-hour offsets, no DST). For each cut (days after the world's start: what a
training run that ends there reads) it calls ``vrdndi.features.zone.guess_zone`` on the events before
the cut and checks the guessed zone against the true one:

- **rule**: the guessed zone changes its offset on the same UTC days by the same steps as the true
  zone over the days read (the wrong rule moves part of the data by an hour against the rest), and
  also up to the world's end (the test period and the feed are scored in the guessed zone: a zone
  without the person's coming change shifts them by an hour against what the model learnt);
- **hours off**: the constant offset between them at the cut (rotates the clock features, which the
  models learn around; see ``vrdndi/features/zone.py``).

Prints one line per person (per zone and cut: ``.`` right rule up to the end, ``o`` right over the days
read only, ``X`` wrong, ``-`` no guess) and the totals. CPU only, no model; well under a second per guess.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from persons import parse_persons, write_world  # noqa: E402

HOME = "home"  # the world's own zone
ZONES = (HOME, "America/New_York", "America/Denver", "Europe/Berlin", "Australia/Sydney", "Pacific/Auckland",
         "America/Santiago", "Australia/Adelaide", "America/St_Johns", "Asia/Kolkata", "Asia/Tokyo")


def rule(zone: tzinfo, start: int, n_bins: int) -> tuple[tuple[int, int], ...]:
    """The zone's offset changes over ``n_bins`` bins from ``start`` (``guess_zone``'s family key)."""
    from vrdndi.features.zone import _offsets, rule_of

    return rule_of(_offsets(zone, start, n_bins))


def move(t: datetime, old: tzinfo, new: tzinfo) -> datetime:
    """The same local wall-clock time, in zone ``new``, as UTC (a moment in a DST gap keeps its digits)."""
    return t.astimezone(old).replace(tzinfo=None).replace(tzinfo=new).astimezone(UTC)


def stored_spans(out: Path, variant: str, seed: int) -> tuple[list[tuple[datetime, datetime]], dict]:
    """(the stored app events' (start, end) in UTC, world.json) of one person, writing/importing once."""
    from vrdndi.store import Store
    from vrdndi.timeutil import parse_time

    name = f"{variant}-s{seed}"
    world, store = out / "worlds" / name, out / "stores" / f"{name}.sqlite"
    cli = str(Path(sys.executable).parent / "vrdndi")
    write_world(world, variant, seed)
    if not store.exists():
        store.parent.mkdir(parents=True, exist_ok=True)
        partial = store.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        subprocess.run([cli, "--store", str(partial), "import", str(world)], check=True, stdout=subprocess.DEVNULL)
        partial.rename(store)
    with Store(store, readonly=True) as db:
        spans = [(parse_time(s), parse_time(e)) for s, e in db.event_spans()]
    return spans, json.loads((world / "world.json").read_text())


def survey(spans, world: dict, zones, cuts) -> tuple[dict[str, str], Counter]:
    """Per zone the cells ('.' right rule up to the world's end, 'o' right over the days read but not after the
    cut, 'X' wrong over the days read, '-' no guess) and a Counter of hours off (right rule)."""
    from vrdndi.features.zone import BIN_S, _active_bins, guess_zone

    home = ZoneInfo(world["zone"])
    t0 = datetime.fromisoformat(world["start"])
    end_bins = int(datetime.fromisoformat(world["end"]).timestamp()) // BIN_S
    cells, hours_off = {}, Counter()
    for name in zones:
        zone = home if name == HOME else ZoneInfo(name)
        moved = [(move(s, home, zone), move(e, home, zone)) for s, e in spans]
        row = ""
        for days in cuts:
            cut = t0 + timedelta(days=days)
            seen = [(s, e) for s, e in moved if s < cut]
            guess = guess_zone(seen)
            if guess is None:
                row += "-"
                continue
            start, active = _active_bins(seen)
            right = rule(ZoneInfo(guess.zone), start, len(active)) == rule(zone, start, len(active))
            # the scoring after the cut (the test period, the feed) keeps using the guessed zone: its rule up to
            # the world's end, from the first day read
            ahead = rule(ZoneInfo(guess.zone), start, end_bins - start // BIN_S) == rule(zone, start,
                                                                                   end_bins - start // BIN_S)
            row += ("." if ahead else "o") if right else "X"
            if right:
                off = ZoneInfo(guess.zone).utcoffset(cut) - zone.utcoffset(cut)
                hours_off[round(off.total_seconds() / 3600)] += 1
        cells[name] = row
    return cells, hours_off


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the worlds and their stores (reused)")
    parser.add_argument("--persons", default="engineer:0,student:1,manager:2,nightowl:3,analyst:4")
    parser.add_argument("--zones", default=",".join(ZONES),
                        help=f"IANA zones to move each person to ({HOME}: the world's own zone)")
    parser.add_argument("--cuts", default="30,36,40,45", help="days of activity read, after the world's start")
    args = parser.parse_args()
    zones = [z.strip() for z in args.zones.split(",") if z.strip()]
    for z in zones:  # an unknown name fails here, before any work
        if z != HOME:
            try:
                ZoneInfo(z)
            except (ValueError, ZoneInfoNotFoundError):
                sys.exit(f"--zones: {z!r} is not an IANA zone (e.g. Europe/Berlin) or {HOME}")
    cuts = [int(c) for c in args.cuts.split(",")]
    out = args.out.resolve()
    totals, hours_off = Counter(), Counter()
    for variant, seed in parse_persons(args.persons):
        spans, world = stored_spans(out, variant, seed)
        cells, off = survey(spans, world, zones, cuts)
        hours_off.update(off)
        for row in cells.values():
            totals.update(row)
        print(f"{variant}-s{seed:<4}" + " ".join(f"{z.split('/')[-1][:9]}:{row}" for z, row in cells.items()),
              flush=True)
    guesses = sum(totals.values())
    print(f"\nright DST rule {totals['.'] + totals['o']}/{guesses} over the days read, {totals['.']} also up to the "
          f"world's end; wrong {totals['X']}, no guess {totals['-']} "
          f"(cuts at days {', '.join(map(str, cuts))} after each world's start)")
    print("hours off where the rule is right: "
          + ", ".join(f"{h:+d} h: {n}" for h, n in sorted(hours_off.items())))


if __name__ == "__main__":
    main()
