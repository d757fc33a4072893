"""A deterministic month of one person's life: videos, computer activity, likes and "right moment" labels.

``build_demo_store(store)`` fills a store with what vrdndi would have collected after a month of use by
one (fictional) developer who lives in ``tz`` (Europe/Berlin by default):

- **videos** (``n_videos``) over ten topics, 3-5 channels each, with realistic titles, descriptions,
  tags, YouTube category ids and durations (talks 20-90 min, mixes 1-3 h, comedy 3-15 min, some Shorts
  under 60 s). Each video's topic is stored as a tag ``topic:<name>`` (``video_topic`` reads it back).
  Publication dates are spread over the ``days`` + 14 days before ``end``, so the last 7 days hold
  fresh feed candidates (a few dozen of them neither watched nor labelled).
- **app events**: ActivityWatch-style window events (host ``demo-laptop``, source ``demo``), already
  AFK-filtered (lunch, dinner and nights have no events), following a weekday / weekend schedule in
  local time: a morning browse, work blocks (coding, docs, writing, meetings, chat) with a lunch break,
  evenings of games, social media and music, the occasional evening or weekend side project.
- **interest labels** (likes / dislikes, sources ``demo-like`` / ``demo-dislike``) for ~60-65% of the
  videos, mostly ones older than a week (``moment`` = the first watch, or '' when not watched): the
  person likes programming, machine learning, systems, gaming, speedruns, music and science and
  dislikes news, cooking and comedy, with 10% label noise.
- **productive labels** (source ``demo-web``): ~50 a day, given in feed sessions (3-7 videos
  published in the 14 days before, chosen without looking at the context) at moments spread over the
  time at the computer; ``moment`` is when the video was shown, ``labelled_at`` a few minutes later.
  Videos labelled "right moment" are also stored as watches at that moment.
- **channels** for every channel (subscriptions for the liked topics).

The truth rule for productive labels (``productive_truth``) needs BOTH the video and the context:

    recent activity = the category group with the most seconds of app events in the 2 hours before
                      the moment: "work" (any ``Work > ...`` category) or "leisure" (anything else);
                      no events at all counts as leisure (free time).
    after work:     right moment (1) only for short (<= 20 min) programming / machine-learning /
                    systems videos (a learning break); everything else, long talks included, is 0.
    after leisure:  right moment (1) for gaming, speedruns, music, comedy and science videos of any
                    length; technical videos (long or short), news and cooking are 0.
    noise:          8% of productive labels are flipped.

Which videos are shown at a moment does not depend on the context, so the same videos collect both
1s and 0s: a model that sees only the video can at best learn "maybe" for most topics (accuracy around
0.6, F1 around 0.65), one that also sees the preceding activity can reach ~0.9.

Determinism: only ``random.Random(seed)`` draws and no wall clock; ``end`` defaults to a fixed date
and every time is relative to it, so the same arguments give the same store byte for byte, and
building twice into the same store changes nothing. Pass ``end=now`` for a fresh-looking feed.
"""

from __future__ import annotations

import bisect
import random
import string
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from vrdndi.store import AppEvent, Channel, Label, Store, Video, Watch
from vrdndi.store.schema import INTEREST, PRODUCTIVE
from vrdndi.timeutil import UTC, get_tz, iso, parse_time

DEFAULT_END = datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
HOST = "demo-laptop"
SOURCE = "demo"
LIKE_SOURCE, DISLIKE_SOURCE, WEB_SOURCE = "demo-like", "demo-dislike", "demo-web"
TOPIC_TAG = "topic:"

CONTEXT_WINDOW = timedelta(hours=2)
SHORT_LIMIT_S = 20 * 60
INTEREST_NOISE = 0.10
PRODUCTIVE_NOISE = 0.08
LABELS_PER_DAY = 50
FEED_WINDOW = timedelta(days=7)  # the feed's candidates: published in the 7 days before the moment
SHOWN_WINDOW = timedelta(days=14)  # what the simulated feed sessions showed (fresh videos stay unseen)
WORK_BREAK_WEIGHT = {"work": 1.3}  # feed sessions per second at the computer, relative to leisure

LEARNING_TOPICS = frozenset({"programming", "machine_learning", "systems"})
LEISURE_TOPICS = frozenset({"gaming", "speedruns", "music", "comedy", "science"})
LIKED_TOPICS = frozenset({"programming", "machine_learning", "systems", "gaming", "speedruns", "music",
                          "science"})
