"""The demo's videos (``vrdndi.sources.demo``): ten topics with their channels, title and description
templates, YouTube categories, tags and lengths (``TOPICS``), and ``_make_videos``, which publishes
them over the month (each video's topic kept as a ``topic:<name>`` tag) with the channels.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from vrdndi.sources.demo_rules import LIKED_TOPICS, SOURCE, TOPIC_TAG
from vrdndi.store import Channel, Video
from vrdndi.timeutil import iso

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
