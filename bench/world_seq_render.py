"""What the watchers record of the sequence world's true spans (``bench/world_seq.py``).

``Renderer.render`` turns the spans of one host into aw-watcher-window events (app and title as that OS
names them: editors, terminals, browsers with their title suffix, Slack, mail, calls, Spotify, games,
media players, lock screens), aw-watcher-web tab events (a little after the window, audible on video
sites) and aw-watcher-afk status. What the watchers see is not the truth: a pause under 3 minutes is not
afk, a break keeps the last window (or the lock screen) in the window bucket while the afk bucket says
afk, a long absence suspends the machine (no events at all), and films, long calls and gamepad games can
look afk although the person is there. Times are on a millisecond grid. Standard library only.
"""

from __future__ import annotations

import random

from world_seq_plan import MIN, Span

WORDS = ["cache", "router", "billing", "auth", "invoice", "sync", "export", "search", "report", "session", "queue",
         "schema", "metrics", "upload", "profile", "payment", "index", "config", "events", "worker", "client",
         "parser", "ledger", "notify", "scheduler", "pricing", "audit", "tenant", "feed", "graph"]
EXT = {"dev": [".py", ".ts", ".go", ".rs", ".tsx", ".sql", ".yaml", ".md"],
       "analyst": [".sql", ".py", ".ipynb", ".R", ".csv"], "writer": [".md", ".txt", ".tex"]}
PROJECTS = ["atlas", "kiln", "harbor", "pebble", "lantern", "quarry", "meridian", "sparrow", "cobalt", "juniper"]
PEOPLE = ["Ana", "Ben", "Chloé", "Dmitri", "Esra", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Kai", "Lena",
          "Marta", "Noah", "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tomás", "Uma", "Yuki"]
CHANNELS = ["general", "dev", "incidents", "random", "design", "releases", "standup", "data", "support", "hiring",
            "frontend", "backend", "ops", "product", "docs"]
ERRORS = ["segfault", "timeout", "deadlock", "memory leak", "race condition", "null pointer", "off-by-one error",
          "encoding error", "import error", "type mismatch", "stack overflow", "permission denied"]
VERBS = ["fix", "avoid", "debug", "handle", "reproduce", "test", "profile", "log", "retry", "cache", "mock"]
TECHS = ["Python", "Go", "Rust", "TypeScript", "PostgreSQL", "Docker", "React", "pandas", "Kubernetes", "bash",
         "SQLAlchemy", "asyncio", "Redis", "nginx", "Git"]
WIKI = ["Byzantine Empire", "Fermat's Last Theorem", "Octopus", "Great Fire of London", "Bauhaus", "Kiwifruit",
        "Voyager 1", "Tardigrade", "Hanseatic League", "Ada Lovelace", "Aurora", "Mount Erebus", "Fibonacci number",
        "Basque language", "Silk Road", "Jazz fusion", "Maillard reaction", "Tunguska event", "Quokka", "Brutalism"]
NEWS_SITES = ["BBC News", "The Guardian", "Reuters", "El País", "Le Monde", "Der Spiegel", "AP News", "The Verge"]
HEADLINES = ["Storm warning issued for the weekend", "Central bank holds rates", "New rail line opens",
             "Record heat in the south", "Tech giant faces fine", "Election polls tighten", "Museum reopens",
             "Strike talks resume", "Researchers map ocean floor", "City bans cars downtown", "Markets rally"]
SUBS = ["programming", "AskReddit", "cooking", "running", "europe", "MechanicalKeyboards", "dataisbeautiful",
        "homelab", "boardgames", "todayilearned", "gaming", "personalfinance"]
PRODUCTS = ["standing desk", "espresso grinder", "trail shoes", "USB-C dock", "rain jacket", "desk lamp",
            "mechanical keyboard", "backpack", "air fryer", "monitor arm"]
SHOPS = ["Amazon.com", "IKEA", "Zalando", "eBay", "Decathlon", "Etsy"]
GAMES = [("Hades II", "Hades2.exe", 1145350), ("Factorio", "factorio.exe", 427520), ("Balatro", "Balatro.exe", 2379780),
         ("Stardew Valley", "Stardew Valley.exe", 413150), ("Elden Ring", "eldenring.exe", 1245620),
         ("Celeste", "Celeste.exe", 504230)]
FILMS = ["Past.Lives.2023", "Dune.Part.Two", "Severance.S02E04", "The.Bear.S03E02", "Shogun.S01E07", "Arrival.2016",
         "Slow.Horses.S04E01", "Perfect.Days.2023", "Andor.S02E03", "Aftersun.2022"]