DISLIKED_TOPICS = frozenset({"news", "cooking", "comedy"})

WORK, LEISURE = "work", "leisure"

TRUTH_RULES = (
    "interest: likes programming, machine_learning, systems, gaming, speedruns, music, science; "
    f"dislikes news, cooking, comedy; {INTEREST_NOISE:.0%} noise. "
    "productive: recent activity = category group (Work > * vs anything else) with most seconds in the "
    "2 h before the moment (no events = leisure); after work: 1 only for programming/machine_learning/"
    f"systems videos <= {SHORT_LIMIT_S // 60} min; after leisure: 1 for gaming/speedruns/music/comedy/"
    f"science, 0 for technical, news, cooking; {PRODUCTIVE_NOISE:.0%} noise."
)


# ---------------------------------------------------------------------------------------------
# The truth rules
# ---------------------------------------------------------------------------------------------
def productive_truth(video_topic: str, recent_activity: str, duration_s: float | None = None) -> int:
    """Is this the right moment for a video of ``video_topic``, after ``recent_activity``?

    ``recent_activity`` is ``"work"`` or ``"leisure"`` (anything other than ``"work"`` counts as
    leisure, see ``recent_activity_kind``). ``duration_s``: the video's length; unknown counts as short.
    After work only short learning videos (programming, machine learning, systems, <= 20 min) are
    right; after leisure the leisure topics (gaming, speedruns, music, comedy, science) are.
    """
    if recent_activity == WORK:
        short = duration_s is None or duration_s <= SHORT_LIMIT_S
        return int(video_topic in LEARNING_TOPICS and short)
    return int(video_topic in LEISURE_TOPICS)


def interest_truth(video_topic: str) -> int:
    """Does the person like videos of this topic (before noise)?"""
    return int(video_topic in LIKED_TOPICS)


def category_group(category: str) -> str:
    """``"work"`` for ``Work > ...`` categories, ``"leisure"`` for everything else."""
    return WORK if category.split(">", 1)[0].strip() == "Work" else LEISURE


def recent_activity_kind(events: list[AppEvent], moment: datetime | str,
                         window: timedelta = CONTEXT_WINDOW) -> str:
    """``"work"`` or ``"leisure"``: the group with most event seconds in ``[moment - window, moment)``.

    ``events`` are app events (any order); ties and an empty window count as leisure."""
    m = parse_time(moment)
    lo = m - window
    seconds = {WORK: 0.0, LEISURE: 0.0}
    for ev in events:
        s, e = parse_time(ev.start), parse_time(ev.end)
        overlap = (min(e, m) - max(s, lo)).total_seconds()
        if overlap > 0:
            seconds[category_group(ev.category)] += overlap
    return WORK if seconds[WORK] > seconds[LEISURE] else LEISURE


def video_topic(video: Video) -> str | None:
    """The demo topic of a video (its ``topic:<name>`` tag), None for videos that are not from the demo."""
    for tag in video.tags:
        if tag.startswith(TOPIC_TAG):
            return tag[len(TOPIC_TAG):]
    return None


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Topic:
    name: str
    category_id: str
    channels: tuple[str, ...]
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    tags: tuple[str, ...]
    durations: tuple[tuple[float, float, float], ...]  # (weight, min minutes, max minutes)
    short_rate: float  # share of YouTube Shorts
    slots: dict[str, tuple[str, ...]] = field(default_factory=dict)


