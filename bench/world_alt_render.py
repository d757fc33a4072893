"""What the watchers of the alternative evaluation world (``bench/world_alt.py``) see: the words
(``APPS`` per OS, file names, commands, sites, chats, news, shops, songs, games, films, courses) and
``Renderer``, which turns the true segments into aw-watcher-window, aw-watcher-afk and aw-watcher-web
events per host (reading pauses, lock screens, films and gamepad games that look afk); ``afk_events``
merges the AFK spans into watcher events; ``hash_str`` a stable string hash.
Standard library only; deterministic in the ``random.Random`` it is given.
"""

from __future__ import annotations

import bisect
import math
import random
from typing import Any
from zoneinfo import ZoneInfo

from world_alt_person import LANGS, MEETINGS, Person
from world_alt_plan import Seg
from world_alt_time import MIN, local_hour


APPS = {
    "linux": {"term": "kitty", "notes": "obsidian", "mail": "thunderbird",
              "chat": "signal-desktop", "matrix": "Element", "teams": "teams-for-linux", "video": "mpv",
              "music": "spotify", "steam": "steam", "office": "libreoffice-calc", "writer": "libreoffice-writer",
              "pdf": "org.pwmt.zathura", "files": "org.gnome.Nautilus", "lock": "", "discord": "vesktop",
              "zoom": "zoom", "anki": "anki"},
    "win": {"term": "WindowsTerminal.exe", "notes": "Notion.exe", "mail": "olk.exe",
            "chat": "WhatsApp.exe", "matrix": "Element.exe", "teams": "ms-teams.exe", "video": "vlc.exe",
            "music": "Spotify.exe", "steam": "steamwebhelper.exe", "office": "EXCEL.EXE", "writer": "WINWORD.EXE",
            "pdf": "SumatraPDF.exe", "files": "explorer.exe", "lock": "LockApp.exe", "discord": "Discord.exe",
            "zoom": "Zoom.exe", "anki": "anki.exe"},
    "mac": {"term": "Ghostty", "notes": "Obsidian", "mail": "Mail", "chat": "Signal",
            "matrix": "Element", "teams": "Microsoft Teams", "video": "IINA", "music": "Music", "steam": "Steam",
            "office": "Numbers", "writer": "Pages", "pdf": "Preview", "files": "Finder", "lock": "loginwindow",
            "discord": "Discord", "zoom": "zoom.us", "anki": "Anki"},
}
EXT = {"python": ["py", "pyi", "toml"], "rust": ["rs", "toml"], "typescript": ["ts", "tsx", "json"],
       "go": ["go", "mod"], "kotlin": ["kt", "kts", "gradle"], "c++": ["cpp", "hpp", "cmake"],
       "elixir": ["ex", "exs"], "sql": ["sql", "yaml"]}
STEMS = ["router", "scheduler", "cache", "parser", "ingest", "billing", "session", "retry", "auth", "schema",
         "metrics", "queue", "export", "planner", "render", "config", "worker", "migrate", "indexer", "batch",
         "tokenizer", "ledger", "webhook", "snapshot", "health", "limits", "audit", "search", "feed", "layout"]
SUFFIX = ["", "_test", "_utils", "_v2", "_handler", "_client", "_store", "s", "_impl", "_spec", "_old"]
CMDS = ["cargo test -q", "git rebase -i HEAD~4", "make -j8", "pytest -x -k {s}", "go test ./...", "htop",
        "docker compose up", "git log --oneline", "npm run dev", "kubectl get pods -n {p}", "ssh bastion",
        "tail -f logs/{s}.log", "just lint", "uv sync", "psql {p}_dev", "journalctl -fu {p}", "rg {s}",
        "nvim src/{s}.{e}", "lazygit", "bat {s}.{e}", "gradle build", "mix test", "terraform plan"]
