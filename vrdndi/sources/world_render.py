"""What the watchers would have recorded of the simulated person's timeline (``vrdndi.sources.world``):
``Renderer`` turns true segments into aw-watcher-window, aw-watcher-afk and aw-watcher-web events per
host, with each OS's app names and title formats (``APPS``), a lock screen that keeps reporting, a
gamepad game or a film that looks AFK; ``_afk_events`` merges the AFK spans into watcher events.
Standard library only; deterministic in the ``random.Random`` it is given.
"""

from __future__ import annotations

import random
from typing import Any

from vrdndi.sources import world_vocab as V
from vrdndi.sources.world_moment import MIN, Seg, WVideo
from vrdndi.sources.world_persona import Persona
from vrdndi.sources.world_vocab import ALPHABET


# -- rendering windows ---------------------------------------------------------------------------

APPS = {
    "mac": {"browser": "Google Chrome", "editor": "Code", "terminal": "iTerm2", "slack": "Slack", "zoom": "zoom.us",
            "teams": "Microsoft Teams", "mail": "Microsoft Outlook", "excel": "Microsoft Excel",
            "word": "Microsoft Word", "spotify": "Spotify", "files": "Finder", "notes": "Notion",
            "lock": "loginwindow", "pdf": "Preview", "vlc": "VLC", "telegram": "Telegram", "discord": "Discord",
            "art": "Aseprite", "steam": "Steam"},
    "win": {"browser": "firefox.exe", "editor": "Code.exe", "terminal": "WindowsTerminal.exe", "slack": "slack.exe",
            "zoom": "Zoom.exe", "teams": "ms-teams.exe", "mail": "OUTLOOK.EXE", "excel": "EXCEL.EXE",
            "word": "WINWORD.EXE", "spotify": "Spotify.exe", "files": "explorer.exe", "notes": "Obsidian.exe",
            "lock": "LockApp.exe", "pdf": "Acrobat.exe", "vlc": "vlc.exe", "telegram": "Telegram.exe",
            "discord": "Discord.exe", "art": "blender.exe", "steam": "steam.exe"},
    "linux": {"browser": "firefox", "editor": "code", "terminal": "Alacritty", "slack": "Slack", "zoom": "zoom",
              "teams": "teams-for-linux", "mail": "thunderbird", "excel": "libreoffice-calc",
              "word": "libreoffice-writer", "spotify": "Spotify", "files": "org.gnome.Nautilus", "notes": "obsidian",
              "lock": "", "pdf": "org.gnome.Evince", "vlc": "mpv", "telegram": "org.telegram.desktop",
              "discord": "discord", "art": "krita", "steam": "steam"},
}
STUDY_GROUPS = ["ml-study-group", "os-tutorial", "algo-exam-prep", "thesis-buddies", "erstis-2025", "mensa-crew"]
STUDY_DOCS = ["Exercise sheet {n} solutions", "Lab report {n}", "Thesis proposal draft", "Seminar paper: {c}",
              "Re: Abgabe Blatt {n}", "Summary {c}", "Exam prep {c}", "Group project plan", "Bewerbung Werkstudent",
              "Lecture notes {c}"]
GAMEPAD_GAMES = {"ELDEN RING™", "Hades II", "Hollow Knight: Silksong", "Rocket League", "Cyberpunk 2077"}