LANGS = ("Rust", "Python", "Go", "TypeScript", "Zig", "C++", "Haskell", "Elixir", "Kotlin", "OCaml")
SLOTS_COMMON: dict[str, tuple[str, ...]] = {
    "lang": LANGS,
    "lang2": LANGS,
    "framework": ("React", "Django", "FastAPI", "Axum", "Tokio", "Svelte", "Bevy", "Flask", "Phoenix",
                  "Next.js", "Leptos", "htmx"),
    "project": ("a key-value store", "a Redis clone", "a ray tracer", "a chess engine", "an HTTP server",
                "a tiny compiler", "a terminal text editor", "a git clone", "a JSON parser",
                "a rate limiter", "a Lisp interpreter", "a game of life"),
    "concept": ("async/await", "ownership and borrowing", "generics", "error handling", "lifetimes",
                "closures", "pattern matching", "iterators", "dependency injection", "property testing",
                "memory allocators", "SIMD"),
    "n": tuple(str(i) for i in range(1, 26)),
    "paper": ("Attention Is All You Need", "LoRA", "Mamba", "FlashAttention", "Direct Preference "
              "Optimization", "Mixture of Experts", "Chinchilla scaling laws", "Diffusion Transformers",
              "Retrieval-Augmented Generation", "Sparse Autoencoders", "Vision Transformers",
              "Speculative Decoding", "Contrastive Learning (SimCLR)", "RLHF"),
    "arch": ("a Transformer", "GPT-2", "a VAE", "a diffusion model", "a ResNet", "a tokenizer",
             "a small LLM", "a U-Net", "word2vec", "a graph neural network"),
    "ml_concept": ("backpropagation", "attention", "the KL divergence", "batch normalization",
                   "embeddings", "gradient descent", "overfitting", "positional encodings",
                   "quantization", "the bias-variance tradeoff", "beam search", "cross-entropy"),
    "conf": ("KubeCon", "SREcon", "Linux Plumbers", "FOSDEM", "Strange Loop", "USENIX ATC",
             "All Systems Go", "P99 CONF"),
    "talk": ("Scaling Postgres to a million writes per second", "What we learned from a year of "
             "on-call", "The hidden cost of retries", "Observability without the bill",
             "Zero-downtime database migrations", "A tour of the Linux scheduler",
             "Rewriting our control plane in Rust", "How io_uring changes everything",
             "Chaos engineering in practice", "Memory safety in the kernel"),
    "tool": ("Kubernetes", "Terraform", "eBPF", "systemd", "Nix", "Prometheus", "Docker", "Ansible",
             "WireGuard", "ZFS", "Grafana", "Podman"),
    "sys_thing": ("a memory leak", "slow DNS", "a kernel panic", "latency spikes", "TCP retransmits",
                  "a full disk", "OOM kills", "lock contention"),
    "game": ("Hollow Knight", "Celeste", "Factorio", "Elden Ring", "Stardew Valley", "Hades II",
             "Outer Wilds", "Baldur's Gate 3", "Minecraft", "Super Mario 64", "Portal 2",
             "Ocarina of Time", "Dark Souls", "Balatro", "Silksong"),
    "lp_phrase": ("this boss is unfair", "we finally found it", "the secret ending", "100% run begins",
                  "I was not ready for this", "blind first impressions", "the final area",
                  "building the mega base", "a new challenge run", "everything went wrong"),
    "run_cat": ("Any%", "100%", "Glitchless", "Low%", "All Bosses", "16 Star", "No Major Glitches",
                "True Ending"),
    "run_time": ("1:37:42", "14:58", "7:03", "48:19", "2:11:06", "26:44", "3:59", "58:31"),
    "mood": ("Chill", "Late night", "Rainy day", "Focus", "Summer", "Melancholic", "Uplifting",
             "Sunday morning", "Deep"),
    "genre": ("lofi hip hop", "deep house", "synthwave", "jazz", "ambient", "drum and bass",
              "techno", "classical piano", "bossa nova", "city pop"),
    "do": ("study", "code", "relax", "sleep", "work", "drive", "read"),
    "city": ("Berlin", "Tokyo", "Lisbon", "Amsterdam", "Montreal", "Detroit", "Melbourne"),
    "artist": ("Nova Lane", "Kairo", "The Midnight Owls", "Sela", "Juno Park", "Ostkreuz"),
    "dish": ("carbonara", "ramen", "shakshuka", "sourdough bread", "pad thai", "risotto", "dumplings",
             "lasagna", "chili con carne", "butter chicken", "tacos al pastor", "Käsespätzle",
             "pancakes", "focaccia"),
    "news_topic": ("The budget talks", "The climate summit", "The rail strike", "The trade dispute",
                   "The housing crisis", "The coalition crisis", "The energy prices", "The heat wave",
                   "The tech regulation vote", "The interest rate decision"),
    "country": ("Germany", "France", "the US", "Brazil", "Japan", "the EU", "India", "Poland"),
    "news_event": ("election", "protests", "reform", "inflation", "summit", "scandal", "debate"),
    "person": ("boss", "roommate", "mom", "dentist", "landlord", "coworker", "barista", "cat"),
    "action": ("discovers memes", "tries to be helpful", "learns to code", "goes on vacation",
               "writes an email", "joins the video call", "orders coffee"),
    "profession": ("Programmers", "Teachers", "Waiters", "Project managers", "IT support",
                   "Gym bros", "Influencers"),
    "scenario": ("the job interview", "the group project", "the airport", "the wedding speech",
                 "the first day", "the escape room", "the self-checkout"),
    "science_thing": ("black holes", "the immune system", "quantum computers", "volcanoes",
                      "the deep sea", "CRISPR", "nuclear fusion", "the human brain", "tardigrades",
                      "dark matter", "the James Webb telescope", "coral reefs", "batteries"),
    "phenomenon": ("ball lightning", "the Wow! signal", "rogue waves", "the Mpemba effect",
                   "fast radio bursts", "animal migration", "the placebo effect"),
}