DOC_SITES = {
    "python": ("docs.python.org", ["asyncio — Asynchronous I/O", "dataclasses — Data Classes", "typing — Support for type hints",
                                   "functools — Higher-order functions", "sqlite3 — DB-API 2.0 interface"]),
    "rust": ("doc.rust-lang.org", ["Vec in std::vec - Rust", "Traits: Defining Shared Behavior - The Rust Programming Language",
                                   "Iterator in std::iter - Rust", "tokio::sync - Rust", "serde_json - Rust"]),
    "typescript": ("developer.mozilla.org", ["Promise.allSettled() - JavaScript | MDN", "Fetch API - Web APIs | MDN",
                                             "TypeScript: Documentation - Generics", "CSS grid layout - CSS | MDN"]),
    "go": ("pkg.go.dev", ["context package - context - Go Packages", "sync package - sync - Go Packages",
                          "net/http package - net/http - Go Packages", "Effective Go - The Go Programming Language"]),
    "kotlin": ("kotlinlang.org", ["Coroutines basics | Kotlin Documentation", "Collections overview | Kotlin Documentation",
                                  "Sealed classes and interfaces | Kotlin Documentation"]),
    "c++": ("en.cppreference.com", ["std::unique_ptr - cppreference.com", "std::vector - cppreference.com",
                                    "Templates - cppreference.com", "std::ranges::sort - cppreference.com"]),
    "elixir": ("hexdocs.pm", ["GenServer — Elixir v1.17", "Ecto.Query — Ecto v3.12", "Phoenix.LiveView — Phoenix LiveView"]),
    "sql": ("www.postgresql.org", ["PostgreSQL: Documentation: 16: CREATE INDEX", "PostgreSQL: Documentation: 16: 7.8. WITH Queries",
                                   "PostgreSQL: Documentation: 16: EXPLAIN"]),
}
SO_Q = ["How to {v} a {n} without {x}", "Why does {n} {v2} when {x}?", "{n} {v2} after upgrading to {ver}",
        "Best way to {v} nested {n}s", "Is it safe to {v} a {n} from another thread?"]
SO_V = ["flatten", "serialize", "cancel", "memoize", "stream", "mock", "deduplicate", "paginate", "borrow", "cast"]
SO_N = ["iterator", "future", "struct", "dataframe", "enum", "closure", "generic", "channel", "mutex", "query"]
SO_X = ["copying", "blocking", "a lock", "unsafe", "recursion", "an extra allocation", "losing precision"]
SO_V2 = ["hangs", "panics", "leaks memory", "returns None", "deadlocks", "is slow", "fails to compile"]
MAIL_SUBJ = ["Re: {m} timeline", "Fwd: invoice {n}", "Q{q} planning notes", "Re: access request for {p}",
             "Your expense report #{n}", "Action needed: {m} review", "Re: offsite logistics", "Reminder: {m}",
             "Vendor contract renewal", "Re: Re: {p} outage follow-up", "Welcome aboard!", "Training: security basics",
             "Out of office: Re: {m}", "Notes from {m}"]
NOTION = ["{m} — meeting notes", "Q{q} OKRs", "{p} roadmap", "Onboarding checklist", "Decision log: {p}",
          "Weekly update {n}", "Runbook: {p} on-call", "Interview rubric", "Reading list", "Retro {n} actions"]
SHEETS = ["budget_{q}_{n}.xlsx", "capacity-plan-{p}.xlsx", "headcount Q{q}.xlsx", "{p}-costs.ods", "timesheet-w{n}.xlsx"]
PEOPLE = ["Ana Sousa", "Mikko Laine", "Chloé Martin", "Priya Raman", "Tom Becker", "Sofía Rojas", "Kenji Mori",
          "Noah Tremblay", "Aroha Ngata", "Liam O'Brien", "Emma Virtanen", "Lucas Pereira", "Hana Sato", "Zoe Clarke"]
WORK_CHANNELS = ["#general", "#eng-backend", "#incidents", "#random", "#releases", "#design", "#support-escalations",
                 "#data-platform", "#watercooler", "#deploys", "#code-review", "#hiring"]
FRIEND_GROUPS = ["Family 🏡", "Climbing crew", "Board game night", "Uni friends", "Flat 3B", "Running club",
                 "Book club 📚", "Fantasy football", "Neighbourhood", "Cousins"]
MATRIX_ROOMS = ["#rust:matrix.org", "#nixos:nixos.org", "#synapse:matrix.org", "#homelab:example.org",
                "#python:matrix.org", "#fediverse:example.org"]
DISCORD_SERVERS = ["Factory Enjoyers", "Cozy Corner", "Raid Night", "Speedrun Lounge", "Indie Devs", "Synth Nerds"]
DISCORD_CH = ["#general", "#lfg", "#memes", "#screenshots", "#voice-chat", "#off-topic", "#builds"]
NEWS = [("www.theguardian.com", "The Guardian"), ("www.lemonde.fr", "Le Monde"), ("yle.fi", "Yle Uutiset"),
        ("www.cbc.ca", "CBC News"), ("www.abc.net.au", "ABC News"), ("www.stuff.co.nz", "Stuff"),
        ("www.publico.pt", "PÚBLICO"), ("www.latercera.com", "La Tercera"), ("arstechnica.com", "Ars Technica"),
        ("lwn.net", "LWN.net"), ("www.reuters.com", "Reuters")]