class Renderer:
    """Segments -> what aw-watcher-window / -afk / -web would have recorded on each host."""

    def __init__(self, persona: Persona, rng: random.Random, videos: list[WVideo]):
        self.p = persona
        self.rng = rng
        self.videos = videos
        self.window: dict[str, list[dict[str, Any]]] = {r: [] for r in persona.hosts}
        self.afk: dict[str, list[tuple[float, float, bool]]] = {r: [] for r in persona.hosts}
        self.web: dict[str, list[dict[str, Any]]] = {r: [] for r in persona.hosts}
        self.user = {"engineer": "jd", "student": "lena", "manager": "sam", "nightowl": "kai", "analyst": "rosa"}.get(persona.name, "me")
        self.company = {"engineer": "Acme Corp", "student": "TU Students", "manager": "Northwind",
                        "nightowl": "Tiny Dungeon Games", "analyst": "Northwind Retail"}.get(persona.name, "Work")
        self.song_cache: list[str] = []

    # titles ------------------------------------------------------------------------------------

    def _browser_title(self, os_: str, page: str) -> str:
        if os_ == "mac":
            return page
        return f"{page} — Mozilla Firefox"

    def _page_work(self, tech: str, project: str) -> tuple[str, str]:
        rng = self.rng
        r = rng.random()
        words = V.TECHS.get(tech, V.TECHS["python"])["words"]
        w, w2 = rng.choice(words), rng.choice(words)
        if r < 0.22:
            q = rng.choice(V.STACK_Q).format(w=w, w2=w2, t=tech, x=rng.choice(V.STACK_X), v=rng.choice(V.STACK_V),
                                            c=rng.choice(V.STACK_C), r=rng.choice(V.STACK_R), a=rng.choice(V.STACK_A))
            qid = rng.randint(60_000_000, 79_999_999)
            return f"{tech} - {q} - Stack Overflow", f"https://stackoverflow.com/questions/{qid}"
        if r < 0.42:
            m, m2 = rng.choice(V.MODULE_WORDS), rng.choice(V.MODULE_WORDS)
            num = rng.randint(12, 4800)
            org = rng.choice(V.ORGS)
            title = rng.choice(V.ISSUE_TITLES).format(m=m, m2=m2)
            kind = rng.choice(["issues", "pull"])
            label = "Issue" if kind == "issues" else "Pull Request"
            return f"{title} · {label} #{num} · {org}/{project}", f"https://github.com/{org}/{project}/{kind}/{num}"
        if r < 0.55:
            page = rng.choice(V.DOC_PAGES.get(tech, V.DOC_PAGES["python"]))
            return page, f"https://docs.example.org/{tech}/{abs(len(page) * 7919) % 1000}"
        if r < 0.68 and self.p.name != "student":
            key = rng.choice(V.JIRA_KEYS)
            title = rng.choice(V.ISSUE_TITLES).format(m=rng.choice(V.MODULE_WORDS), m2=rng.choice(V.MODULE_WORDS))
            n = rng.randint(100, 2900)
            return f"[{key}-{n}] {title} - Jira", f"https://acme.atlassian.net/browse/{key}-{n}"
        if r < 0.78:
            q = f"{tech} {w} {rng.choice(V.STACK_V)}"
            return f"{q} - Google Search", "https://www.google.com/search?q=" + q.replace(" ", "+")
        if r < 0.86:
            tool = rng.choice(V.WORK_TOOLS)
            return f"{project} {rng.choice(['overview', 'errors', 'latency', 'deploys', 'dashboard'])} | {tool}", \
                f"https://{tool.lower().replace(' ', '')}.example.com/{project}"
        if r < 0.93:
            return rng.choice(["ChatGPT", "Claude", "Perplexity"]), "https://chat.example.com/c/" + str(rng.randint(1, 10**6))
        return f"{self.user}/{project}: {rng.choice(V.MODULE_WORDS)} — GitHub", f"https://github.com/{self.user}/{project}"

    def _page_fun(self) -> tuple[str, str, bool]:
        rng = self.rng
        r = rng.random()
        if r < 0.22:
            sub = rng.choice(V.SUBREDDITS)
            post = rng.choice(V.REDDIT_POST).format(x=rng.choice(V.REDDIT_X))
            return f"{post} : r/{sub}", f"https://www.reddit.com/r/{sub}/comments/{rng.randint(10**5, 10**6):x}", False
        if r < 0.38:
            site, host = rng.choice(V.NEWS_SITES)
            head = f"{rng.choice(V.NEWS_SUBJ)} {rng.choice(V.NEWS_VERB)} {rng.choice(V.NEWS_OBJ)}"
            return f"{head} | {site}", f"https://www.{host}/{rng.randint(1000, 99999)}", False
        if r < 0.48:
            return "Hacker News", "https://news.ycombinator.com/", False
        if r < 0.56:
            art = rng.choice(V.WIKI)
            return f"{art} - Wikipedia", "https://en.wikipedia.org/wiki/" + art.replace(" ", "_"), False
        if r < 0.63:
            shop, host = rng.choice(V.SHOP)
            prod = rng.choice(V.PRODUCTS)
            return f"{shop}: {prod} : Electronics", f"https://www.{host}/s?k={prod.replace(' ', '+')}", False
        if r < 0.70:
            return rng.choice(["Home / X", "Notifications / X", "Instagram", "Facebook", "(3) LinkedIn"]), \
                "https://x.com/home", False
        if r < 0.74:
            return rng.choice(["Inbox (4) - personal@gmail.com - Gmail", "Google Calendar - Week of " +
                               str(rng.randint(1, 28))]), "https://mail.google.com/mail/u/0/", False
        v = rng.choice(self.videos)
        return f"{v.title} - YouTube", f"https://www.youtube.com/watch?v={v.video_id}", True

    def _song(self) -> str:
        rng = self.rng
        if self.song_cache and rng.random() < 0.5:
            return rng.choice(self.song_cache)
        song = f"{rng.choice(V.ARTISTS)} - {rng.choice(V.SONG_A)} {rng.choice(V.SONG_B)}"
        self.song_cache.append(song)
        return song

    def _file(self, project: str, tech: str) -> str:
        rng = self.rng
        exts = V.TECHS.get(tech, V.TECHS["python"])["ext"]
        name = rng.choice(V.MODULE_WORDS) + rng.choice(V.FILE_SUFFIX) + "." + rng.choice(exts)
        if rng.random() < 0.1:
            name = rng.choice(["README.md", "Makefile", "Dockerfile", ".gitignore", "CHANGELOG.md", "config.yaml",
                               "docker-compose.yml", ".env.example", "pyproject.toml", "go.mod", "Cargo.toml"])
        return name

    # events ------------------------------------------------------------------------------------

    def _emit(self, role: str, t: float, dur: float, app: str, title: str, url: str = "", audible: bool = False) -> float:
        """One window event on the millisecond grid (as aw-server stores them); a browser tab's event
        starts a little after the window got focus (the web watcher notices later)."""
        t0, t1 = round(t, 3), round(t + dur, 3)
        if t1 - t0 < 0.001:
            return t
        self.window[role].append({"t": t0, "d": round(t1 - t0, 3), "app": app, "title": title})
        if url:
            lag = round(self.rng.uniform(0.05, 0.6), 3) if self.rng.random() < 0.5 else 0.0
            if t1 - t0 > lag + 0.5:
                self.web[role].append({"t": round(t0 + lag, 3), "d": round(t1 - t0 - lag, 3), "url": url,
                                       "title": title.replace(" — Mozilla Firefox", ""), "audible": audible})
        return t1

    def render(self, seg: Seg) -> None:
        rng, role = self.rng, seg.host
        os_ = self.p.hosts[role][1]
        apps = APPS[os_]
        host = self.p.hosts[role][0]
        info = seg.info
        t, end = seg.start, seg.end
        if seg.act == "away":
            # the window stays as it was (or the lock screen); the AFK watcher notices after 3 minutes
            last = self.window[role][-1] if self.window[role] else {"app": apps["files"], "title": "Desktop"}
            if info.get("lock") and apps["lock"]:
                self._emit(role, t, end - t, apps["lock"], "")
            else:
                self._emit(role, t, end - t, last["app"], last["title"])
            self._afk(role, t, min(end, t + 180), False)
            if end - t > 180:
                self._afk(role, t + 180, end, True)
            return
        while end - t > 1:
            if seg.act in ("code", "art"):
                focus = info.get("focus", 0.7)
                r = rng.random()
                if r < 0.55:
                    if seg.act == "art":
                        art = "Aseprite" if os_ == "mac" else apps["art"]
                        asset = f"{rng.choice(['hero', 'slime', 'tileset', 'boss', 'ui', 'chest', 'torch'])}_{rng.choice(['idle', 'walk', 'attack', 'v2', 'final'])}"
                        title = f"{asset}.aseprite - Aseprite" if art == "Aseprite" else f"Blender [{asset}.blend]"
                        t = self._emit(role, t, min(end - t, rng.lognormvariate(5.0, 0.8)), art, title)
                    else:
                        sep = " — " if os_ == "mac" else " - "
                        title = f"{self._file(info['project'], info['tech'])}{sep}{info['project']}{sep}Visual Studio Code"
                        t = self._emit(role, t, min(end - t, rng.lognormvariate(4.1, 1.0)), apps["editor"], title)
                elif r < 0.72:
                    cmd = rng.choice(V.COMMANDS)
                    title = f"{self.user}@{host}: ~/src/{info['project']} — {cmd}" if os_ != "win" else \
                        f"{cmd} - {info['project']} - Windows Terminal"
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(3.4, 0.9)), apps["terminal"], title)
                elif r < 0.72 + 0.2 * (1.2 - focus):
                    page, url = self._page_work(info["tech"], info["project"])
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(3.7, 0.9)), apps["browser"],
                                   self._browser_title(os_, page), url)
                elif r < 0.9:
                    if rng.random() < 0.5:
                        t = self._emit(role, t, min(end - t, rng.uniform(3, 15)), apps["spotify"], self._song())
                    else:
                        t = self._chat_event(role, t, end, os_, work=not info.get("side"))
                else:
                    page, url, audible = self._page_fun()
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(3.3, 0.8)), apps["browser"],
                                   self._browser_title(os_, page), url, audible)
            elif seg.act == "study":
                r = rng.random()
                course = info.get("course", "Notes")
                if r < 0.35:
                    doc = f"{course.replace(' ', '_')}_slides_{rng.randint(1, 14)}.pdf"
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(5.0, 0.8)), apps["pdf"], doc)
                elif r < 0.6:
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.7, 0.8)), apps["notes"],
                                   f"{course} — notes week {rng.randint(1, 14)}")
                elif r < 0.8:
                    page = rng.choice([f"Overleaf - thesis - {rng.choice(['Introduction', 'Method', 'Results'])}",
                                       f"Moodle: {course}", f"{course} - Wikipedia",
                                       f"Exercise sheet {rng.randint(1, 12)} - {course}"])
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.3, 0.9)), apps["browser"],
                                   self._browser_title(os_, page), "https://moodle.example.edu/course/" + str(rng.randint(1, 99)))
                else:
                    t = self._chat_event(role, t, end, os_, work=False)
            elif seg.act == "shallow":
                r = rng.random()
                d = {"q": f"Q{rng.randint(1, 4)}", "m": rng.choice(V.MODULE_WORDS), "d": f"{rng.randint(1, 28)}.{rng.randint(1, 12)}",
                     "mt": rng.choice(V.MEETINGS).format(p=rng.choice(V.PEOPLE)), "shop": rng.choice(V.SHOP)[0],
                     "t": rng.choice(list(V.TECHS))}
                if self.p.study and r < 0.72:
                    doc = rng.choice(STUDY_DOCS).format(n=rng.randint(1, 12), c=rng.choice(V.FILL["lt"]))
                    if r < 0.2:
                        t = self._emit(role, t, min(end - t, rng.lognormvariate(3.8, 0.8)), apps["mail"],
                                       f"{doc} - lena.k@campus.tu-berlin.de")
                    elif r < 0.5:
                        t = self._emit(role, t, min(end - t, rng.lognormvariate(4.6, 0.8)), apps["browser"],
                                       self._browser_title(os_, f"{doc} - Google Docs"),
                                       "https://docs.google.com/document/d/" + "".join(rng.choice(ALPHABET) for _ in range(12)))
                    else:
                        t = self._emit(role, t, min(end - t, rng.lognormvariate(4.5, 0.8)), apps["word"], f"{doc}.docx")
                elif r < 0.3:
                    subj = rng.choice(V.EMAIL_SUBJ).format(**d)
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.0, 0.8)), apps["mail"],
                                   f"{subj} - {self.user}@{self.company.split()[0].lower()}.com")
                elif r < 0.5:
                    doc = rng.choice(V.DOC_NAMES).format(**d)
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.8, 0.8)), apps["browser"],
                                   self._browser_title(os_, f"{doc} - Google Docs"),
                                   "https://docs.google.com/document/d/" + "".join(rng.choice(ALPHABET) for _ in range(12)))
                elif r < 0.62:
                    sheet = rng.choice(V.SHEETS).format(**d)
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.5, 0.8)), apps["excel"], sheet)
                elif r < 0.72:
                    doc = rng.choice(V.DOC_NAMES).format(**d)
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.5, 0.8)), apps["word"], f"{doc}.docx")
                elif r < 0.88:
                    t = self._chat_event(role, t, end, os_, work=True)
                else:
                    project, tech = rng.choice(self.p.projects)
                    page, url = self._page_work(tech, project)
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(3.7, 0.8)), apps["browser"],
                                   self._browser_title(os_, page), url)
            elif seg.act == "chat":
                if rng.random() < 0.8:
                    t = self._chat_event(role, t, end, os_, work=bool(info.get("work")))
                else:
                    page, url, audible = self._page_fun()
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(3.2, 0.8)), apps["browser"],
                                   self._browser_title(os_, page), url, audible)
            elif seg.act == "meeting":
                title = info["title"]
                app = info.get("app", "zoom")
                if app == "zoom":
                    wapp, wtitle, url = apps["zoom"], rng.choice(["Zoom Meeting", "Zoom Workplace", "Zoom"]), ""
                elif app == "teams":
                    wapp, wtitle, url = apps["teams"], f"{title} | Microsoft Teams", ""
                else:
                    code = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(10))
                    wapp = apps["browser"]
                    wtitle = self._browser_title(os_, f"Meet - {code[:3]}-{code[3:7]}-{code[7:]}")
                    url = f"https://meet.google.com/{code[:3]}-{code[3:7]}-{code[7:]}"
                if rng.random() < 0.8:
                    t = self._emit(role, t, min(end - t, rng.uniform(2, 15) * MIN), wapp, wtitle, url, bool(url))
                else:  # alt-tab during the meeting
                    t = self._chat_event(role, t, end, os_, work=True) if rng.random() < 0.6 else \
                        self._emit(role, t, min(end - t, rng.uniform(20, 120)), apps["mail"], f"Inbox - {self.user}")
            elif seg.act == "browse":
                if rng.random() < 0.015:  # a private window: the product's privacy rules withhold these
                    page, url, _ = self._page_fun()
                    title = f"{page} — Mozilla Firefox Private Browsing" if os_ != "mac" else f"{page} (Incognito)"
                    t = self._emit(role, t, min(end - t, rng.lognormvariate(4.0, 0.8)), apps["browser"], title)
                elif rng.random() < 0.85:
                    page, url, audible = self._page_fun()
                    dur = rng.lognormvariate(3.4, 1.0) if not audible else rng.uniform(60, 900)
                    t = self._emit(role, t, min(end - t, dur), apps["browser"], self._browser_title(os_, page), url, audible)
                else:
                    t = self._chat_event(role, t, end, os_, work=False)
            elif seg.act == "watch":
                if info.get("film") and rng.random() < 0.6:
                    if rng.random() < 0.5:
                        title = f"{rng.choice(V.MOVIES)}.mkv - VLC media player"
                        dur = min(end - t, rng.uniform(20, 60) * MIN)
                        self._emit(role, t, dur, apps["vlc"], title)
                        self._passive(role, t, t + dur)
                        t += dur
                    else:
                        name, site = rng.choice(V.STREAMING)
                        page = name if name != "Twitch" else f"{rng.choice(V.PEOPLE).split()[0].lower()}{rng.randint(1, 99)} - {rng.choice(V.TWITCH)} - Twitch"
                        dur = min(end - t, rng.uniform(15, 50) * MIN)
                        self._emit(role, t, dur, apps["browser"], self._browser_title(os_, page), f"https://www.{site}/", True)
                        self._passive(role, t, t + dur)
                        t += dur
                else:
                    v = rng.choice(self.videos)
                    dur = min(end - t, min(v.duration_s, rng.uniform(60, 1500)))
                    self._emit(role, t, dur, apps["browser"], self._browser_title(os_, f"{v.title} - YouTube"),
                               f"https://www.youtube.com/watch?v={v.video_id}", True)
                    self._passive(role, t, t + dur)
                    t += dur
                    if end - t > 30 and rng.random() < 0.4:
                        page, url, audible = self._page_fun()
                        t = self._emit(role, t, min(end - t, rng.uniform(10, 90)), apps["browser"],
                                       self._browser_title(os_, page), url, audible)
            elif seg.act == "gaming":
                game = V.GAMES[info["game"]]
                r = rng.random()
                if r < 0.08:
                    t = self._emit(role, t, min(end - t, rng.uniform(20, 200)), apps["steam"],
                                   rng.choice(["Steam", "Friends List", f"{game[0]} - Steam", "Steam Store"]))
                elif r < 0.2:
                    server = rng.choice(V.DISCORD_SERVERS)
                    t = self._emit(role, t, min(end - t, rng.uniform(10, 120)), apps["discord"],
                                   f"{rng.choice(V.DISCORD_CHANNELS)} | {server} - Discord")
                else:
                    exe = game[1] if os_ == "win" else game[0]
                    dur = min(end - t, rng.uniform(8, 45) * MIN)
                    self._emit(role, t, dur, exe, game[0])
                    if game[0] in GAMEPAD_GAMES:
                        self._passive(role, t, t + dur, share=0.7)
                    t += dur
            else:
                raise ValueError(seg.act)
        self._afk(role, seg.start, seg.end, False)
        if seg.act in ("code", "shallow", "study", "browse", "meeting"):
            # reading, thinking or listening without touching anything: afk to the watcher, not to the person
            for _ in range(int((seg.end - seg.start) / (30 * MIN))):
                if rng.random() < 0.25:
                    a = rng.uniform(seg.start, seg.end)
                    self._afk(role, a, min(seg.end, a + rng.uniform(0.5, 5) * MIN), True)

    def _passive(self, role: str, start: float, end: float, share: float = 1.0) -> None:
        """No keyboard or mouse: the AFK watcher says afk after 3 minutes (films, gamepads)."""
        if end - start > 240 and self.rng.random() < share:
            self._afk(role, start + 180, end, True)

    def _chat_event(self, role: str, t: float, end: float, os_: str, work: bool) -> float:
        rng = self.rng
        apps = APPS[os_]
        if work and self.p.study:  # a student's "work chat": study groups, not Slack
            title = rng.choice([f"#{rng.choice(STUDY_GROUPS)} | TU Informatik - Discord", "WhatsApp",
                                f"{rng.choice(STUDY_GROUPS)} (group) - WhatsApp", f"{rng.choice(V.PEOPLE)} - WhatsApp"])
            app = apps["discord"] if "Discord" in title else "WhatsApp"
            return self._emit(role, t, min(end - t, rng.lognormvariate(3.2, 0.9)), app, title)
        if work:
            if rng.random() < 0.6:
                title = f"{rng.choice(V.SLACK_CHANNELS)} (Channel) - {self.company} - Slack"
            else:
                title = f"{rng.choice(V.PEOPLE)} (DM) - {self.company} - Slack"
            return self._emit(role, t, min(end - t, rng.lognormvariate(3.2, 0.9)), apps["slack"], title)
        if rng.random() < 0.6:
            title = f"{rng.choice(V.DISCORD_CHANNELS)} | {rng.choice(V.DISCORD_SERVERS)} - Discord"
            return self._emit(role, t, min(end - t, rng.lognormvariate(3.5, 0.9)), apps["discord"], title)
        title = rng.choice([f"{rng.choice(V.PEOPLE)}", "Telegram", f"Telegram ({rng.randint(1, 30)})",
                            f"{rng.choice(V.DISCORD_SERVERS)} – (group)"])
        return self._emit(role, t, min(end - t, rng.lognormvariate(3.0, 0.8)), apps["telegram"], title)

    def _afk(self, role: str, start: float, end: float, afk: bool) -> None:
        if end > start:
            self.afk[role].append((start, end, afk))