TOPICS: tuple[Topic, ...] = (
    Topic("programming", "28",
          ("Crust of Code", "Byte Sized", "The Pragmatic Pythonista", "Frontend Forge", "Null Pointer Club"),
          ("{lang} in 100 seconds", "Building {project} in {lang} from scratch",
           "{framework} tutorial for beginners", "Why I switched from {lang} to {lang2}",
           "{concept} in {lang} explained", "Advent of Code day {n} in {lang}",
           "10 {lang} tips you probably didn't know", "{framework} crash course",
           "Live coding: {project} in {lang}", "Stop writing {lang} like this",
           "The {lang} feature nobody talks about: {concept}"),
          ("We write {project} step by step in {lang}.", "This episode covers {concept} with plenty of "
           "examples.", "All the code is on GitHub, link below.", "We also look at how {framework} "
           "handles it.", "Great for anyone learning {lang}."),
          ("programming", "coding", "tutorial", "software engineering", "developer"),
          ((0.30, 4, 10), (0.30, 10, 20), (0.25, 20, 45), (0.15, 45, 120)), 0.08),
    Topic("machine_learning", "28",
          ("Tensor Tales", "Gradient Notes", "Three Minute Papers", "Paper Skim"),
          ("{paper} explained", "Paper review: {paper}", "Implementing {arch} in PyTorch",
           "What is {ml_concept}? A visual explanation", "{paper} in 10 minutes",
           "Let's reproduce {paper}", "Why {ml_concept} matters for LLMs",
           "Training {arch} on a single GPU"),
          ("We read the {paper} paper and go through its main ideas.", "Includes a from-scratch "
           "implementation of {arch}.", "The key ingredient is {ml_concept}.", "Slides and notebook "
           "in the description.", "Machine learning made approachable."),
          ("machine learning", "deep learning", "AI", "pytorch", "neural networks", "paper"),
          ((0.35, 3, 10), (0.25, 10, 20), (0.25, 20, 45), (0.15, 45, 90)), 0.05),
    Topic("systems", "28",
          ("Kernel Hour", "Ops in Production", "Conference Talks Archive", "SRE Stories"),
          ("{conf} 2026: {talk}", "{talk} ({conf})", "Debugging {sys_thing} with {tool}",
           "{tool} in 15 minutes", "{tool} explained for developers", "How we hunted down {sys_thing}",
           "{tool} vs {tool2}: what should you use?"),
          ("A talk about {talk_lc}.", "We look at {tool} in production and what can go wrong.",
           "Includes a live demo of chasing {sys_thing}.", "Recorded at {conf}.",
           "Useful for SREs, devops and backend developers."),
          ("devops", "sre", "linux", "infrastructure", "distributed systems", "conference talk"),
          ((0.25, 5, 12), (0.25, 12, 20), (0.35, 20, 50), (0.15, 50, 90)), 0.03),
    Topic("gaming", "20",
          ("Pixel Couch", "LetsPlayLena", "Controller Crew", "Cozy Quest"),
          ("{game} Let's Play #{n} - {lp_phrase}", "{game} blind playthrough part {n}",
           "{game}: {lp_phrase}", "I played {game} for 100 hours", "{game} first impressions",
           "{game} tips every new player should know"),
          ("Welcome back to {game}!", "Today {lp_phrase_lc}.", "New episodes every Tuesday and "
           "Friday.", "Played on PC, no commentary spoilers in the title.", "Thanks for watching!"),
          ("gaming", "lets play", "playthrough", "gameplay", "pc gaming"),
          ((0.20, 8, 20), (0.55, 20, 45), (0.25, 45, 90)), 0.06),
    Topic("speedruns", "20",
          ("Frame Perfect", "Any% Archive", "SplitSeconds", "Games Done Fast"),
          ("{game} {run_cat} speedrun in {run_time} (WR)", "The history of {game} speedruns",
           "How this {game} world record was lost", "{game} {run_cat} run explained",
           "{game} {run_cat} by a runner at Games Done Fast", "The trick that broke {game}"),
          ("A look at the {run_cat} category of {game}.", "The world record is now {run_time}.",
           "Every frame counts in this run.", "Commentary explains the routes and glitches.",
           "Speedrunning history at its finest."),
          ("speedrun", "world record", "speedrunning", "gaming", "glitches"),
          ((0.35, 5, 20), (0.45, 20, 50), (0.20, 50, 100)), 0.10),
    Topic("music", "10",
          ("Lofi Lagoon", "Deep House Hub", "Synthwave Drive", "Jazz Cellar Sessions", "Ostkreuz Radio"),
          ("{mood} {genre} mix to {do} to", "{genre} set live from {city}", "{mood} {genre} - 2 hour mix",
           "{artist} - live at {city} ({genre})", "Best of {genre} 2026 mix", "{artist} - {mood} (official audio)"),
          ("A {mood_lc} {genre} mix for you to {do} to.", "Recorded live in {city}.",
           "Tracklist in the comments.", "Put on your headphones and enjoy."),
          ("music", "mix", "playlist", "chill", "dj set"),
          ((0.15, 3, 6), (0.45, 60, 120), (0.40, 120, 180)), 0.05),
    Topic("cooking", "26",
          ("Kitchen Basics", "Pasta Nonna", "Wok Wednesdays", "15 Minute Meals"),
          ("How to make {dish}", "{dish} in 15 minutes", "The perfect {dish} (3 ways)",
           "I made {dish} from a 100 year old recipe", "{dish} for beginners", "Easy {dish} you can make tonight"),
          ("Today we cook {dish}.", "Ingredients and recipe in the description.", "Simple, cheap and "
           "tasty home cooking.", "A classic recipe everyone should know."),
          ("cooking", "recipe", "food", "home cooking", "dinner"),
          ((0.40, 4, 10), (0.45, 10, 20), (0.15, 20, 35)), 0.20),
    Topic("news", "25",
          ("Daily Brief", "World Desk", "Politics Tonight", "The Evening Report"),
          ("{news_topic}: what we know so far", "{country} {news_event} explained",
           "{news_topic} - live debate", "Breaking: {country} {news_event}", "The week in politics: {news_topic}"),
          ("{news_topic} dominates the headlines this week.", "Our correspondents report on the "
           "{news_event} in {country}.", "Analysis and reactions from both sides.", "Subscribe for daily news."),
          ("news", "politics", "world news", "current events", "breaking news"),
          ((0.55, 3, 12), (0.30, 12, 25), (0.15, 30, 75)), 0.10),
    Topic("comedy", "23",
          ("Sketch Republic", "Office Hours Comedy", "Deadpan Daily", "Stand-up Shorts"),
          ("When your {person} {action}", "{profession} be like", "Sketch: {scenario}",
           "{profession} at {scenario}", "If {profession} were honest"),
          ("A sketch about {scenario}.", "We all know someone like this {person}.", "New sketches every week.",
           "Tag a friend who needs to see this."),
          ("comedy", "sketch", "funny", "parody", "stand-up"),
          ((0.60, 3, 8), (0.40, 8, 15)), 0.25),
    Topic("science", "28",
          ("Cosmic Curiosity", "Deep Sea Docs", "Physics Fireside", "The Lab Notebook"),
          ("The science of {science_thing}", "The mystery of {phenomenon}", "Documentary: {science_thing}",
           "What scientists just found out about {science_thing}", "Why {phenomenon} happens",
           "{science_thing} explained in 12 minutes"),
          ("A documentary about {science_thing}.", "We talk to researchers about {phenomenon}.",
           "Science explained without the jargon.", "Sources are listed in the description."),
          ("science", "documentary", "physics", "biology", "space", "education"),
          ((0.30, 8, 15), (0.40, 15, 30), (0.30, 30, 60)), 0.08),
)
TOPIC_BY_NAME = {t.name: t for t in TOPICS}