HEAD_S = ["Central bank", "City council", "Storm", "Court", "Researchers", "Rail strike", "Election", "Wildfire",
          "Tech giant", "Housing market", "Open-source project", "Minister", "Heatwave", "Space agency"]
HEAD_V = ["delays", "rejects", "approves", "warns over", "reveals", "cuts", "hits", "expands", "investigates", "ends"]
HEAD_O = ["rate decision", "new budget", "transit plan", "data leak", "record prices", "climate target",
          "school reform", "launch window", "merger", "new rules for AI", "price cap", "strike talks"]
SOCIAL = [("mastodon.social", "Home | Mastodon"), ("bsky.app", "Home — Bluesky"), ("lobste.rs", "Lobsters"),
          ("www.reddit.com", "r/{sub}"), ("news.ycombinator.com", "Hacker News"), ("tildes.net", "~tech - Tildes")]
SUBS = ["selfhosted", "rust", "climbing", "MechanicalKeyboards", "cooking", "factorio", "AskEurope", "homelab",
        "running", "Suomi", "france", "chile", "newzealand", "toronto", "sydney", "Denver", "portugal"]
SHOPS = [("www.ikea.com", "IKEA"), ("www.zalando.fr", "Zalando"), ("www.amazon.com", "Amazon.com"),
         ("www.verkkokauppa.com", "Verkkokauppa.com"), ("www.mercadolibre.cl", "Mercado Libre"),
         ("www.bestbuy.ca", "Best Buy"), ("www.jbhifi.com.au", "JB Hi-Fi"), ("www.decathlon.pt", "Decathlon"),
         ("www.bandcamp.com", "Bandcamp")]
PRODUCTS = ["standing desk", "trail running shoes", "mechanical keyboard", "rice cooker", "USB-C dock",
            "rain jacket", "espresso grinder", "noise-cancelling headphones", "bookshelf", "climbing harness",
            "27\" monitor", "winter boots", "air purifier", "board game", "ergonomic mouse", "camping stove"]
ARTISTS = ["Floating Points", "Khruangbin", "Nils Frahm", "Phoebe Bridgers", "Bonobo", "Sault", "Jungle",
           "Ólafur Arnalds", "Little Simz", "Tame Impala", "Caribou", "Mitski", "Rosalía", "Nujabes", "Stromae",
           "Apulanta", "Mon Laferte", "Dead Combo", "Lorde", "Arlo Parks"]
SONGS = ["Midnight", "Glasshouse", "Slow Tide", "Kite", "Northern Line", "Paper Moon", "Holding On", "Ritual",
         "Silver", "Wander", "Home Again", "Afterglow", "Static", "Low Light", "Cascade", "Open Water"]
PLAYLISTS = ["Deep Focus", "Discover Weekly", "Release Radar", "Lo-fi Beats", "Daily Mix {n}", "Liked Songs",
             "Peaceful Piano", "Brain Food", "Running 160 BPM"]
GAMES = [("Factorio", "factorio.exe", 427520, False), ("Baldur's Gate 3", "bg3.exe", 1086940, True),
         ("Stardew Valley", "Stardew Valley.exe", 413150, False), ("Counter-Strike 2", "cs2.exe", 730, False),
         ("Dota 2", "dota2.exe", 570, False), ("Celeste", "Celeste.exe", 504230, True),
         ("Satisfactory", "FactoryGame-Win64-Shipping.exe", 526870, False), ("Hades II", "Hades2.exe", 1145350, True),
         ("Civilization VI", "CivilizationVI.exe", 289070, False), ("Deep Rock Galactic", "FSD-Win64-Shipping.exe", 548430, False),
         ("Balatro", "Balatro.exe", 2379780, False), ("RimWorld", "RimWorldWin64.exe", 294100, False),
         ("Outer Wilds", "OuterWilds.exe", 753640, True), ("Forza Horizon 5", "ForzaHorizon5.exe", 1551360, True)]
FILMS = ["Perfect.Days.2023.1080p.mkv", "Dune.Part.Two.2024.mkv", "Anatomy.of.a.Fall.mkv", "The.Zone.of.Interest.mkv",
         "Past.Lives.2023.mkv", "Fallen.Leaves.2023.mkv", "Severance.S02E0{k}.mkv", "Shogun.S01E0{k}.mkv",
         "The.Bear.S03E0{k}.mkv", "Slow.Horses.S04E0{k}.mkv", "Arcane.S02E0{k}.mkv", "Taskmaster.S17E0{k}.mkv"]
