"""The videos of the alternative evaluation world (``bench/world_alt.py``): fifteen kinds (``KINDS``)
with their channels, languages, title templates, tags, categories and lengths, the words that fill the
templates (``FILL``), ``make_videos`` to draw the catalogue and ``resource`` to write one as a YouTube
``videos.list`` resource. Standard library only; deterministic in the ``random.Random`` it is given.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

from world_alt_render import ARTISTS, GAMES, SONGS
from world_alt_time import DAY, HOUR, iso_z

ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


KINDS: dict[str, dict[str, Any]] = {
    "tutorial": {"cat": "28", "group": "focus", "dur": (900, 0.7, 120, 7200), "w": 1.3,
                 "ch": [("Byte Harbor", "en"), ("CodeWithMarta", "en"), ("The Pragmatic Shell", "en"),
                        ("Le Code Simple", "fr"), ("Kodikoulu", "fi"), ("Programando com Rita", "pt"),
                        ("DevCafé ES", "es")],
                 "t": {"en": ["{L} {topic} in {n} minutes", "Build a {thing} with {L} (full course)",
                              "{L} {topic} explained — no magic", "STOP writing {L} like this ❌",
                              "I rewrote our {thing} in {L}. Here's what happened", "{L} tips I wish I knew earlier 🔥",
                              "Understanding {topic} ({L}, part {k})"],
                       "fr": ["Apprendre {L} : {topic} en {n} minutes", "Tuto {L} — créer un {thing}"],
                       "fi": ["{L}-ohjelmointi: {topic} osa {k}", "Tee oma {thing} {L}-kielellä"],
                       "pt": ["Curso de {L}: {topic} (aula {k})", "Como criar um {thing} em {L}"],
                       "es": ["{L} desde cero: {topic}", "Cómo hacer un {thing} con {L} 🚀"]},
                 "tags": ["programming", "tutorial", "coding", "{L}", "{topic}"]},
    "talk": {"cat": "28", "group": "focus", "dur": (2400, 0.35, 900, 5400), "w": 0.8,
             "ch": [("NordConf", "en"), ("PyData Harbour", "en"), ("SysConf Talks", "en"), ("Lambda Days Live", "en"),
                    ("FOSS Forum", "en"), ("Journées du Code", "fr")],
             "t": {"en": ["{Topic} at scale: lessons from {n} outages", "Keynote: the future of {L}",
                          "\"{Topic} considered harmful\" — {speaker}", "{speaker}: What we got wrong about {topic}",
                          "Lightning talk: {thing} in {L}"],
                   "fr": ["{speaker} — {Topic} en production"]},
             "tags": ["conference", "talk", "{topic}", "software engineering"]},
    "news": {"cat": "25", "group": "info", "dur": (300, 0.6, 60, 2400), "w": 1.1,
             "ch": [("Daily Ledger News", "en"), ("Global Wire", "en"), ("Le Journal 20h", "fr"), ("Uutiset Nyt", "fi"),
                    ("Noticias Hoy", "es"), ("Jornal Aberto", "pt"), ("Morning Brief", "en")],
             "t": {"en": ["{Head} — what it means for you", "BREAKING: {HEAD}", "{Head} | Evening Bulletin",
                          "Explained: {head}", "LIVE: {head}"],
                   "fr": ["{Head} : ce qu'il faut savoir", "Le 20h : {head}"],
                   "fi": ["{Head} – illan uutiset", "Uutisanalyysi: {head}"],
                   "es": ["{Head}: lo que debes saber", "EN VIVO: {head}"],
                   "pt": ["{Head}: o que muda", "Jornal da noite: {head}"]},
             "tags": ["news", "politics", "world"]},
    "music": {"cat": "10", "group": "background", "dur": (2400, 1.0, 150, 14400), "w": 1.0,
              "ch": [("Lo-Fi Lantern", "en"), ("Deep Focus Radio", "en"), ("Synthwave Motel", "en"),
                     ("Classical Hour", "en"), ("Indie Attic Sessions", "en"), ("Jazz Nocturne", "en")],
              "t": {"en": ["{mood} lofi beats to {verb} to 📚", "{n} hours of {mood} piano", "{artist} — live at {place}",
                           "{artist} - {song} (Official Video)", "DARK SYNTHWAVE MIX 🌃 {mood} drive", "{mood} jazz for {verb}ing ☕"]},
              "tags": ["music", "playlist", "{mood}", "focus music"]},
    "gaming": {"cat": "20", "group": "fun", "dur": (1300, 0.7, 180, 10800), "w": 1.0,
               "ch": [("PixelPioneer", "en"), ("Nerd Crate", "en"), ("Speedrun Shelf", "en"), ("CozyQuest", "en"),
                      ("GrindHouse Gaming", "en"), ("Jugando con Nico", "es")],
               "t": {"en": ["I played {game} for 100 hours", "{game} but every {thing} is random 😂",
                            "{GAME} WORLD RECORD ({n}:{k}0)", "The PERFECT {game} base", "{game} - Part {k} (blind)"],
                     "es": ["{game} pero es imposible 😱", "Jugando {game} por primera vez"]},
               "tags": ["gaming", "{game}", "lets play"]},
    "comedy": {"cat": "23", "group": "fun", "dur": (420, 0.7, 60, 3600), "w": 0.8,
               "ch": [("Sketchbook Comedy", "en"), ("Late Late Laughs", "en"), ("Les Parodistes", "fr"),
                      ("Tuplakomedia", "fi"), ("Humor a la Chilena", "es")],
               "t": {"en": ["When your {thing} {verb}s at 3am", "{Job}s be like 😂", "If {thing}s had feelings",
                            "STAND-UP: {speaker} on {topic}", "The {thing} meeting that never ends"],
                     "fr": ["Quand ton {thing} plante 😂", "Sketch : le {thing} du lundi"],
                     "fi": ["Kun {thing} ei toimi 😂"], "es": ["Cuando tu {thing} no funciona 😂"]},
               "tags": ["comedy", "sketch", "funny"]},
    "documentary": {"cat": "27", "group": "info", "dur": (3000, 0.4, 900, 7200), "w": 0.7,
                    "ch": [("Deep Time Docs", "en"), ("Atlas Stories", "en"), ("Culture Doc", "fr"),
                           ("Engineering Long Reads", "en")],
                    "t": {"en": ["The rise and fall of {place}", "Inside the world's biggest {thing} factory",
                                 "How {place} built a {thing} (full documentary)", "{Topic}: the untold story"],
                          "fr": ["{place} : l'histoire oubliée (documentaire)"]},
                    "tags": ["documentary", "history", "{place}"]},
    "cooking": {"cat": "26", "group": "fun", "dur": (720, 0.5, 120, 3000), "w": 0.8,
                "ch": [("Pan & Pantry", "en"), ("Nonna's Table", "en"), ("Ramen Lab", "en"), ("Cocina Rápida", "es"),
                       ("Keittiössä", "fi")],
                "t": {"en": ["The only {dish} recipe you need", "{dish} in {n} minutes 🍜", "I tried {place} {dish}",
                             "ONE-PAN {DISH} (weeknight)"],
                      "es": ["{dish} fácil y rápido"], "fi": ["Helppo {dish} – resepti"]},
                "tags": ["cooking", "recipe", "{dish}"]},
    "sports": {"cat": "17", "group": "fun", "dur": (540, 0.5, 60, 6000), "w": 0.7,
               "ch": [("Highlights Hub", "en"), ("Trail & Summit", "en"), ("Paddock Recap", "en"),
                      ("Tactics Board", "en"), ("Fútbol al Día", "es")],
               "t": {"en": ["{team} vs {team2} | HIGHLIGHTS", "{team} {n}-{k} {team2}: every goal",
                            "Race recap: {place} GP", "Climbing {place}'s hardest route"],
                     "es": ["{team} vs {team2} | RESUMEN"]},
               "tags": ["sports", "highlights", "{team}"]},
    "podcast": {"cat": "22", "group": "background", "dur": (4200, 0.4, 1500, 12000), "w": 0.8,
                "ch": [("The Long Pause Podcast", "en"), ("Two Devs One Mic", "en"), ("Hard Questions Pod", "en"),
                       ("Tiedepodi", "fi"), ("Podcast Sem Pressa", "pt")],
                "t": {"en": ["#{n} — {speaker} on {topic}", "Ep. {n}: why {topic} is broken", "{speaker} | {Topic} & {topic2}"],
                      "fi": ["Jakso {n}: {topic}"], "pt": ["Ep. {n} — {topic} com {speaker}"]},
                "tags": ["podcast", "interview", "{topic}"]},
    "short": {"cat": "24", "group": "fun", "dur": (35, 0.4, 8, 59), "w": 1.0,
              "ch": [("QuickBits", "en"), ("60 Second Science", "en"), ("Daily Dose Shorts", "en"), ("Cat Loops", "en")],
              "t": {"en": ["wait for it… 😳 #shorts", "{thing} hack you NEED #shorts", "POV: {job} on a Monday",
                           "this {animal} 😂", "{L} in 30 seconds #shorts"]},
              "tags": ["shorts", "viral"]},
    "language": {"cat": "27", "group": "focus", "dur": (780, 0.5, 180, 3600), "w": 0.6,
                 "ch": [("Easy Spanish Street", "es"), ("Français Facile", "fr"), ("Suomea Helposti", "fi"),
                        ("Nihongo Now", "ja"), ("Português Já", "pt")],
                 "t": {"en": ["{n} {langname} phrases for beginners", "{langname} listening practice (slow)",
                              "Learn {langname} while you sleep 😴"],
                       "ja": ["日本語の聞き取り練習 #{n}", "JLPT N{k} 文法まとめ"],
                       "es": ["Español lento: {topic}"], "fr": ["Français lent : {topic}"], "fi": ["Selkosuomea: {topic}"],
                       "pt": ["Português devagar: {topic}"]},
                 "tags": ["language learning", "{langname}"]},
    "productivity": {"cat": "26", "group": "focus", "dur": (660, 0.5, 120, 2700), "w": 0.6,
                     "ch": [("Deep Work Dan", "en"), ("Notes Architect", "en"), ("Calendar Monk", "en"), ("Study With Ana", "pt")],
                     "t": {"en": ["My {n}-step weekly review", "How I take notes in {app}", "STUDY WITH ME {k} HOURS (pomodoro)",
                                  "Stop multitasking: the science", "I tried {app} for 30 days"],
                           "pt": ["Estude comigo {k} horas 📖"]},
                     "tags": ["productivity", "{app}", "study"]},
    "asmr": {"cat": "24", "group": "background", "dur": (2700, 0.6, 600, 10800), "w": 0.4,
             "ch": [("Whisper Woods", "en"), ("Tingle Lab", "en"), ("Soft Rain Room", "en")],
             "t": {"en": ["ASMR {asmr} (no talking)", "{n} hours of rain on a {place} window 🌧", "ASMR {asmr} for sleep"]},
             "tags": ["asmr", "sleep", "relax"]},
    "science": {"cat": "28", "group": "info", "dur": (960, 0.5, 240, 3600), "w": 0.8,
                "ch": [("Orbital Mechanic", "en"), ("Molecule Minute", "en"), ("Curious Quanta", "en"), ("Astro Café", "fr")],
                "t": {"en": ["Why {sci} is weirder than you think", "The {sci} problem nobody solved",
                             "What happens if {sci}?", "{SCI}, explained"], "fr": ["Pourquoi {sci} ? (vulgarisation)"]},
                "tags": ["science", "{sci}", "education"]},
}
FILL = {
    "L": ["Rust", "Python", "TypeScript", "Go", "Kotlin", "C++", "Elixir", "SQL", "Zig", "Haskell"],
    "topic": ["async", "lifetimes", "generics", "testing", "caching", "concurrency", "parsers", "type inference",
              "observability", "CRDTs", "databases", "memory layout", "error handling", "build systems"],
    "thing": ["router", "database", "compiler", "chat app", "game engine", "text editor", "bot", "scheduler",
              "printer", "keyboard", "standup", "spreadsheet", "deploy"],
    "speaker": ["Dr. Ines Alves", "Marcus Hill", "Yuki Tanaka", "Sara Lindqvist", "Omar Haddad", "Léa Fontaine"],
    "head": ["central bank holds rates", "rail strike enters day three", "heatwave warning extended",
             "election result contested", "new housing law passes", "storm cuts power to thousands",
             "AI rules agreed", "budget talks collapse"],
    "mood": ["chill", "rainy", "late night", "sunday", "cozy", "dark", "focus", "autumn"],
    "verb": ["study", "code", "relax", "work", "sleep", "read"],
    "artist": ARTISTS, "song": SONGS,
    "place": ["Lisbon", "Helsinki", "Patagonia", "Tokyo", "Lagos", "Venice", "Oaxaca", "Detroit", "Ulaanbaatar", "Tasmania"],
    "game": [g[0] for g in GAMES] + ["Minecraft", "Zelda", "Elden Ring"],
    "Job": ["Developer", "Manager", "Designer", "Intern", "Barista"], "job": ["developer", "manager", "intern"],
    "dish": ["ramen", "carbonara", "empanadas", "lohikeitto", "bacalhau", "curry", "sourdough", "tacos", "pho"],
    "team": ["Lyon", "HJK", "Benfica", "Colo-Colo", "Toronto FC", "Sydney FC", "Auckland City", "Colorado Rapids"],
    "langname": ["Spanish", "French", "Finnish", "Japanese", "Portuguese", "German"],
    "app": ["Obsidian", "Notion", "Logseq", "paper", "Things", "Emacs"],
    "asmr": ["keyboard typing", "page turning", "brushing", "tapping", "cozy library"],
    "animal": ["cat", "dog", "parrot", "goat", "otter"],
    "sci": ["quantum tunnelling", "dark matter", "entropy", "black holes", "CRISPR", "plate tectonics", "superconductors"],
}


@dataclass
class Video:
    vid: str
    kind: str
    group: str
    channel: str
    channel_id: str
    lang: str
    title: str
    description: str
    tags: list[str]
    category: str
    duration: int
    published: float
    topic: str


def rand_id(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ID_CHARS) for _ in range(n))


def fill(rng: random.Random, tpl: str) -> tuple[str, dict[str, str]]:
    picked: dict[str, str] = {}

    def val(key: str) -> str:
        if key == "n":
            return str(rng.choice([3, 5, 7, 10, 12, 15, 20, 42, 100, 137, 250]))
        if key == "k":
            return str(rng.randint(1, 9))
        base = key.lower() if key.lower() in FILL else key
        if base == "topic2":
            base = "topic"
        if base == "team2":
            base = "team"
        if key not in picked:
            picked[key] = rng.choice(FILL[base])
        v = picked[key]
        if key.isupper() and len(key) > 1:
            return v.upper()
        if key[0].isupper() and key not in ("L", "Job"):
            return v[:1].upper() + v[1:]
        return v

    out, i = [], 0
    while i < len(tpl):
        j = tpl.find("{", i)
        if j < 0:
            out.append(tpl[i:])
            break
        k = tpl.find("}", j)
        out.append(tpl[i:j])
        out.append(val(tpl[j + 1:k]))
        i = k + 1
    return "".join(out), picked


DESCS = {"en": ["New video every week.", "Timestamps below. Thanks for watching!", "Support the channel on Patreon.",
                "Sources and links in the pinned comment.", "Subscribe for more."],
         "fr": ["Nouvelle vidéo chaque semaine.", "Abonnez-vous !"], "fi": ["Uusi video joka viikko.", "Tilaa kanava!"],
         "es": ["¡Suscríbete para más!", "Nuevo video cada semana."], "pt": ["Inscreva-se!", "Vídeo novo toda semana."],
         "ja": ["チャンネル登録よろしくお願いします！"]}


def make_videos(rng: random.Random, n: int, t0: float, t1: float, home_lang: str, second: str) -> list[Video]:
    mix = {k: spec["w"] * math.exp(rng.gauss(0, 0.35)) for k, spec in KINDS.items()}
    kinds = sorted(mix)
    chan_ids: dict[str, str] = {}
    videos: list[Video] = []
    used: set[str] = set()
    for _ in range(n):
        kind = rng.choices(kinds, [mix[k] for k in kinds])[0]
        spec = KINDS[kind]
        chans = spec["ch"]
        cw = [3.0 if lang in (home_lang, second) and lang != "en" else (1.0 if lang == "en" else 0.25) for _, lang in chans]
        channel, lang = rng.choices(chans, cw)[0]
        if channel not in chan_ids:
            chan_ids[channel] = "UC" + rand_id(rng, 22)
        tpls = spec["t"].get(lang) or spec["t"]["en"]
        if lang != "en" and rng.random() < 0.2:
            tpls = spec["t"]["en"]
        title, picked = fill(rng, rng.choice(tpls))
        med, sig, lo, hi = spec["dur"]
        dur = int(max(lo, min(hi, med * math.exp(rng.gauss(0, sig)))))
        if kind == "music" and rng.random() < 0.3:
            dur = int(rng.uniform(150, 330))  # a single song
        tags = []
        for tg in spec["tags"]:
            if "{" in tg:
                key = tg[1:-1]
                tt = picked.get(key) or picked.get(key.upper()) or picked.get(key[:1].upper() + key[1:]) \
                    or rng.choice(FILL[key.lower()])
                tags.append(tt.lower())
            else:
                tags.append(tg)
        tags = [x for i, x in enumerate(tags) if x not in tags[:i]]
        topic = next(iter(picked.values()), kind)
        desc = f"{title}\n\n" + rng.choice(DESCS.get(lang, DESCS["en"]))
        if rng.random() < 0.15:
            published = t0 - rng.uniform(2, 600) * DAY
        else:
            published = rng.uniform(t0 - 10 * DAY, t1 - HOUR)
        vid = rand_id(rng, 11)
        while vid in used:
            vid = rand_id(rng, 11)
        used.add(vid)
        videos.append(Video(vid, kind, spec["group"], channel, chan_ids[channel], lang, title, desc, tags,
                            spec["cat"], dur, published, topic))
    return videos


def resource(v: Video, rng: random.Random) -> dict[str, Any]:
    views = int(math.exp(rng.uniform(5, 15.5)))
    snippet: dict[str, Any] = {
        "publishedAt": iso_z(v.published), "channelId": v.channel_id, "title": v.title, "description": v.description,
        "thumbnails": {"default": {"url": f"https://i.ytimg.com/vi/{v.vid}/default.jpg", "width": 120, "height": 90},
                       "medium": {"url": f"https://i.ytimg.com/vi/{v.vid}/mqdefault.jpg", "width": 320, "height": 180}},
        "channelTitle": v.channel, "categoryId": v.category, "liveBroadcastContent": "none",
        "defaultAudioLanguage": v.lang}
    if v.tags and rng.random() < 0.85:  # some uploads have no tags: the API then omits the key
        snippet["tags"] = v.tags
    h, rem = divmod(v.duration, 3600)
    m, s = divmod(rem, 60)
    dur = "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s or not (h or m) else "")
    return {"kind": "youtube#video", "etag": rand_id(rng, 27), "id": v.vid, "snippet": snippet,
            "contentDetails": {"duration": dur, "dimension": "2d", "definition": rng.choice(["hd", "hd", "sd"]),
                               "caption": rng.choice(["false", "true"]), "licensedContent": rng.random() < 0.7,
                               "contentRating": {}, "projection": "rectangular"},
            "statistics": {"viewCount": str(views), "likeCount": str(views // rng.randint(15, 90)),
                           "favoriteCount": "0", "commentCount": str(views // rng.randint(150, 1200))}}