# Video mix: how often each topic is uploaded by the channels this person sees.
UPLOAD_WEIGHTS = {"programming": 1.4, "machine_learning": 1.1, "systems": 1.0, "gaming": 1.2,
                  "speedruns": 0.9, "music": 0.9, "cooking": 0.7, "news": 0.9, "comedy": 0.8, "science": 1.1}

ID_CHARS = string.ascii_letters + string.digits + "-_"


def _fill(template: str, rng: random.Random, chosen: dict[str, str]) -> str:
    """Fill ``{slot}`` placeholders; a slot keeps its value within one video (``chosen``)."""
    out, i = [], 0
    while True:
        j = template.find("{", i)
        if j < 0:
            out.append(template[i:])
            return "".join(out)
        k = template.index("}", j)
        out.append(template[i:j])
        name = template[j + 1:k]
        if name not in chosen:
            base = name[:-3] if name.endswith("_lc") else name
            if base not in chosen:
                options = SLOTS_COMMON.get(base) or SLOTS_COMMON[base.rstrip("2")]
                value = rng.choice(options)
                if base.endswith("2"):  # lang2 / tool2: differ from lang / tool
                    first = chosen.get(base[:-1])
                    while value == first:
                        value = rng.choice(options)
                chosen[base] = value
            chosen[name] = chosen[base][:1].lower() + chosen[base][1:] if name.endswith("_lc") else chosen[base]
        out.append(chosen[name])
        i = k + 1


