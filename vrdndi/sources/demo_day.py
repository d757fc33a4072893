"""The demo person's computer days (``vrdndi.sources.demo``): weekday and weekend schedules in local
time (``_day_blocks``), the blocks filled with window events of coding, docs, meetings, chat, games,
social media and music (``_make_events``, AFK time already left out), and ``_activity_at``:
``recent_activity_kind`` (work or leisure in the 2 hours before a moment) on the events' sorted spans.
"""

from __future__ import annotations

import bisect
import random
from datetime import date, datetime, time, timedelta

from vrdndi.sources.demo_rules import CONTEXT_WINDOW, HOST, LEISURE, SOURCE, WORK, category_group
from vrdndi.store import AppEvent
from vrdndi.timeutil import UTC, iso

# -- the computer day --------------------------------------------------------------------------
PROJECTS = ("vrdndi", "dotfiles", "aoc-2026", "homelab")
FILES = {
    "vrdndi": ("db.py", "schema.py", "module.py", "train.py", "feed.py", "test_db.py", "README.md",
               "pyproject.toml", "context.py"),
    "dotfiles": ("init.lua", ".zshrc", "flake.nix", "config.toml"),
    "aoc-2026": ("main.rs", "day07.rs", "day08.rs", "Cargo.toml", "lib.rs", "grid.rs"),
    "homelab": ("docker-compose.yml", "main.tf", "prometheus.yml", "backup.sh"),
}
DOCS = (
    ("https://docs.rs/tokio/latest/tokio/", "tokio - Rust"),
    ("https://docs.rs/serde/latest/serde/", "serde - Rust"),
    ("https://docs.python.org/3/library/sqlite3.html",
     "sqlite3 — DB-API 2.0 interface for SQLite databases — Python 3.13 documentation"),
    ("https://docs.python.org/3/library/datetime.html", "datetime — Basic date and time types — Python 3.13 documentation"),
    ("https://pytorch.org/docs/stable/generated/torch.nn.Module.html", "Module — PyTorch 2.9 documentation"),
    ("https://lightning.ai/docs/pytorch/stable/data/datamodule.html", "LightningDataModule — PyTorch Lightning"),
    ("https://stackoverflow.com/questions/1009860/how-to-read-a-file-line-by-line",
     "python - How to read a file line-by-line - Stack Overflow"),
    ("https://github.com/pulls", "Pull requests · GitHub"),
    ("https://github.com/vrdndi/vrdndi/pull/42", "Store: idempotent upserts by tiangle · Pull Request #42"),
    ("https://doc.rust-lang.org/book/ch16-00-concurrency.html", "Fearless Concurrency - The Rust Programming Language"),
    ("https://www.sqlite.org/lang_upsert.html", "UPSERT - SQLite"),
    ("https://hydra.cc/docs/intro/", "Getting started | Hydra"),
)
BROWSE = (
    ("https://en.wikipedia.org/wiki/Kalman_filter", "Kalman filter - Wikipedia"),
    ("https://arxiv.org/abs/2106.09685", "[2106.09685] LoRA: Low-Rank Adaptation of Large Language Models"),
    ("https://www.amazon.de/", "Amazon.de"),
    ("https://mail.proton.me/u/0/inbox", "Inbox | Proton Mail"),
)
SOCIAL = (
    ("https://news.ycombinator.com/", "Hacker News"),
    ("https://www.reddit.com/r/rust/", "r/rust"),
    ("https://www.reddit.com/r/speedrun/", "r/speedrun"),
    ("https://www.reddit.com/r/MachineLearning/", "r/MachineLearning"),
    ("https://mastodon.social/home", "Home - Mastodon"),
    ("https://bsky.app/", "Home — Bluesky"),
    ("https://www.tagesschau.de/", "tagesschau.de - die erste Adresse für Nachrichten und Information"),
    ("https://www.youtube.com/", "YouTube"),
)
GAMES = (("steam", "Steam"), ("hollow_knight.x86_64", "Hollow Knight"), ("celeste", "Celeste"),
         ("factorio", "Factorio 2.0.15"), ("bg3.exe", "Baldur's Gate 3"), ("balatro.exe", "Balatro"),
         ("stardew valley", "Stardew Valley"), ("outerwilds.exe", "Outer Wilds"))
SONGS = ("Nova Lane - Blue Hour", "Kairo - Night Drive", "The Midnight Owls - Static", "Sela - Paper Boats",
         "Juno Park - Lanterns", "Ostkreuz - S-Bahn", "Spotify Premium")
WRITING_DOCS = ("design-notes.md", "weekly-report.odt", "paper-draft.odt", "Daily notes 2026", "Reading list",
                "talk-outline.md")