STREAMS = [("www.netflix.com", "Netflix"), ("www.arte.tv", "ARTE"), ("areena.yle.fi", "Yle Areena"),
           ("www.primevideo.com", "Prime Video"), ("www.twitch.tv", "{who} - Twitch"), ("tv.apple.com", "Apple TV+"),
           ("www.disneyplus.com", "Disney+"), ("www.crunchyroll.com", "Crunchyroll")]
LEARN_SITES = [("www.coursera.org", "{c} | Coursera"), ("www.khanacademy.org", "{c} | Khan Academy"),
               ("www.duolingo.com", "Duolingo"), ("exercism.org", "{l} on Exercism"),
               ("arxiv.org", "[{n}] {c}: a survey"), ("ocw.mit.edu", "{c} | MIT OpenCourseWare"),
               ("www.edx.org", "{c} | edX")]
COURSES = ["Linear Algebra", "Distributed Systems", "Machine Learning", "Statistics 101", "Compilers",
           "Operating Systems", "Spanish A2", "Japanese N4", "Music Theory", "Database Internals", "Negotiation"]
READING = ["designing-data-intensive-apps.pdf", "rfc9110.pdf", "paper_{n}.pdf", "ostep-ch{n}.pdf",
           "spec-{p}-v{n}.pdf", "whitepaper_{s}.pdf", "architecture-review-{p}.pdf"]