SLOTS_COMMON["tool2"] = SLOTS_COMMON["tool"]


# ---------------------------------------------------------------------------------------------
# The build
# ---------------------------------------------------------------------------------------------
@dataclass
class DemoSummary:
    seed: int
    days: int
    tz: str
    start: str  # UTC ISO: first moment covered
    end: str  # UTC ISO: last moment covered
    videos: int = 0
    shorts: int = 0
    channels: int = 0
    app_events: int = 0
    interest_labels: int = 0
    productive_labels: int = 0
    productive_positive: int = 0
    productive_after_work: int = 0
    watches: int = 0
    fresh_candidates: int = 0  # videos published in the last 7 days before `end`, not watched/labelled
    changed: int = 0  # rows inserted or changed in the store by this build (0 on a rebuild)
    truth_rules: str = TRUTH_RULES
    topics: dict[str, int] = field(default_factory=dict)


def _rand_id(rng: random.Random, n: int, taken: set[str], prefix: str = "") -> str:
    while True:
        value = prefix + "".join(rng.choice(ID_CHARS) for _ in range(n))
        if value not in taken:
            taken.add(value)
            return value


def _duration_minutes(topic: Topic, rng: random.Random) -> float:
    weights = [d[0] for d in topic.durations]
    _, lo, hi = rng.choices(topic.durations, weights=weights)[0]
    return rng.uniform(lo, hi)