SONGS = [("Khruangbin", "Maria También"), ("Nils Frahm", "Says"), ("Bonobo", "Kerala"), ("Rosalía", "Despechá"),
         ("Fred again..", "Delilah"), ("Tycho", "Awake"), ("Bicep", "Glue"), ("Air", "La femme d'argent"),
         ("Caribou", "Can't Do Without You"), ("Hiatus Kaiyote", "Nakamarra"), ("Jon Hopkins", "Emerald Rush")]
BROWSERS = {"linux": ("firefox", " — Mozilla Firefox"), "win": ("chrome.exe", " - Google Chrome"),
            "mac": ("Google Chrome", "")}
APPS = {  # act -> os -> app name
    "editor": {"linux": "code", "win": "Code.exe", "mac": "Code"},
    "terminal": {"linux": "gnome-terminal-server", "win": "WindowsTerminal.exe", "mac": "iTerm2"},
    "slack": {"linux": "slack", "win": "slack.exe", "mac": "Slack"},
    "mail": {"linux": "thunderbird", "win": "OUTLOOK.EXE", "mac": "Mail"},
    "zoom": {"linux": "zoom", "win": "Zoom.exe", "mac": "zoom.us"},
    "spotify": {"linux": "spotify", "win": "Spotify.exe", "mac": "Spotify"},
    "discord": {"linux": "discord", "win": "Discord.exe", "mac": "Discord"},
    "word": {"linux": "libreoffice-writer", "win": "WINWORD.EXE", "mac": "Microsoft Word"},
    "player": {"linux": "vlc", "win": "vlc.exe", "mac": "VLC"},
}