class Renderer:
    def __init__(self, person: Person, rng: random.Random, video_titles: list[tuple[str, str]]):
        self.p = person
        self.rng = rng
        self.vt = video_titles
        self.win: dict[str, list[list[Any]]] = {r: [] for r in person.hosts}   # [t, d, app, title]
        self.web: dict[str, list[list[Any]]] = {r: [] for r in person.hosts}   # [t, d, url, title, audible]
        self.afk: dict[str, list[tuple[float, float, bool]]] = {r: [] for r in person.hosts}
        self.songs: list[str] = []
        self.zone = ZoneInfo(person.zone)
        self.user = {"fr": "margaux", "fi": "aino", "pt": "joao", "es": "vale"}.get(person.lang, "riley")

    # -- words ----------------------------------------------------------------------------------
    def fmt(self, s: str) -> str:
        r = self.rng
        return s.format(m=r.choice(MEETINGS), n=r.randint(2, 9999), k=r.randint(1, 9),
                        q=r.randint(1, 4), p=r.choice(self.p.projects)[0], s=r.choice(STEMS), e=r.choice(["rs", "py", "ts"]),
                        v=r.choice(SO_V), v2=r.choice(SO_V2), x=r.choice(SO_X), ver=f"{r.randint(1, 5)}.{r.randint(0, 30)}",
                        c=r.choice(COURSES), l=r.choice(LANGS).title(), sub=r.choice(SUBS),
                        who=r.choice(["shroud", "aimsey", "zentreya", "northernlion", "baalorlord"]))

    def browser_title(self, role: str, page: str) -> str:
        _, os_, app = self.p.hosts[role]
        if app.startswith("msedge"):
            return f"{page} and {self.rng.randint(1, 12)} more pages - Personal - Microsoft\u200b Edge" \
                if self.rng.random() < 0.4 else f"{page} - Personal - Microsoft\u200b Edge"
        if "irefox" in app:
            return f"{page} — Mozilla Firefox" if os_ != "mac" else page
        return f"{page} - Google Chrome" if os_ != "mac" else page

    # -- emitting -------------------------------------------------------------------------------
    def emit(self, role: str, t: float, d: float, app: str, title: str, url: str = "", audible: bool = False) -> float:
        t0, t1 = round(t, 3), round(t + d, 3)
        if t1 - t0 < 0.5:
            return t
        w = self.win[role]
        if w and w[-1][2] == app and w[-1][3] == title and abs(w[-1][0] + w[-1][1] - t0) < 2:
            w[-1][1] = round(t1 - w[-1][0], 3)
        else:
            w.append([t0, round(t1 - t0, 3), app, title])
        if url:
            lag = round(self.rng.uniform(0.02, 0.9), 3)
            if t1 - t0 > lag + 0.3:
                self.web[role].append([round(t0 + lag, 3), round(t1 - t0 - lag, 3), url, self._page_of(title), audible])
        return t1

    @staticmethod
    def _page_of(title: str) -> str:
        for tail in (" — Mozilla Firefox", " - Google Chrome", " - Personal - Microsoft\u200b Edge"):
            if title.endswith(tail):
                title = title[: -len(tail)]
        if " more pages" in title:
            title = title.rsplit(" and ", 1)[0]
        return title

    def browse(self, role: str, t: float, end: float, page: str, url: str, mu: float, audible: bool = False,
               dur: float | None = None) -> float:
        d = dur if dur is not None else math.exp(self.rng.gauss(mu, 0.9))
        app = self.p.hosts[role][2]
        return self.emit(role, t, min(end - t, d), app, self.browser_title(role, page), url, audible)

    def pause(self, role: str, t: float, end: float, share: float) -> float:
        """Reading or thinking without input: the AFK watcher says afk (it backdates to the last input)."""
        if self.rng.random() < share and end - t > 240:
            p = min(end - t, self.rng.uniform(3.2, 9) * MIN)
            w = self.win[role]
            if w:
                self.emit(role, t, p, w[-1][2], w[-1][3])
                self.afk[role].append((t, t + p, True))
                return t + p
        return t

    # -- page makers ------------------------------------------------------------------------------
    def page_code(self, lang: str, project: str) -> tuple[str, str]:
        r = self.rng.random()
        rng = self.rng
        if r < 0.3:
            host, pages = DOC_SITES[lang]
            pg = rng.choice(pages)
            return pg, f"https://{host}/{pages.index(pg)}/{rng.randint(1, 40)}"
        if r < 0.55:
            q = self.fmt(rng.choice(SO_Q))
            return f"{q} - Stack Overflow", f"https://stackoverflow.com/questions/{rng.randint(7_000_000, 79_000_000)}"
        if r < 0.75:
            n = rng.randint(3, 2400)
            title = f"{rng.choice(['Fix', 'Add', 'Refactor', 'Speed up', 'Remove'])} {rng.choice(STEMS)} {rng.choice(['handling', 'tests', 'cache', 'errors', 'flag'])}"
            site = rng.choice(["codeberg.org", "gitlab.com", "github.com"])
            return f"{title} (!{n}) · Merge requests · {project} · GitLab" if site == "gitlab.com" else \
                f"{title} #{n} - {project} - {site}", f"https://{site}/{self.user}/{project}/pulls/{n}"
        if r < 0.87:
            n = rng.randint(10, 900)
            return f"{project.upper()[:3]}-{n} {rng.choice(STEMS)} {rng.choice(SO_V2)} | Linear", f"https://linear.app/acme/issue/{project[:3]}-{n}"
        q = f"{lang} {rng.choice(SO_V)} {rng.choice(SO_N)}"
        return f"{q} - DuckDuckGo", "https://duckduckgo.com/?q=" + q.replace(" ", "+")

    def page_fun(self, kinds: str = "nsy") -> tuple[str, str, bool]:
        rng = self.rng
        k = rng.choice(kinds)
        if k == "n":
            host, site = rng.choice(NEWS)
            head = f"{rng.choice(HEAD_S)} {rng.choice(HEAD_V)} {rng.choice(HEAD_O)}"
            return f"{head} | {site}", f"https://{host}/{rng.randint(10_000, 999_999)}", False
        if k == "s":
            host, site = rng.choice(SOCIAL)
            page = self.fmt(site)
            if rng.random() < 0.4 and host == "www.reddit.com":
                page = f"{rng.choice(['Anyone else with a', 'PSA: check your', 'Finally finished my', 'What is your favourite'])} {rng.choice(PRODUCTS)}{rng.choice(['?', '!', ''])} : {page}"
            return page, f"https://{host}/{rng.randint(1, 99999)}", False
        if k == "p":
            host, shop = rng.choice(SHOPS)
            prod = rng.choice(PRODUCTS)
            page = rng.choice([f"{prod} | {shop}", f"Search: {prod} - {shop}", f"Cart - {shop}", f"{shop} – compare {prod}s"])
            return page, f"https://{host}/p/{rng.randint(1000, 99999)}", False
        vid, title = rng.choice(self.vt)
        return f"{title} - YouTube", f"https://www.youtube.com/watch?v={vid}", True

    def chat_event(self, role: str, t: float, end: float, work: bool) -> float:
        rng = self.rng
        apps = APPS[self.p.hosts[role][1]]
        r = rng.random()
        if work:
            if r < 0.65:
                title = f"{rng.choice(WORK_CHANNELS)} | Acme | Microsoft Teams" if rng.random() < 0.5 else \
                    f"Chat | {rng.choice(PEOPLE)} | Microsoft Teams"
                return self.emit(role, t, min(end - t, math.exp(rng.gauss(3.5, 0.8))), apps["teams"], title)
            if r < 0.85:
                return self.emit(role, t, min(end - t, math.exp(rng.gauss(3.3, 0.8))), apps["matrix"],
                                 f"Element | {rng.choice(MATRIX_ROOMS)}")
        if r < 0.45:
            title = rng.choice(["Signal", f"Signal ({rng.randint(1, 9)})", f"{rng.choice(FRIEND_GROUPS)} - Signal"]) \
                if apps["chat"] != "WhatsApp.exe" else rng.choice(["WhatsApp", f"({rng.randint(1, 12)}) WhatsApp"])
            return self.emit(role, t, min(end - t, math.exp(rng.gauss(3.4, 0.8))), apps["chat"], title)
        if r < 0.75 or self.p.gamer < 0.3:
            page = f"{rng.choice(FRIEND_GROUPS)} | Messenger" if rng.random() < 0.3 else f"{rng.choice(PEOPLE)} - Messages"
            return self.browse(role, t, end, page, "https://www.messenger.com/t/" + str(rng.randint(10**6, 10**7)), 3.4)
        title = f"{rng.choice(DISCORD_CH)} | {rng.choice(DISCORD_SERVERS)} - Discord"
        return self.emit(role, t, min(end - t, math.exp(rng.gauss(3.6, 0.8))), apps["discord"], title)

    def song(self) -> str:
        rng = self.rng
        if self.songs and rng.random() < 0.55:
            return rng.choice(self.songs)
        s = f"{rng.choice(ARTISTS)} - {rng.choice(SONGS)}"
        self.songs.append(s)
        return s

    # -- one segment ----------------------------------------------------------------------------
    def render(self, seg: Seg) -> None:
        rng, role = self.rng, seg.host
        os_ = self.p.hosts[role][1]
        apps = APPS[os_]
        t, end, act, info = seg.start, seg.end, seg.act, seg.info
        if act == "break":
            w = self.win[role]
            last_app, last_title = (w[-1][2], w[-1][3]) if w else (apps["files"], "Desktop")
            lock = self.p.lock_after
            if lock and end - t > lock and apps["lock"]:
                self.emit(role, t, lock, last_app, last_title)
                self.emit(role, t + lock, end - t - lock, apps["lock"],
                          "Windows Default Lock Screen" if os_ == "win" else "")
            else:
                self.emit(role, t, end - t, last_app, last_title)
            self.afk[role].append((t, end, True))
            return
        self.afk[role].append((t, end, False))
        while end - t > 1:
            r = rng.random()
            if act == "deep":
                proj, lang = info["project"], info["lang"]
                if r < 0.45:
                    fname = rng.choice(STEMS) + rng.choice(SUFFIX) + "." + rng.choice(EXT[lang])
                    if os_ == "linux" and rng.random() < 0.5:
                        t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.8, 0.9))), apps["term"],
                                      f"nvim {fname} (~/code/{proj}/src) - NVIM")
                    else:
                        ide = {"python": "PyCharm", "rust": "RustRover", "go": "GoLand", "typescript": "WebStorm",
                               "c++": "CLion", "kotlin": "IntelliJ IDEA", "elixir": "IntelliJ IDEA", "sql": "DataGrip"}[lang]
                        exe = ide.lower().replace(" ", "").replace("intellijidea", "idea")
                        app = {"win": exe + "64.exe", "mac": ide, "linux": "jetbrains-" + exe}[os_]
                        t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.9, 0.9))), app,
                                      f"{proj} – {fname}" if os_ != "win" else f"{proj} – {fname} [{proj}] - {ide}")
                    t = self.pause(role, t, end, 0.12)
                elif r < 0.65:
                    cmd = self.fmt(rng.choice(CMDS))
                    title = f"{cmd} — {self.user}@{self.p.hosts[role][0]}" if os_ != "win" else f"{cmd} - PowerShell"
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(3.6, 0.9))), apps["term"], title)
                elif r < 0.88:
                    page, url = self.page_code(lang, proj)
                    t = self.browse(role, t, end, page, url, 3.9)
                    t = self.pause(role, t, end, 0.08)
                elif r < 0.95:
                    t = self.emit(role, t, min(end - t, rng.uniform(4, 25)), apps["music"], self.song())
                else:
                    t = self.chat_event(role, t, end, work=True)
            elif act == "light":
                if r < 0.3:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.2, 0.8))), apps["mail"],
                                  f"{self.fmt(rng.choice(MAIL_SUBJ))} - Inbox" + (" - Mozilla Thunderbird" if os_ == "linux" else ""))
                elif r < 0.5:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.4, 0.8))), apps["notes"],
                                  self.fmt(rng.choice(NOTION)))
                elif r < 0.62:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.5, 0.8))), apps["office"],
                                  self.fmt(rng.choice(SHEETS)))
                elif r < 0.75:
                    page = rng.choice([f"{self.fmt(rng.choice(NOTION))} - Confluence", f"Calendar - Week {rng.randint(1, 52)}",
                                       f"Expenses - {rng.choice(['Pending', 'Approved'])} | Concur", "Workday - Home",
                                       f"{self.fmt(rng.choice(NOTION))} - Google Docs"])
                    t = self.browse(role, t, end, page, f"https://intranet.acme.example/{rng.randint(1, 9999)}", 4.0)
                elif r < 0.92:
                    t = self.chat_event(role, t, end, work=True)
                else:
                    page, url, aud = self.page_fun("ns")
                    t = self.browse(role, t, end, page, url, 3.4, aud)
                t = self.pause(role, t, end, 0.05)
            elif act == "meeting":
                title = info["title"]
                kind = (hash_str(title) % 3)
                if r < 0.85:
                    d = min(end - t, rng.uniform(3, 20) * MIN)
                    if kind == 0:
                        t = self.emit(role, t, d, apps["teams"], f"{title} | Microsoft Teams")
                    elif kind == 1:
                        t = self.emit(role, t, d, apps["zoom"], rng.choice(["Zoom Meeting", "Zoom Workplace"]))
                    else:
                        room = f"{title.replace(' ', '')}{rng.randint(100, 999)}"
                        t = self.browse(role, t, end, f"{room} | Jitsi Meet", f"https://meet.jit.si/{room}", 0, True, d)
                    if rng.random() < 0.3:  # listening, not typing
                        a = t - d
                        if d > 300:
                            self.afk[role].append((a + rng.uniform(0, d / 2), a + d, True))
                else:
                    t = self.chat_event(role, t, end, work=True) if rng.random() < 0.6 else \
                        self.emit(role, t, min(end - t, rng.uniform(15, 90)), apps["mail"], "Inbox")
            elif act == "chat":
                t = self.chat_event(role, t, end, work=(r < 0.4 and local_hour(self.zone, t) < 17.5))
            elif act in ("news", "shop"):
                if r < 0.9:
                    page, url, aud = self.page_fun("nnssy" if act == "news" else "ppppn")
                    dur = rng.uniform(60, 600) if aud else None
                    t = self.browse(role, t, end, page, url, 3.7, aud, dur)
                else:
                    t = self.chat_event(role, t, end, work=False)
            elif act == "game":
                name, exe, appid, pad = info.setdefault("game", rng.choice(GAMES[: 6 + int(self.p.gamer * 6)]))
                if r < 0.08:
                    t = self.emit(role, t, min(end - t, rng.uniform(20, 180)), apps["steam"],
                                  rng.choice(["Steam", "Friends List", name, "Steam Big Picture Mode"]))
                elif r < 0.2:
                    t = self.emit(role, t, min(end - t, rng.uniform(15, 120)), apps["discord"],
                                  f"{rng.choice(DISCORD_CH)} | {rng.choice(DISCORD_SERVERS)} - Discord")
                else:
                    app = exe if os_ == "win" else (f"steam_app_{appid}" if os_ == "linux" else name)
                    d = min(end - t, rng.uniform(10, 50) * MIN)
                    self.emit(role, t, d, app, name)
                    if pad and d > 240:
                        self.afk[role].append((t + rng.uniform(10, 60), t + d, True))
                    t += d
            elif act == "film":
                if r < 0.35:
                    d = min(end - t, rng.uniform(25, 70) * MIN)
                    f = self.fmt(rng.choice(FILMS))
                    self.emit(role, t, d, apps["video"], f"{f} - mpv" if apps["video"] == "mpv" else
                              (f"{f} - VLC media player" if os_ == "win" else f))
                    if d > 240:
                        self.afk[role].append((t + rng.uniform(5, 40), t + d, True))
                    t += d
                elif r < 0.65:
                    host, page = rng.choice(STREAMS)
                    d = min(end - t, rng.uniform(20, 60) * MIN)
                    self.browse(role, t, end, self.fmt(page), f"https://{host}/watch/{rng.randint(10**5, 10**6)}", 0, True, d)
                    if d > 240:
                        self.afk[role].append((t + rng.uniform(5, 40), t + d, True))
                    t += d
                else:
                    vid, title = rng.choice(self.vt)
                    d = min(end - t, rng.uniform(2, 25) * MIN)
                    self.browse(role, t, end, f"{title} - YouTube", f"https://www.youtube.com/watch?v={vid}", 0, True, d)
                    if d > 240 and rng.random() < 0.6:
                        self.afk[role].append((t + rng.uniform(5, 60), t + d, True))
                    t += d
            elif act == "music":
                if r < 0.5:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(3.5, 0.8))), apps["music"],
                                  self.song() if rng.random() < 0.6 else self.fmt(rng.choice(PLAYLISTS)))
                elif r < 0.7:
                    host = rng.choice(["bandcamp.com", "www.discogs.com", "pitchfork.com", "www.last.fm"])
                    a = rng.choice(ARTISTS)
                    t = self.browse(role, t, end, f"{a} | {host.split('.')[-2].title()}", f"https://{host}/{a.replace(' ', '-').lower()}", 3.6)
                else:
                    page, url, aud = self.page_fun("sn")
                    t = self.browse(role, t, end, page, url, 3.2, aud)
            elif act == "docs":
                lang, proj = info["lang"], info["project"]
                if r < 0.35:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(5.0, 0.8))), apps["pdf"],
                                  self.fmt(rng.choice(READING)))
                    t = self.pause(role, t, end, 0.3)
                elif r < 0.8:
                    page, url = self.page_code(lang, proj)
                    t = self.browse(role, t, end, page, url, 4.3)
                    t = self.pause(role, t, end, 0.2)
                else:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.4, 0.8))), apps["notes"],
                                  f"{proj} — {rng.choice(['design notes', 'reading notes', 'ADR ' + str(rng.randint(1, 40)), 'questions'])}")
            elif act == "learn":
                if r < 0.4:
                    host, page = rng.choice(LEARN_SITES)
                    t = self.browse(role, t, end, self.fmt(page), f"https://{host}/learn/{rng.randint(1, 5000)}", 4.8,
                                    host == "www.coursera.org")
                    t = self.pause(role, t, end, 0.2)
                elif r < 0.7:
                    vid, title = rng.choice(self.vt)
                    d = min(end - t, rng.uniform(3, 20) * MIN)
                    t = self.browse(role, t, end, f"{title} - YouTube", f"https://www.youtube.com/watch?v={vid}", 0, True, d)
                elif r < 0.85:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.5, 0.7))), apps["anki"],
                                  f"{rng.choice(COURSES)} - Anki")
                else:
                    t = self.emit(role, t, min(end - t, math.exp(rng.gauss(4.6, 0.7))), apps["notes"],
                                  f"{rng.choice(COURSES)} — week {rng.randint(1, 12)}")
            else:
                raise ValueError(act)

    def leave_on(self, role: str, a: float, b: float) -> None:
        """A machine left on after the session: the last window, then the lock screen; afk throughout."""
        if b - a < 60:
            return
        self.render(Seg(a, b, "break", role, {}))


