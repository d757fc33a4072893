"""The video catalogue of the sequence world (``bench/world_seq.py``): eighteen kinds in eight groups, each
with its own channels, title templates in five languages, tags, real YouTube ``categoryId`` values and a
log-uniform length range, and the ``videos.list`` resource written for each. The kind itself is never
written: it shows only through titles, tags, category, channel and length. Standard library only.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from world_seq_plan import iso

TECH = ["Rust", "Go", "Python", "TypeScript", "Kubernetes", "PostgreSQL", "React", "Docker", "Linux", "SQL", "Kotlin",
        "Svelte", "Terraform", "Redis", "Elixir", "C++", "WebAssembly", "pandas", "Git", "Nix"]
SCIENCE = ["black holes", "the immune system", "quantum computing", "plate tectonics", "the Roman Empire",
           "coral reefs", "memory", "sleep", "volcanoes", "the Silk Road", "fungi", "the deep sea", "antibiotics",
           "glaciers", "number theory", "the printing press"]
GAMES = ["Elden Ring", "Hades II", "Stardew Valley", "Factorio", "Minecraft", "Baldur's Gate 3", "Celeste",
         "Outer Wilds", "Balatro", "Hollow Knight", "Civilization VI", "Cyberpunk 2077"]
FOOD = ["ramen", "focaccia", "paella", "dumplings", "shakshuka", "risotto", "tacos", "curry", "sourdough", "pho",
        "gnocchi", "banana bread", "bibimbap", "crêpes"]
GADGETS = ["Pixel 10", "iPhone 17", "Framework 16", "Steam Deck 2", "Kindle Scribe", "Sony WH-1000XM6",
           "ThinkPad X1", "MacBook Air M5", "Galaxy Watch", "Keychron Q1", "Dell XPS 14", "GoPro 14"]
SPORTS = ["Arsenal vs Chelsea", "Real Madrid vs Sevilla", "Lakers vs Celtics", "Djokovic vs Alcaraz",
          "the Tour de France stage 12", "Bayern vs Dortmund", "the Monaco GP", "PSG vs Lyon", "the NBA Finals G4"]
PLACES = ["Lisbon", "Tokyo", "Iceland", "the Alps", "Mexico City", "Seoul", "Scotland", "Patagonia", "Berlin",
          "Vietnam", "Morocco", "New Zealand"]
NEWS = ["interest rates", "the election", "the heatwave", "the rail strike", "the AI bill", "housing prices",
        "the climate summit", "the budget", "the trade talks", "the flood", "energy prices", "the transfer window"]
MOODS = ["chill", "focus", "rainy day", "late night", "coffee shop", "deep work", "sunday morning", "summer"]
GENRES = ["jazz", "synthwave", "house", "piano", "indie", "hip hop", "ambient", "bossa nova", "techno", "soul"]
PEOPLE = ["a sleep scientist", "a startup founder", "a chef", "a climber", "an economist", "a game designer",
          "a historian", "a marathon runner", "a novelist", "a neuroscientist"]
FILL = {"tech": TECH, "sci": SCIENCE, "game": GAMES, "food": FOOD, "gadget": GADGETS, "sport": SPORTS,
        "place": PLACES, "news": NEWS, "mood": MOODS, "genre": GENRES, "who": PEOPLE,
        "n": [str(i) for i in range(2, 60)]}

# kind: group, categoryIds, length range in seconds, channel words, tags, titles per language
KINDS: dict[str, dict] = {
    "tutorial": {"group": "deep", "cat": ["28", "27"], "len": (600, 4200), "chan": ["Code", "Dev", "Academy"],
                 "tags": ["programming", "tutorial", "coding", "{tech}"],
                 "en": ["{tech} Tutorial for Beginners - Full Course", "Build a REST API with {tech} (step by step)",
                        "{tech} in {n} minutes: the complete guide", "Advanced {tech}: patterns you should know"],
                 "de": ["{tech} Tutorial auf Deutsch – Komplettkurs", "{tech} lernen: Teil {n}"],
                 "es": ["Curso de {tech} desde cero", "{tech} tutorial en español - parte {n}"],
                 "fr": ["Apprendre {tech} : cours complet", "Tuto {tech} pour débutants #{n}"],
                 "pt": ["Curso de {tech} completo", "Aprenda {tech} em {n} minutos"]},
    "lecture": {"group": "deep", "cat": ["27"], "len": (2700, 6000), "chan": ["University", "OpenCourse", "Lectures"],
                "tags": ["lecture", "course", "university", "{sci}"],
                "en": ["Lecture {n}: {sci}", "Introduction to {sci} - full lecture", "MIT-style seminar on {sci}"],
                "de": ["Vorlesung {n}: {sci}", "Ringvorlesung – {sci}"], "es": ["Clase {n}: {sci}"],
                "fr": ["Cours magistral {n} : {sci}"], "pt": ["Aula {n}: {sci}"]},
    "talk": {"group": "deep", "cat": ["28"], "len": (1200, 3300), "chan": ["Conf", "Summit", "Talks"],
             "tags": ["conference", "talk", "{tech}", "engineering"],
             "en": ["Scaling {tech} at a billion requests", "The hidden cost of {tech} - conference talk",
                    "What I learned running {tech} in production", "Keynote: the future of {tech}"],
             "de": ["Vortrag: {tech} in der Praxis"], "es": ["Charla: {tech} en producción"],
             "fr": ["Conférence : {tech} en production"], "pt": ["Palestra: {tech} na prática"]},
    "documentary": {"group": "deep", "cat": ["27", "1"], "len": (2400, 5400), "chan": ["Docs", "Films", "Planet"],
                    "tags": ["documentary", "full documentary", "{sci}"],
                    "en": ["The secret world of {sci} (full documentary)", "{sci}: a documentary",
                           "Inside {place} - documentary"],
                    "de": ["Doku: Das Geheimnis von {sci}", "{place} – Dokumentation"],
                    "es": ["Documental: {sci}"], "fr": ["Documentaire : {place}"], "pt": ["Documentário: {sci}"]},
    "shorts": {"group": "light", "cat": ["24", "23"], "len": (12, 59), "chan": ["Shorts", "Clips", "Daily"],
               "tags": ["shorts", "funny", "viral"],
               "en": ["wait for it 😂 #shorts", "POV: your {tech} build finally passes #shorts",
                      "this {food} hack is genius #shorts", "{game} moment #shorts"],
               "de": ["Warte aufs Ende 😂 #shorts"], "es": ["espera al final 😂 #shorts"],
               "fr": ["attends la fin 😂 #shorts"], "pt": ["espera o final 😂 #shorts"]},
    "sketch": {"group": "light", "cat": ["23"], "len": (120, 600), "chan": ["Comedy", "Sketches", "Laughs"],
               "tags": ["comedy", "sketch", "funny"],
               "en": ["When the standup runs long | sketch", "If {tech} developers were honest",
                      "Every {game} player ever", "The {food} incident (comedy sketch)"],
               "de": ["Wenn {tech}-Entwickler ehrlich wären"], "es": ["Cuando el {food} sale mal"],
               "fr": ["Quand le {food} tourne mal"], "pt": ["Todo jogador de {game}"]},
    "highlights": {"group": "light", "cat": ["17"], "len": (150, 660), "chan": ["Sports", "Highlights", "Replay"],
                   "tags": ["highlights", "sports", "{sport}"],
                   "en": ["{sport} | Extended Highlights", "{sport} - all goals and best moments"],
                   "de": ["{sport} – Highlights"], "es": ["Resumen: {sport}"], "fr": ["Résumé : {sport}"],
                   "pt": ["Melhores momentos: {sport}"]},
    "review": {"group": "light", "cat": ["28"], "len": (360, 960), "chan": ["Tech", "Unboxed", "Review"],
               "tags": ["review", "tech", "{gadget}"],
               "en": ["{gadget} review: worth it?", "{gadget} after {n} days", "Don't buy the {gadget} before this"],
               "de": ["{gadget} im Test"], "es": ["{gadget}: análisis completo"], "fr": ["Test du {gadget}"],
               "pt": ["Review {gadget}"]},
    "cooking": {"group": "light", "cat": ["26"], "len": (240, 1200), "chan": ["Kitchen", "Cooks", "Table"],
                "tags": ["recipe", "cooking", "{food}"],
                "en": ["Easy {food} in {n} minutes", "The best {food} I've ever made", "{food} 3 ways"],
                "de": ["{food} – einfaches Rezept"], "es": ["Receta fácil de {food}"],
                "fr": ["Recette facile : {food}"], "pt": ["Receita de {food}"]},
    "letsplay": {"group": "ent", "cat": ["20"], "len": (1200, 4800), "chan": ["Plays", "Gaming", "LP"],
                 "tags": ["gaming", "let's play", "{game}", "gameplay"],
                 "en": ["{game} - Part {n} (blind playthrough)", "{game} but I can't stop laughing",
                        "Let's Play {game} #{n}"],
                 "de": ["Let's Play {game} #{n}"], "es": ["{game} gameplay parte {n}"],
                 "fr": ["{game} let's play épisode {n}"], "pt": ["Jogando {game} #{n}"]},
    "vlog": {"group": "ent", "cat": ["22", "19"], "len": (600, 1800), "chan": ["Vlogs", "Life", "Travels"],
             "tags": ["vlog", "travel", "{place}"],
             "en": ["A week in {place} (vlog)", "Moving to {place}?", "My day in {place}"],
             "de": ["Eine Woche in {place} | Vlog"], "es": ["Vlog: una semana en {place}"],
             "fr": ["Vlog : une semaine à {place}"], "pt": ["Vlog: uma semana em {place}"]},
    "standup": {"group": "ent", "cat": ["23", "24"], "len": (900, 3600), "chan": ["Standup", "Live", "Comedy Club"],
                "tags": ["stand-up", "comedy special"],
                "en": ["Full stand-up special ({n} min)", "Stand-up: dating in {place}",
                       "Live at the {place} comedy club"],
                "de": ["Stand-up Special: {place}"], "es": ["Monólogo completo en {place}"],
                "fr": ["Spectacle de stand-up à {place}"], "pt": ["Stand-up completo em {place}"]},
    "mix": {"group": "music", "cat": ["10"], "len": (1800, 7200), "chan": ["Music", "Radio", "Sessions"],
            "tags": ["music", "mix", "{genre}", "playlist"],
            "en": ["{genre} mix for {mood} vibes", "{n} hours of {genre}", "{genre} playlist 2026"],
            "de": ["{genre} Mix zum Arbeiten"], "es": ["Mix de {genre} para {mood}"],
            "fr": ["Mix {genre} pour travailler"], "pt": ["Playlist {genre} para {mood}"]},
    "lofi": {"group": "music", "cat": ["10"], "len": (3600, 10800), "chan": ["Beats", "lofi", "Records"],
             "tags": ["lofi", "beats to study", "{mood}"],
             "en": ["lofi hip hop radio - beats to {mood} to", "{mood} lofi beats [{n} hours]"],
             "de": ["Lofi Beats zum Lernen ({mood})"], "es": ["lofi para estudiar - {mood}"],
             "fr": ["lofi pour étudier - {mood}"], "pt": ["lofi para estudar - {mood}"]},
    "news": {"group": "news", "cat": ["25"], "len": (180, 1200), "chan": ["News", "Report", "Today"],
             "tags": ["news", "politics", "{news}"],
             "en": ["Live: latest on {news}", "What {news} means for you", "{news}: explained"],
             "de": ["Nachrichten: {news}"], "es": ["Noticias: {news}"], "fr": ["Le point sur {news}"],
             "pt": ["Notícias: {news}"]},
    "podcast": {"group": "podcast", "cat": ["22"], "len": (2700, 9000), "chan": ["Podcast", "Show", "Conversations"],
                "tags": ["podcast", "interview", "long form"],
                "en": ["#{n} - {who} on {sci}", "Episode {n}: a conversation with {who}"],
                "de": ["Folge {n}: Gespräch mit {who}"], "es": ["Episodio {n}: con {who}"],
                "fr": ["Épisode {n} : avec {who}"], "pt": ["Episódio {n}: com {who}"]},
    "asmr": {"group": "sleep", "cat": ["22", "26"], "len": (2400, 10800), "chan": ["ASMR", "Sleep", "Calm"],
             "tags": ["asmr", "sleep", "relaxing", "rain sounds"],
             "en": ["ASMR for sleep ({n} min, no talking)", "Rain sounds for deep sleep", "Sleep story: {place}"],
             "de": ["ASMR zum Einschlafen"], "es": ["ASMR para dormir"], "fr": ["ASMR pour dormir"],
             "pt": ["ASMR para dormir"]},
    "workout": {"group": "fitness", "cat": ["17", "26"], "len": (480, 2700), "chan": ["Fit", "Yoga", "Training"],
                "tags": ["workout", "fitness", "no equipment"],
                "en": ["{n} min full body workout", "Desk stretch routine ({n} min)", "Yoga for back pain"],
                "de": ["{n} Minuten Workout für zuhause"], "es": ["Rutina de {n} minutos en casa"],
                "fr": ["Séance de sport {n} min"], "pt": ["Treino de {n} minutos"]},
}
GROUPS = sorted({k["group"] for k in KINDS.values()})
LANGS = ("en", "de", "es", "fr", "pt")
CHANNEL_WORDS = ["Nova", "Atlas", "Blue", "Pixel", "North", "Maple", "Echo", "Orbit", "Copper", "Lumen", "Sage",
                 "Tidal", "Ember", "Quartz", "Juniper", "Harbor", "Zenith", "Velvet", "Indigo", "Granite"]
ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@dataclass
class Video:
    vid: str
    kind: str
    group: str
    channel: str
    channel_id: str
    lang: str
    title: str
    tags: list[str]
    category: str
    duration: int
    published: float


def _fill(rng: random.Random, text: str) -> str:
    for key, words in FILL.items():
        while "{" + key + "}" in text:
            text = text.replace("{" + key + "}", rng.choice(words), 1)
    return text


def _channels(rng: random.Random, second: str) -> list[tuple[str, str, str, str]]:
    """(kind, channel name, channel id, language) for 3-6 channels per kind."""
    out = []
    for kind in sorted(KINDS):
        for _ in range(rng.randint(3, 6)):
            lang = rng.choices(["en", second, rng.choice(LANGS)], [0.6, 0.3, 0.1])[0]
            name = f"{rng.choice(CHANNEL_WORDS)} {rng.choice(KINDS[kind]['chan'])}"
            name += f" {lang.upper()}" if lang != "en" and rng.random() < 0.5 else ""
            out.append((kind, name, "UC" + "".join(rng.choice(ID_CHARS) for _ in range(22)), lang))
    return out


def make_videos(rng: random.Random, n: int, t0: float, t1: float, second: str) -> list[Video]:
    """``n`` videos: about a fifth back catalogue from up to a year before ``t0``, the rest uploaded through
    the period."""
    channels = _channels(rng, second)
    videos = []
    for i in range(n):
        kind, channel, cid, lang = rng.choice(channels)
        spec = KINDS[kind]
        lo, hi = spec["len"]
        published = (t0 - rng.uniform(0, 365) * 86400) if rng.random() < 0.2 else rng.uniform(t0 - 5 * 86400, t1)
        title = _fill(rng, rng.choice(spec[lang]))
        tags = sorted({_fill(rng, t) for t in spec["tags"]})
        vid = "".join(rng.choice(ID_CHARS[:62]) for _ in range(11))
        videos.append(Video(vid, kind, spec["group"], channel, cid, lang, title, tags, rng.choice(spec["cat"]),
                            int(math.exp(rng.uniform(math.log(lo), math.log(hi)))), round(published)))
    return videos


def _duration(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s or not (h or m) else "")


def resource(v: Video, rng: random.Random) -> dict:
    """The ``videos.list`` resource (snippet, contentDetails, statistics) of one video."""
    views = int(math.exp(rng.uniform(5, 14)))
    hashtags = " ".join("#" + t.replace(" ", "") for t in v.tags[:3])
    return {"kind": "youtube#video", "etag": "".join(rng.choice(ID_CHARS[:62]) for _ in range(27)), "id": v.vid,
            "snippet": {"publishedAt": iso(v.published)[:19] + "Z", "channelId": v.channel_id, "title": v.title,
                        "description": f"{v.title}\n\n{v.channel} – {hashtags}",
                        "thumbnails": {"default": {"url": f"https://i.ytimg.com/vi/{v.vid}/default.jpg",
                                                   "width": 120, "height": 90}},
                        "channelTitle": v.channel, "tags": v.tags, "categoryId": v.category,
                        "liveBroadcastContent": "none", "defaultAudioLanguage": v.lang},
            "contentDetails": {"duration": _duration(v.duration), "dimension": "2d", "definition": "hd",
                               "caption": "false", "licensedContent": True, "contentRating": {},
                               "projection": "rectangular"},
            "statistics": {"viewCount": str(views), "likeCount": str(views // rng.randint(20, 80)),
                           "favoriteCount": "0", "commentCount": str(views // rng.randint(200, 900))}}