class Renderer:
    """Window, web and afk events per host, rendered span by span (``render``)."""

    def __init__(self, rng: random.Random, hosts: dict[str, tuple[str, str]], job: str, user: str,
                 video_titles: list[tuple[float, str, str]]):
        self.rng, self.hosts, self.job, self.user = rng, hosts, job, user
        self.videos = video_titles  # (published, id, title), sorted
        self.projects = rng.sample(PROJECTS, 4)
        self.files = {p: sorted({self._file() for _ in range(rng.randint(40, 110))}) for p in self.projects}
        self.win: dict[str, list[list]] = {h: [] for h in hosts}
        self.web: dict[str, list[list]] = {h: [] for h in hosts}
        self.afk: dict[str, list[tuple[float, float, bool]]] = {h: [] for h in hosts}

    def _file(self) -> str:
        r = self.rng
        stem = "_".join(r.sample(WORDS, r.randint(1, 2)))
        folder = r.choice(["src", "lib", "tests", "api", "docs", "scripts", "internal", "app"])
        return f"{folder}/{stem}{r.choice(EXT[self.job])}"

    # ---------------------------------------------------------------- titles
    def page(self, act: str, t: float) -> tuple[str, str, bool]:
        """(url, page title, audible) of a browser page for an activity."""
        r = self.rng
        n = r.randint(100, 99999)
        if act == "read":
            choice = r.randrange(4)
            tech = r.choice(TECHS)
            if choice == 0:
                return (f"https://stackoverflow.com/questions/{n}", f"How to {r.choice(VERBS)} a {r.choice(ERRORS)} "
                        f"in {tech}? - Stack Overflow", False)
            if choice == 1:
                proj = r.choice(self.projects)
                return (f"https://github.com/acme/{proj}/pull/{n % 900}",
                        f"{r.choice(VERBS).capitalize()} {r.choice(WORDS)} {r.choice(ERRORS)} by {r.choice(PEOPLE)} · "
                        f"Pull Request #{n % 900} · acme/{proj}", False)
            if choice == 2:
                return (f"https://docs.example.org/{tech.lower()}/{n}", f"{r.choice(WORDS)} — {tech} documentation",
                        False)
            return (f"https://acme.atlassian.net/browse/{r.choice(self.projects).upper()[:3]}-{n % 3000}",
                    f"[{r.choice(self.projects).upper()[:3]}-{n % 3000}] {r.choice(VERBS).capitalize()} "
                    f"{r.choice(WORDS)} {r.choice(WORDS)} - Jira", False)
        if act == "browse":
            choice = r.randrange(4)
            if choice == 0:
                return f"https://news.example/{n}", f"{r.choice(HEADLINES)} | {r.choice(NEWS_SITES)}", False
            if choice == 1:
                topic = r.choice(WIKI)
                return f"https://en.wikipedia.org/wiki/{topic.replace(' ', '_')}", f"{topic} - Wikipedia", False
            if choice == 2:
                return (f"https://shop.example/p/{n}", f"{r.choice(PRODUCTS).capitalize()} | {r.choice(SHOPS)}", False)
            q = f"{r.choice(PRODUCTS)} {r.choice(['review', 'price', 'vs', 'best'])}"
            return f"https://www.google.com/search?q={q.replace(' ', '+')}", f"{q} - Google Search", False
        if act == "social":
            sub = r.choice(SUBS)
            return r.choice([(f"https://www.reddit.com/r/{sub}/comments/{n}", f"r/{sub} - {r.choice(HEADLINES)}",
                              False),
                             ("https://x.com/home", "Home / X", False),
                             (f"https://bsky.app/profile/{r.choice(PEOPLE).lower()}", f"{r.choice(PEOPLE)} — Bluesky",
                              False), ("https://www.linkedin.com/feed/", "Feed | LinkedIn", False)])
        return self.watch_page(t)

    def watch_page(self, t: float) -> tuple[str, str, bool]:
        r = self.rng
        out = [v for v in self.videos[-400:] if v[0] < t - 600] if r.random() < 0.5 else []
        if r.random() < 0.8:
            pool = out or [v for v in self.videos if v[0] < t - 600][-400:]
            if pool:
                _, vid, title = r.choice(pool)
                return f"https://www.youtube.com/watch?v={vid}", f"{title} - YouTube", True
        return f"https://www.netflix.com/watch/{r.randint(8000000, 8999999)}", "Netflix", True

    def window(self, host: str, act: str, t: float) -> tuple[str, str, tuple[str, str, bool] | None]:
        """(app, title, browser page or None) of one window event of ``act``."""
        r, os_ = self.rng, self.hosts[host][1]
        app, suffix = BROWSERS[os_]
        proj = r.choice(self.projects)
        if act == "code":
            if r.random() < 0.7:
                name = r.choice(self.files[proj]).split("/")[-1]
                return APPS["editor"][os_], f"{name} - {proj} - Visual Studio Code", None
            cmd = r.choice(["git status", "pytest", "make", "vim", "htop", "ssh", "docker compose up", "psql"])
            title = {"linux": f"{self.user}@{self.hosts[host][0]}: ~/src/{proj}", "win": f"{cmd} - {proj} (WSL)",
                     "mac": f"{cmd} — {proj}"}[os_]
            return APPS["terminal"][os_], title, None
        if act == "write":
            doc = f"{r.choice(WORDS).capitalize()} {r.choice(['notes', 'draft', 'RFC', 'plan', 'review', 'summary'])}"
            if r.random() < 0.5:
                return APPS["word"][os_], f"{doc}.docx - {'Word' if os_ != 'linux' else 'LibreOffice Writer'}", None
            page = (f"https://docs.google.com/document/d/{r.randint(10**6, 10**7)}", f"{doc} - Google Docs", False)
            return app, page[1] + suffix, page
        if act == "mail":
            subject = r.choice([f"Re: {r.choice(WORDS)} {r.choice(['review', 'question', 'update', 'deadline'])}",
                                f"{r.choice(PEOPLE)} invited you to {r.choice(CHANNELS)} sync", "Inbox",
                                f"Fwd: {proj} {r.choice(WORDS)} report"])
            title = {"linux": f"{subject} - Inbox - Mozilla Thunderbird",
                     "win": f"{subject} - {self.user}@acme.example - Outlook", "mac": subject}[os_]
            return APPS["mail"][os_], title, None
        if act == "wchat":
            where = f"#{r.choice(CHANNELS)}" if r.random() < 0.6 else f"{r.choice(PEOPLE)} (DM)"
            return APPS["slack"][os_], f"{where} - Acme - Slack", None
        if act == "call":
            if r.random() < 0.7:
                title = r.choice(["Zoom Meeting", "Zoom Workplace", "Zoom Meeting - Screen share"])
                return APPS["zoom"][os_], title, None
            code = "".join(r.choice("abcdefghijkmnpqrstuvwxyz") for _ in range(10))
            room = f"{code[:3]}-{code[3:7]}-{code[7:]}"
            page = (f"https://meet.google.com/{room}", f"Meet - {room}", True)
            return app, page[1] + suffix, page
        if act == "music":
            artist, song = r.choice(SONGS)
            return APPS["spotify"][os_], f"{artist} - {song}", None
        if act == "pchat":
            if r.random() < 0.6:
                return APPS["discord"][os_], f"#{r.choice(SUBS).lower()} | {r.choice(PEOPLE)}'s server - Discord", None
            page = ("https://web.whatsapp.com/", f"({r.randint(1, 9)}) WhatsApp", False)
            return app, page[1] + suffix, page
        if act == "game":
            name, exe, appid = r.choice(GAMES)
            return {"linux": f"steam_app_{appid}", "win": exe, "mac": name}[os_], name, None
        if act == "watch" and r.random() < 0.2:
            return APPS["player"][os_], f"{r.choice(FILMS)}.mkv - VLC media player", None
        page = self.page(act, t)
        return app, page[1] + suffix, page

    # ---------------------------------------------------------------- events
    def emit(self, host: str, start: float, end: float, act: str) -> None:
        app, title, page = self.window(host, act, start)
        self.win[host].append([round(start, 3), round(end - start, 3), app, title])
        if page:
            lag = self.rng.uniform(0.1, 1.2)
            self.web[host].append([round(start + lag, 3), round(end - start - lag, 3), page[0], page[1], page[2]])

    def pieces(self, act: str) -> tuple[float, float]:
        return {"code": (1, 9), "write": (2, 15), "read": (0.5, 5), "mail": (0.5, 4), "wchat": (0.3, 3),
                "browse": (0.3, 4), "social": (0.5, 5), "pchat": (0.5, 3), "music": (0.3, 2)}.get(act, (600, 600))

    def render(self, host: str, spans: list[Span]) -> None:
        """All events of one host from its spans (sorted by start)."""
        r = self.rng
        for i, s in enumerate(spans):
            if s.act == "away":  # a pause under 3 minutes: the last window stays, the afk watcher sees input
                self.win[host][-1][1] = round(s.end - self.win[host][-1][0], 3)
            t, (lo, hi) = s.start, self.pieces(s.act)
            while s.act != "away" and t < s.end - 1:
                end = min(s.end, t + r.uniform(lo, hi) * MIN)
                self.emit(host, t, end if s.end - end > 20 else s.end, s.act)
                t = end if s.end - end > 20 else s.end
            self.presence(host, s, spans[i + 1] if i + 1 < len(spans) else None)

    def presence(self, host: str, s: Span, nxt: Span | None) -> None:
        """The afk watcher's view of span ``s`` and the gap after it (until ``nxt`` on the same host)."""
        r, os_ = self.rng, self.hosts[host][1]
        quiet = {"watch": 0.6, "call": 0.25, "game": 0.25}.get(s.act, 0.0)
        if s.end - s.start > 8 * MIN and r.random() < quiet:  # no input: afk after the 3-minute timeout
            self.afk[host] += [(s.start, s.start + 3 * MIN, False), (s.start + 3 * MIN, s.end, True)]
        else:
            self.afk[host].append((s.start, s.end, False))
        gap = (nxt.start if nxt else s.end + 10 * 3600) - s.end
        if gap < 3 * MIN or gap > 45 * MIN:
            if gap < 3 * MIN:
                self.afk[host].append((s.end, s.end + gap, False))
            return  # a short gap looks present; a long one suspends the machine: no events
        self.afk[host].append((s.end, s.end + gap, True))
        if os_ != "linux" and gap > 10 * MIN:  # locks after 5 minutes
            self.win[host][-1][1] = round(s.end + 5 * MIN - self.win[host][-1][0], 3)
            lock = {"win": ("LockApp.exe", "Windows Default Lock Screen"), "mac": ("loginwindow", "loginwindow")}[os_]
            self.win[host].append([round(s.end + 5 * MIN, 3), round(gap - 5 * MIN, 3), *lock])
        else:
            self.win[host][-1][1] = round(s.end + gap - self.win[host][-1][0], 3)


def afk_events(intervals: list[tuple[float, float, bool]]) -> list[tuple[float, float, str]]:
    """Merged (start, duration, status) events from sorted (start, end, afk) intervals."""
    out: list[list] = []
    for a, b, afk in intervals:
        if b - a <= 0:
            continue
        status = "afk" if afk else "not-afk"
        if out and out[-1][2] == status and abs(out[-1][0] + out[-1][1] - a) < 1e-3:
            out[-1][1] = b - out[-1][0]
        else:
            out.append([a, b - a, status])
    return [(round(a, 3), round(d, 3), st) for a, d, st in out]