def _make_videos(rng: random.Random, n_videos: int, start: datetime, end: datetime,
                 ids: set[str]) -> tuple[list[Video], list[Channel]]:
    channels: list[Channel] = []
    channel_of: dict[tuple[str, str], Channel] = {}
    for topic in TOPICS:
        for name in topic.channels:
            cid = _rand_id(rng, 22, ids, "UC")
            subscribed = ""
            if topic.name in LIKED_TOPICS and rng.random() < 0.8:
                subscribed = iso(start - timedelta(days=rng.uniform(5, 900)))
            ch = Channel(cid, title=name, uploads_playlist_id="UU" + cid[2:], subscribed_at=subscribed,
                         source=SOURCE)
            channels.append(ch)
            channel_of[(topic.name, name)] = ch

    names = [t.name for t in TOPICS]
    weights = [UPLOAD_WEIGHTS[n] for n in names]
    span = (end - start).total_seconds() - 600
    videos: list[Video] = []
    titles: set[str] = set()
    for i in range(n_videos):
        topic = TOPIC_BY_NAME[names[i % len(names)]] if i < len(names) else TOPIC_BY_NAME[
            rng.choices(names, weights=weights)[0]]
        for attempt in range(6):  # channels rarely upload the same title twice
            chosen: dict[str, str] = {}
            title = _fill(rng.choice(topic.titles), rng, chosen)
            if not title.startswith(("eBPF", "systemd")):
                title = title[:1].upper() + title[1:]
            if title not in titles:
                break
        if title in titles:
            title = f"{title} (part {rng.randint(2, 5)})"
        titles.add(title)
        sentences = rng.sample(topic.sentences, k=min(len(topic.sentences), rng.randint(2, 3)))
        description = " ".join(_fill(s, rng, chosen) for s in sentences)
        is_short = rng.random() < topic.short_rate
        if is_short:
            duration = float(rng.randint(12, 59))
            title = title + " #shorts"
        else:
            duration = float(round(_duration_minutes(topic, rng) * 60))
        slot_tags = [v.lower() for k, v in sorted(chosen.items()) if not k.endswith("_lc") and k != "n"
                     and len(v) <= 30][:3]
        tags = rng.sample(topic.tags, k=3) + slot_tags + ([("shorts")] if is_short else []) + [TOPIC_TAG + topic.name]
        tags = list(dict.fromkeys(tags))
        ch = channel_of[(topic.name, rng.choice(topic.channels))]
        published = start + timedelta(seconds=int(rng.uniform(0, span)))
        videos.append(Video(
            video_id=_rand_id(rng, 11, ids), title=title, channel_id=ch.channel_id, channel_title=ch.title,
            description=description, tags=tags, category_id=topic.category_id, published_at=iso(published),
            duration_s=duration, thumbnail_url="", status="ok", is_short=is_short, source=SOURCE))
    # a few uploads in the last day, so a feed at `end` has something brand new
    for v in rng.sample(videos, k=min(len(videos), max(1, n_videos // 60))):
        v.published_at = iso(end - timedelta(seconds=rng.randint(600, 86400)))
    return videos, channels


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


def build_demo_store(store: Store, *, seed: int = 7, days: int = 30, n_videos: int = 600,
                     tz: str = "Europe/Berlin", end: datetime | str | None = None) -> DemoSummary:
    """Fill ``store`` with the demo month ending at ``end`` (default: a fixed date); see the module doc.

    Deterministic in its arguments; idempotent (a second call with the same arguments changes nothing).
    All rows are written in one transaction."""
    if days < 1 or n_videos < len(TOPICS):
        raise ValueError(f"need days >= 1 and n_videos >= {len(TOPICS)}")
    zone = get_tz(tz)
    end_dt = parse_time(end) if end is not None else DEFAULT_END
    end_dt = end_dt.replace(microsecond=0)
    start_dt = end_dt - timedelta(days=days)
    rng = random.Random(seed)
    ids: set[str] = set()

    videos, channels = _make_videos(rng, n_videos, start_dt - SHOWN_WINDOW, end_dt, ids)
    events, spans = _make_events(random.Random(rng.random()), start_dt, end_dt, zone)
    starts = [s for s, _, _ in spans]

    # -- productive labels: feed sessions at moments while the person is at the computer ---------
    prng = random.Random(rng.random())
    by_published = sorted(videos, key=lambda v: (v.published_at, v.video_id))
    pub_times = [parse_time(v.published_at) for v in by_published]
    topic_of = {v.video_id: video_topic(v) or "" for v in videos}
    feed_weight = [3.0 if topic_of[v.video_id] in LIKED_TOPICS else 1.0 for v in by_published]
    cum_weights: list[float] = []
    acc = 0.0
    for w in feed_weight:
        acc += w
        cum_weights.append(acc)

    # moments: spread over the time at the computer (a little more often in work breaks), so each
    # has recent activity and both contexts are about equally common
    total_active = sum((e - s).total_seconds() * WORK_BREAK_WEIGHT.get(g, 1.0) for s, e, g in spans)
    n_sessions = max(1, round(LABELS_PER_DAY * days / 5))
    offsets = sorted(prng.uniform(0, total_active) for _ in range(n_sessions))
    moments: list[datetime] = []
    k, passed = 0, 0.0
    for s, e, g in spans:
        w = WORK_BREAK_WEIGHT.get(g, 1.0)
        length = (e - s).total_seconds() * w
        while k < len(offsets) and offsets[k] <= passed + length:
            moments.append(s + timedelta(seconds=int((offsets[k] - passed) / w)))
            k += 1
        passed += length
    moments = sorted(set(moments))

    productive: list[Label] = []
    watches: list[Watch] = []
    watched_first: dict[str, datetime] = {}
    for moment in moments:
        kind = _activity_at(spans, starts, moment)
        lo_i = bisect.bisect_left(pub_times, moment - SHOWN_WINDOW)
        hi_i = bisect.bisect_left(pub_times, moment)
        if hi_i - lo_i < 1:
            continue
        base = cum_weights[lo_i - 1] if lo_i else 0.0
        want = min(hi_i - lo_i, prng.randint(3, 7))
        shown: list[Video] = []
        seen: set[int] = set()
        tries = 0
        while len(shown) < want and tries < 50:
            tries += 1
            x = base + prng.random() * (cum_weights[hi_i - 1] - base)
            idx = min(bisect.bisect_left(cum_weights, x, lo_i, hi_i), hi_i - 1)
            if idx not in seen:
                seen.add(idx)
                shown.append(by_published[idx])
        for v in shown:
            truth = productive_truth(topic_of[v.video_id], kind, v.duration_s)
            value = truth ^ int(prng.random() < PRODUCTIVE_NOISE)
            labelled = moment + timedelta(seconds=prng.randint(60, 600))
            productive.append(Label(v.video_id, PRODUCTIVE, value, WEB_SOURCE, moment=iso(moment),
                                    labelled_at=iso(min(labelled, end_dt))))
            if value:
                watched = moment + timedelta(seconds=prng.randint(5, 90))
                watches.append(Watch(v.video_id, iso(min(watched, end_dt)), source=SOURCE))
                watched_first.setdefault(v.video_id, min(watched, end_dt))

    # -- interest labels: likes and dislikes, mostly on videos that are not brand new -------------
    irng = random.Random(rng.random())
    interest: list[Label] = []
    for v in videos:
        published = parse_time(v.published_at)
        age_days = (end_dt - published).total_seconds() / 86400
        if irng.random() >= (0.75 if age_days > 7 else 0.2):
            continue
        value = interest_truth(topic_of[v.video_id]) ^ int(irng.random() < INTEREST_NOISE)
        if v.video_id in watched_first:
            moment_dt = watched_first[v.video_id]
            moment = iso(moment_dt)
            labelled_dt = moment_dt + timedelta(seconds=irng.randint(60, 1800))
        else:
            moment = ""
            room = max(0.0, (end_dt - published).total_seconds() - 300)
            labelled_dt = published + timedelta(seconds=300 + int(irng.uniform(0, room)))
        interest.append(Label(v.video_id, INTEREST, value, LIKE_SOURCE if value else DISLIKE_SOURCE,
                              moment=moment, labelled_at=iso(min(labelled_dt, end_dt))))

    with store.transaction():
        changed = store.upsert_channels(channels)
        changed += store.upsert_videos(videos)
        changed += store.upsert_events(events)
        changed += store.add_labels(productive + interest)
        changed += store.upsert_watches(watches)
        store.set("demo", {"seed": seed, "days": days, "n_videos": n_videos, "tz": tz, "end": iso(end_dt)})

    seen_ids = {lab.video_id for lab in productive + interest} | {w.video_id for w in watches}
    fresh_since = end_dt - FEED_WINDOW
    topics: dict[str, int] = {}
    for v in videos:
        topics[topic_of[v.video_id]] = topics.get(topic_of[v.video_id], 0) + 1
    after_work = sum(1 for lab in productive if _activity_at(spans, starts, parse_time(lab.moment)) == WORK)
    return DemoSummary(
        seed=seed, days=days, tz=tz, start=iso(start_dt), end=iso(end_dt), videos=len(videos),
        shorts=sum(v.is_short for v in videos), channels=len(channels), app_events=len(events),
        interest_labels=len(interest), productive_labels=len(productive),
        productive_positive=sum(lab.value for lab in productive), productive_after_work=after_work,
        watches=len(watches),
        fresh_candidates=sum(1 for v in videos if parse_time(v.published_at) >= fresh_since
                             and v.video_id not in seen_ids),
        changed=changed, topics=dict(sorted(topics.items())))


def summary_dict(summary: DemoSummary) -> dict[str, Any]:
    """The summary as a plain dict (for the CLI and logs)."""
    return asdict(summary)