def hash_str(s: str) -> int:
    h = 0
    for ch in s:
        h = (h * 131 + ord(ch)) % 1_000_003
    return h


def afk_events(spans: list[tuple[float, float, bool]]) -> list[dict[str, Any]]:
    """Spans -> aw-watcher-afk events: afk wins where it overlaps active; nothing where the machine is off."""
    points = sorted({round(p, 3) for s, e, _ in spans for p in (s, e)})
    act = sorted((round(s, 3), round(e, 3)) for s, e, a in spans if not a)
    afk = sorted((round(s, 3), round(e, 3)) for s, e, a in spans if a)

    def cover(lst: list[tuple[float, float]]) -> list[tuple[float, float]]:
        out: list[list[float]] = []
        for s, e in lst:
            if out and s <= out[-1][1]:
                out[-1][1] = max(out[-1][1], e)
            else:
                out.append([s, e])
        return [(s, e) for s, e in out]

    act, afk = cover(act), cover(afk)
    a_st, f_st = [s for s, _ in act], [s for s, _ in afk]

    def inside(lst: list[tuple[float, float]], st: list[float], x: float) -> bool:
        i = bisect.bisect_right(st, x) - 1
        return i >= 0 and lst[i][0] <= x < lst[i][1]

    out: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:]):
        mid = (a + b) / 2
        status = "afk" if inside(afk, f_st, mid) else ("not-afk" if inside(act, a_st, mid) else None)
        if status is None:
            continue
        if out and out[-1]["status"] == status and abs(out[-1]["t"] + out[-1]["d"] - a) < 1e-6:
            out[-1]["d"] = b - out[-1]["t"]
        else:
            out.append({"t": a, "d": b - a, "status": status})
    return out