MEETINGS = ("Standup", "Sprint planning", "1:1 with Maria", "Design review: feed ranking", "Retro",
            "Reading group: Mamba")


def _coding(rng: random.Random) -> tuple[str, str, str, str, float, float]:
    project = rng.choices(PROJECTS, weights=(6, 1, 2, 1))[0]
    f = rng.choice(FILES[project])
    if rng.random() < 0.75:
        app, title = "code", f"{f} - {project} - Visual Studio Code"
    elif rng.random() < 0.5:
        app, title = "jetbrains-idea", f"{project} – {f}"
    else:
        app, title = "alacritty", f"{project}: cargo test" if f.endswith(".rs") else f"{project}: pytest -q"
    return app, title, "", "Work > Programming", 3, 30


def _activity(kind: str, rng: random.Random, game: tuple[str, str]) -> tuple[str, str, str, str, float, float]:
    """(app, title, url, category, min minutes, max minutes) of one window event."""
    if kind == "code":
        return _coding(rng)
    if kind == "docs":
        url, title = rng.choice(DOCS)
        return "firefox", f"{title} — Mozilla Firefox", url, "Work > Programming", 1, 8
    if kind == "browse":
        url, title = rng.choice(BROWSE)
        return "firefox", f"{title} — Mozilla Firefox", url, "Media > Browsing", 1, 6
    if kind == "writing":
        doc = rng.choice(WRITING_DOCS)
        if doc.endswith(".odt"):
            return "libreoffice-writer", f"{doc} - LibreOffice Writer", "", "Work > Writing", 4, 25
        return "obsidian", f"{doc} - notes - Obsidian", "", "Work > Writing", 4, 25
    if kind == "chat":
        app = rng.choice(("slack", "thunderbird"))
        title = "#team-feed | Slack" if app == "slack" else "Inbox - Mozilla Thunderbird"
        return app, title, "", "Work > Communication", 1, 4
    if kind == "social":
        url, title = rng.choice(SOCIAL)
        return "firefox", f"{title} — Mozilla Firefox", url, "Media > Social Media", 1, 10
    if kind == "music":
        return "spotify", rng.choice(SONGS), "", "Media > Music", 1, 3
    if kind == "game":
        app, title = game
        return app, title, "", "Media > Games", 10, 30
    if kind == "video":
        return "firefox", "YouTube — Mozilla Firefox", "https://www.youtube.com/", "Media > Video", 3, 20
    raise ValueError(kind)


BLOCK_MIX = {
    "morning": {"social": 5, "browse": 1, "music": 2, "chat": 1},
    "work": {"code": 10, "docs": 5, "writing": 2, "chat": 2, "social": 0.8, "music": 0.4},
    "writing": {"writing": 10, "docs": 2, "chat": 1, "social": 0.5},
    "side": {"code": 10, "docs": 4, "music": 1, "social": 1},
    "evening": {"game": 6, "social": 3, "music": 2, "video": 1.5, "browse": 0.7},
    "weekend": {"game": 4, "social": 4, "music": 2, "video": 2, "browse": 1},
}


def _fill_block(rng: random.Random, kind: str, lo: datetime, hi: datetime, out: list[tuple[datetime, datetime, tuple]],
                game: tuple[str, str]) -> None:
    """Window events from ``lo`` to ``hi`` (UTC) of a block of the given kind."""
    if kind == "meeting":
        app = rng.choice(("zoom", "teams"))
        title = rng.choice(MEETINGS)
        title = f"Zoom Meeting - {title}" if app == "zoom" else f"{title} | Microsoft Teams"
        t = lo
        while t < hi - timedelta(minutes=1):
            e = min(hi, t + timedelta(minutes=rng.uniform(10, 30)))
            out.append((t, e, (app, title, "", "Work > Meetings")))
            t = e
        return
    mix = BLOCK_MIX[kind]
    kinds, weights = list(mix), list(mix.values())
    t = lo
    last = None
    while t < hi - timedelta(minutes=1):
        act = rng.choices(kinds, weights=weights)[0]
        if act == last and act in ("social", "music", "chat"):
            act = rng.choices(kinds, weights=weights)[0]
        last = act
        app, title, url, category, mn, mx = _activity(act, rng, game)
        minutes = min(mx, max(mn, rng.triangular(mn, mx, mn + (mx - mn) * 0.3)))
        e = min(hi, t + timedelta(seconds=int(minutes * 60)))
        if (e - t).total_seconds() >= 30:
            out.append((t, e, (app, title, url, category)))
        t = e
        if rng.random() < 0.12:  # a short AFK: coffee, door, stretching
            t += timedelta(seconds=rng.randint(120, 600))