def _afk_events(spans: list[tuple[float, float, bool]]) -> list[dict[str, Any]]:
    """Spans -> AFK watcher events: afk wins where a passive span overlaps an active one; no events
    where the machine was off."""
    import bisect

    afk_spans = sorted((s, e) for s, e, a in spans if a)
    active = sorted((s, e) for s, e, a in spans if not a)

    def covered(spans_sorted: list[tuple[float, float]], starts: list[float], t: float) -> bool:
        i = bisect.bisect_right(starts, t) - 1
        return any(spans_sorted[j][0] <= t < spans_sorted[j][1] for j in range(max(0, i - 3), i + 1))

    afk_starts = [s for s, _ in afk_spans]
    act_starts = [s for s, _ in active]
    points = sorted({p for s, e, _ in spans for p in (s, e)})
    out: list[dict[str, Any]] = []
    for a, b in zip(points, points[1:]):
        mid = (a + b) / 2
        status = "afk" if covered(afk_spans, afk_starts, mid) else (
            "not-afk" if covered(active, act_starts, mid) else None)
        if status is None:
            continue
        if out and out[-1]["status"] == status and abs(out[-1]["t"] + out[-1]["d"] - a) < 1e-6:
            out[-1]["d"] = b - out[-1]["t"]
        else:
            out.append({"t": a, "d": b - a, "status": status})
    return out