def _day_blocks(rng: random.Random, day: date, weekday: bool) -> list[tuple[str, float, float]]:
    """(kind, start hour, end hour) blocks of one local day; hours may exceed 24 (after midnight)."""
    j = rng.uniform
    if weekday:
        wake = j(7.2, 8.0)
        work_start = j(8.9, 9.3)
        lunch = j(12.2, 12.8)
        back = lunch + j(0.75, 1.2)
        stop = j(17.2, 18.3)
        eve = stop + j(1.0, 1.8)
        bed = j(22.5, 24.0)
        blocks = [("morning", wake, work_start - j(0.1, 0.4))]
        am = ("writing" if rng.random() < 0.25 else "work")
        blocks += _work_with_meetings(rng, work_start, lunch, am)
        blocks += _work_with_meetings(rng, back, stop, "work")
        if rng.random() < 0.25:  # evening side project
            mid = eve + j(0.5, 1.5)
            blocks += [("evening", eve, mid), ("side", mid, mid + j(0.8, 1.6)), ("evening", mid + 1.7, bed)]
        else:
            blocks.append(("evening", eve, bed))
    else:
        wake = j(9.3, 10.5)
        lunch = j(12.8, 13.5)
        back = lunch + j(0.8, 1.5)
        dinner = j(17.8, 18.8)
        eve = dinner + j(1.0, 1.6)
        bed = j(23.3, 24.7)
        blocks = [("weekend", wake, lunch)]
        if rng.random() < 0.5:
            mid = back + j(1.2, 2.5)
            blocks += [("side", back, mid), ("weekend", mid, dinner)]
        else:
            blocks.append(("weekend", back, dinner))
        blocks.append(("evening", eve, bed))
    return [b for b in blocks if b[2] - b[1] > 0.05]


def _work_with_meetings(rng: random.Random, lo: float, hi: float, kind: str) -> list[tuple[str, float, float]]:
    blocks, t = [], lo
    n = rng.choices((0, 1, 2), weights=(3, 4, 2))[0]
    starts = sorted(rng.uniform(lo + 0.2, hi - 0.6) for _ in range(n)) if hi - lo > 1.2 else []
    for s in starts:
        if s <= t + 0.1:
            continue
        blocks.append((kind, t, s))
        e = min(hi, s + rng.choice((0.25, 0.5, 0.5, 0.75, 1.0)))
        blocks.append(("meeting", s, e))
        t = e
    if hi - t > 0.05:
        blocks.append((kind, t, hi))
    return blocks


def _local(day: date, hours: float, tz) -> datetime:
    base = datetime.combine(day, time(0, 0), tzinfo=tz)  # local midnight
    return (base + timedelta(seconds=int(hours * 3600))).astimezone(UTC)


def _make_events(rng: random.Random, start: datetime, end: datetime, tz) -> tuple[list[AppEvent], list[tuple[datetime, datetime, str]]]:
    raw: list[tuple[datetime, datetime, tuple]] = []
    first = start.astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date()
    day = first
    while day <= last:
        weekday = day.weekday() < 5
        game = rng.choice(GAMES[1:])
        for kind, h0, h1 in _day_blocks(rng, day, weekday):
            lo, hi = _local(day, h0, tz), _local(day, h1, tz)
            if kind == "evening" and rng.random() < 0.3:
                raw.append((lo, lo + timedelta(minutes=2), GAMES[0] + ("", "Media > Games")))
                lo += timedelta(minutes=2)
            _fill_block(rng, kind, lo, hi, raw, game)
        day += timedelta(days=1)
    events: list[AppEvent] = []
    spans: list[tuple[datetime, datetime, str]] = []
    for s, e, (app, title, url, category) in raw:
        s, e = max(s, start), min(e, end)
        if (e - s).total_seconds() < 30:
            continue
        events.append(AppEvent(HOST, iso(s), iso(e), (e - s).total_seconds(), app=app, title=title, url=url,
                               category=category, source=SOURCE))
        spans.append((s, e, category_group(category)))
    spans.sort(key=lambda span: span[0])
    return events, spans


def _activity_at(spans: list[tuple[datetime, datetime, str]], starts: list[datetime], moment: datetime) -> str:
    """``recent_activity_kind`` on pre-parsed, sorted spans (events last at most 30 min)."""
    lo = moment - CONTEXT_WINDOW
    i = bisect.bisect_left(starts, moment)
    seconds = {WORK: 0.0, LEISURE: 0.0}
    j = i - 1
    while j >= 0 and spans[j][0] >= lo - timedelta(hours=1):
        s, e, group = spans[j]
        overlap = (min(e, moment) - max(s, lo)).total_seconds()
        if overlap > 0:
            seconds[group] += overlap
        j -= 1
    return WORK if seconds[WORK] > seconds[LEISURE] else LEISURE
