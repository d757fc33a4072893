"""The feed website (NiceGUI): ``python serve.py`` -> ``run(cfg)``.

Pages
- ``/``: the latest feed run as a grid of ``feed.page_size`` videos, **Load more** for the next
  page, the moment and checkpoint the feed was made for, and **Refresh feed** (predict for now).
- ``/video/{id}``: the embedded player (youtube-nocookie) and the feedback buttons; each click is
  one ``Label`` (source ``web``) at the click time, with the moment the feed was made for kept as its
  ``feed_moment``. Opening the page records a watch (``vrdndi.apps.feedback.record_watch``).

The site shares nothing with other processes but the store: every request opens its own ``Store``
(one transaction per click, the store's busy timeout makes writers queue instead of failing).
All user-provided text (titles, channels, descriptions) is rendered as text, never as HTML.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nicegui import app, run as nicegui_run, ui
from nicegui.storage import Storage
from omegaconf import DictConfig

from vrdndi import paths
from vrdndi.apps import thumbnails
from vrdndi.apps.feedback import BUTTONS, record_watch, save_feedback
from vrdndi.config_checks import check
from vrdndi.errors import VrdndiError
from vrdndi.store import FeedItem, FeedRun, Store, Video
from vrdndi.timeutil import TimeParseError, format_duration, get_tz, humanize_age, iso, now_utc, parse_time

SECRET_FILE = "web_storage_secret"
MAX_PAGES = 50  # a restored feed never loads more than this many pages at once
MAX_RUN_ID = 2**63 - 1  # SQLite's largest integer: a run id beyond it is not a feed run
SESSION_COOKIE = "session"  # Starlette's SessionMiddleware cookie, which NiceGUI's user storage keys on
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# The page's own scripts and styles (NiceGUI/Vue compile templates in the page: 'unsafe-eval'), thumbnails
# from YouTube's image hosts only, the player from youtube-nocookie, and never framed by another site.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https://i.ytimg.com https://*.ytimg.com https://yt3.ggpht.com",
    "frame-src https://www.youtube-nocookie.com",
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
_VIDEO_ID = thumbnails.VIDEO_ID
# Runs in the browser without a server round trip (the page is drawn client-side after load).
_SCROLL_TO = """<script>
(function () {
  let tries = 0;
  const scroll = () => {
    const card = document.getElementById("ELEMENT_ID");
    if (card) card.scrollIntoView({block: "center"});
    else if (tries++ < 50) setTimeout(scroll, 100);
  };
  window.addEventListener("load", () => setTimeout(scroll, 50));
})();
</script>"""

GET_A_FEED = (
    "There is no feed yet. To get one:",
    "1. ingest your data:  vrdndi ingest ...   (see `vrdndi ingest --help`)",
    "2. train a model:     python train.py experiment=demo",
    "3. rank the videos:   python predict.py ckpt=best",
    "Then reload this page, or press Refresh feed to rank for now.",
)


class WebConfigError(VrdndiError):
    pass


@dataclass(frozen=True)
class WebSettings:
    """What the pages need from the config (read once at start)."""

    store_path: Path
    page_size: int
    tz_name: str
    title: str
    cfg: DictConfig  # handed to refresh_feed as is

    @classmethod
    def from_cfg(cfg_cls, cfg: DictConfig) -> WebSettings:
        page_size = int(cfg.feed.page_size)
        if page_size < 1:
            raise WebConfigError(f"feed.page_size={page_size}: must be at least 1")
        return cfg_cls(store_path=Path(str(cfg.paths.store)), page_size=page_size,
                       tz_name=str(cfg.context.get("tz") or "local"), title=str(cfg.web.title), cfg=cfg)


# -- start-up checks --------------------------------------------------------------------------------
def check_host(host: str, allow_remote: bool) -> None:
    """Refuse a non-loopback address unless ``web.allow_remote`` is True: the site has no login.
    Only a real boolean counts (``config_checks`` turns ``no``/``false`` into False); a string never does."""
    if allow_remote is True or _is_loopback(host):
        return
    raise WebConfigError(f"web.host={host} is not a loopback address and the feed has no login; "
                         "use web.host=127.0.0.1, or set web.allow_remote=true to serve it to your network")


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name we cannot judge without resolving it: not known to be local


def allowed_hosts(host: str, extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The ``Host:`` names the site answers to (a DNS-rebinding guard): loopback names, ``web.host``
    unless it is a wildcard address, and ``web.allowed_hosts``."""
    names = list(LOOPBACK_HOSTS)
    bare = host.strip("[]")
    if bare not in ("0.0.0.0", "::", ""):
        names.append(f"[{bare}]" if ":" in bare else bare)
    names.extend(str(h) for h in extra)
    return list(dict.fromkeys(n.lower() for n in names))


class SecurityHeaders:
    """ASGI middleware: every HTTP response carries ``SECURITY_HEADERS`` (CSP, no framing, no sniffing)."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                known = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in SECURITY_HEADERS if name not in known]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def protect(host: str, extra_hosts: list[str] | tuple[str, ...] = ()) -> None:
    """Add the Host allow-list (Starlette's ``TrustedHostMiddleware``) and the security headers to the
    app, and let socket.io accept connections from the page's own origin only (python-engineio's
    same-origin default; NiceGUI sets ``*``). Call before the app starts."""
    from nicegui import core
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    app.add_middleware(SecurityHeaders)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host, extra_hosts))
    core.sio.eio.cors_allowed_origins = None


def storage_secret(secrets_dir: str | Path) -> str:
    """The browser-session secret: generated once, kept owner-only (0600) in the secrets folder."""
    folder = Path(secrets_dir)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        folder.chmod(0o700)
    except OSError:
        pass
    path = folder / SECRET_FILE
    if path.is_file():
        secret = path.read_text(encoding="utf-8").strip()
        if secret:
            return secret
    secret = secrets.token_urlsafe(32)
    paths.write_private(path, secret + "\n")
    return secret


# -- display helpers ---------------------------------------------------------------------------------
def thumbnail_url(video: Video) -> str:
    """Only from YouTube's image hosts (``vrdndi.apps.thumbnails``): anything else may be a tracking pixel."""
    return thumbnails.thumbnail_url(video.video_id, video.thumbnail_url)


def video_age(video: Video) -> str:
    if not video.published_at:
        return ""
    try:
        return humanize_age(parse_time(video.published_at))
    except TimeParseError:
        return ""


def format_moment(moment: str, tz_name: str) -> str:
    """A stored UTC moment in the configured zone, for people: ``Tue 14 May 2024, 14:05 CEST``."""
    try:
        local = parse_time(moment).astimezone(get_tz(tz_name))
    except VrdndiError:
        return moment
    return local.strftime("%a %d %b %Y, %H:%M %Z").strip()


def feed_run_summary(run: FeedRun, tz_name: str) -> str:
    made = ""
    if run.created_at:
        try:
            made = f" · made {humanize_age(parse_time(run.created_at))}"
        except TimeParseError:
            pass
    return f"Feed for {format_moment(run.moment, tz_name)} · {run.n_items} videos{made}"


def checkpoint_name(run: FeedRun) -> str:
    if run.mode == "cold-start" or run.checkpoint == "cold-start":
        return "no model yet (cold start)"
    return Path(run.checkpoint).name or run.checkpoint


def _img(src: str, alt: str) -> ui.element:
    """A plain <img>; attributes are set as data (never parsed), so odd titles stay text."""
    img = ui.element("img").classes("w-full h-full object-cover text-xs text-slate-500")
    img.props["src"] = src
    img.props["alt"] = alt
    img.props["loading"] = "lazy"
    img.props["referrerpolicy"] = "no-referrer"
    return img


def _pages_key(run_id: int | None) -> str:
    return f"feed_pages:{run_id}"


def _remember_pages(run_id: int | None, pages: int, *, in_event: bool = False) -> None:
    """Keep the loaded page count in the browser's user storage (a file per browser session).

    A request without the session cookie (a script, a crawler, a browser's very first visit) gets a new
    session each time: on the first render it writes nothing, or every such request would leave one more
    ``storage-user-*.json`` behind. A click (``in_event``) comes over the page's websocket, from a real
    page in a browser that holds the cookie by then."""
    try:
        if not in_event and SESSION_COOKIE not in ui.context.client.request.cookies:
            return
        if app.storage.user.get(_pages_key(run_id)) != pages:
            app.storage.user[_pages_key(run_id)] = pages
    except (RuntimeError, AssertionError, AttributeError):  # no session storage: the URL still has it
        pass


def _remembered_pages(run_id: int | None) -> int:
    try:
        return int(app.storage.user.get(_pages_key(run_id), 1))
    except (RuntimeError, AssertionError, TypeError, ValueError):
        return 1


def _header(settings: WebSettings) -> None:
    with ui.header().classes("items-center justify-between bg-slate-800 text-white px-4 py-2"):
        ui.link(settings.title, "/").classes("text-xl font-semibold text-white no-underline").mark("home")


# -- pages ---------------------------------------------------------------------------------------------
def build(cfg: DictConfig) -> WebSettings:
    """Register the pages for ``cfg`` (call before ``ui.run``; tests call it per test)."""
    settings = WebSettings.from_cfg(cfg)

    @ui.page("/", title=settings.title)
    def feed_page(run: int | None = None, pages: int | None = None, focus: str = "") -> None:
        if not _is_run_id(run):
            return render_bad_request(settings, "That is not a feed run number.")
        render_feed(settings, run_id=run, pages=pages, focus=focus)

    @ui.page("/video/{video_id}", title=settings.title)
    def video_page(video_id: str, run: int | None = None) -> None:
        if not _is_run_id(run):
            return render_bad_request(settings, "That is not a feed run number.")
        render_video(settings, video_id, run_id=run)

    return settings


def _is_run_id(run: int | None) -> bool:
    return run is None or 0 <= run <= MAX_RUN_ID


def render_bad_request(settings: WebSettings, message: str) -> None:
    """A 400 page in the site's own words (never a Python error)."""
    ui.context.client.status_code = 400
    _header(settings)
    with ui.column().classes("w-full max-w-5xl mx-auto p-4 gap-3"):
        ui.label(message).mark("bad-request")
        ui.link("Back to the feed", "/").mark("back")


def render_feed(settings: WebSettings, *, run_id: int | None, pages: int | None, focus: str) -> None:
    _header(settings)
    with Store(settings.store_path) as store:
        feed_run = store.feed_run(run_id) if run_id is not None else None
        feed_run = feed_run or store.latest_feed_run()
        if feed_run is not None:
            pages = pages if pages is not None else _remembered_pages(feed_run.run_id)
            pages = max(1, min(int(pages), MAX_PAGES))
            first = store.feed_page(feed_run.run_id, offset=0, limit=pages * settings.page_size + 1)
        else:
            pages, first = 1, []

    with ui.column().classes("w-full max-w-screen-2xl mx-auto p-4 gap-4"):
        with ui.row().classes("w-full items-center gap-3"):
            if feed_run is not None:
                ui.label(feed_run_summary(feed_run, settings.tz_name)).classes("text-lg").mark("feed-moment")
                if feed_run.mode == "cold-start":
                    ui.badge("cold start", color="orange").mark("cold-start").tooltip(
                        "No trained model yet: ranked by recency and channel variety")
                else:
                    ui.badge(feed_run.mode, color="green").mark("feed-mode")
                ui.label(f"checkpoint: {checkpoint_name(feed_run)}").classes(
                    "text-sm text-gray-600").mark("feed-checkpoint").tooltip(feed_run.checkpoint)
                if feed_run.note:  # how old the activity it ranked with was (ActivityWatch unreachable: said here)
                    ui.label(feed_run.note).classes("text-sm text-gray-500").mark("feed-activity")
            ui.space()
            refresh_button = ui.button("Refresh feed", icon="refresh").props("outline").mark("refresh")
            refresh_button.on_click(lambda: _refresh_feed(settings, refresh_button))

        if not first:
            with ui.card().classes("w-full").mark("empty-feed"):
                for line in GET_A_FEED:
                    ui.label(line).classes("font-mono whitespace-pre" if line[:1].isdigit() else "")
            return

        grid = ui.element("div").classes(
            "grid w-full gap-4 grid-cols-1 sm:grid-cols-2 md:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5"
        ).mark("feed-grid")
        state = {"shown": 0, "pages": pages}
        focus_card: list[ui.element] = []

        def add_cards(rows: list[tuple[FeedItem, Video]]) -> None:
            with grid:
                for item, video in rows:
                    card = _video_card(item, video, feed_run)
                    if video.video_id == focus:
                        focus_card.append(card)
            state["shown"] += len(rows)

        end_label = ui.label("No more videos").classes("w-full text-center text-gray-500").mark("no-more")
        more_button = ui.button("Load more", icon="expand_more").classes("self-center").mark("load-more")

        def show_end(has_more: bool) -> None:
            more_button.set_visibility(has_more)
            end_label.set_visibility(not has_more)

        def load_more() -> None:
            with Store(settings.store_path) as store:
                rows = store.feed_page(feed_run.run_id, offset=state["shown"], limit=settings.page_size + 1)
            add_cards(rows[:settings.page_size])
            state["pages"] += 1
            show_end(len(rows) > settings.page_size)
            _remember_pages(feed_run.run_id, state["pages"], in_event=True)
            ui.navigate.history.replace(f"/?run={feed_run.run_id}&pages={state['pages']}")

        more_button.on_click(load_more)
        limit = pages * settings.page_size
        add_cards(first[:limit])
        show_end(len(first) > limit)
        _remember_pages(feed_run.run_id, pages)
        if focus_card:  # back from a video: bring its card into view as soon as the page has drawn it
            ui.add_body_html(_SCROLL_TO.replace("ELEMENT_ID", f"c{int(focus_card[0].id)}"))


def _video_card(item: FeedItem, video: Video, feed_run: FeedRun) -> ui.element:
    target = f"/video/{video.video_id}?run={feed_run.run_id}"
    with ui.link(target=target).classes("no-underline text-inherit block").mark(f"video-{video.video_id}") as link:
        with ui.card().tight().classes("w-full h-full hover:shadow-lg"):
            with ui.element("div").classes("relative w-full aspect-video bg-slate-300 overflow-hidden"):
                _img(thumbnail_url(video), f"Thumbnail: {video.title or video.video_id}")
                duration = format_duration(video.duration_s)
                if duration:
                    ui.label(duration).classes(
                        "absolute bottom-1 right-1 px-1 rounded bg-black/80 text-white text-xs")
            with ui.column().classes("p-2 gap-1 w-full"):
                ui.label(video.title or video.video_id).classes(
                    "font-medium leading-snug line-clamp-2 break-words").mark("title")
                ui.label(video.channel_title).classes("text-sm text-gray-600").mark("channel")
                age = video_age(video)
                ui.label(age).classes("text-xs text-gray-500").mark("age")
                if item.reason:  # "why this video now" (inference/reasons.py)
                    ui.label(item.reason).classes("text-xs text-gray-400 italic line-clamp-2 break-words").mark(
                        "reason")
    return link


async def _refresh_feed(settings: WebSettings, button: ui.button) -> None:
    """Rank for now in a worker thread (training-sized work must not block the page)."""
    try:
        from vrdndi.inference import refresh_feed
    except ImportError as exc:
        ui.notify(f"Refresh is not available in this install ({exc}); run: python predict.py ckpt=best",
                  type="warning")
        return
    button.disable()
    ui.notify("Ranking videos for now…")
    try:
        new_run = await nicegui_run.io_bound(refresh_feed, settings.cfg)
    except VrdndiError as err:
        ui.notify(f"Refresh failed: {err}", type="negative")
        return
    finally:
        button.enable()
    ui.notify(f"New feed: {feed_run_summary(new_run, settings.tz_name)}", type="positive")
    ui.navigate.to(f"/?run={new_run.run_id}" if new_run.run_id is not None else "/")


def render_video(settings: WebSettings, video_id: str, *, run_id: int | None) -> None:
    _header(settings)
    back = f"/?run={run_id}&focus={video_id}" if run_id is not None else f"/?focus={video_id}"
    with ui.column().classes("w-full max-w-5xl mx-auto p-4 gap-3"):
        if not _VIDEO_ID.match(video_id):
            ui.label("That is not a YouTube video id.").mark("bad-id")
            ui.button("Back to feed", icon="arrow_back", on_click=lambda: ui.navigate.to("/")).mark("back")
            return
        with Store(settings.store_path) as store:
            video = store.video(video_id)
            feed_run = store.feed_run(run_id) if run_id is not None else None
            feed_run = feed_run or store.latest_feed_run()
            feed_item = store.feed_item(feed_run.run_id, video_id) if feed_run is not None else None
        record_watch(settings.store_path, video_id)  # watched in our player: not shown again in the next feed
        # The label is about the moment the video was shown for; without a feed, the moment is now.
        moment = feed_run.moment if feed_run is not None else iso(now_utc())

        with ui.element("div").classes("w-full aspect-video bg-black"):
            player = ui.element("iframe").classes("w-full h-full").mark("player")
            player.props["src"] = f"https://www.youtube-nocookie.com/embed/{video_id}"
            player.props["title"] = "YouTube video player"
            player.props["frameborder"] = "0"
            player.props["allow"] = ("accelerometer; autoplay; clipboard-write; encrypted-media; "
                                     "gyroscope; picture-in-picture; web-share")
            player.props["referrerpolicy"] = "strict-origin-when-cross-origin"
            player.props["allowfullscreen"] = True

        title = video.title if video and video.title else video_id
        ui.label(title).classes("text-2xl font-semibold break-words").mark("video-title")
        if video is not None:
            facts = [video.channel_title, format_duration(video.duration_s), video_age(video)]
            ui.label(" · ".join(f for f in facts if f)).classes("text-gray-600").mark("video-facts")
        else:
            ui.label("This video is not in the store yet; feedback is still saved.").classes("text-gray-600")

        with ui.row().classes("gap-2 flex-wrap"):
            for spec in BUTTONS:
                color = "primary" if spec.kind == "interest" else "secondary"
                ui.button(spec.text, icon=spec.icon, color=color,
                          on_click=_feedback_handler(settings, video_id, spec.key, spec.saved, moment)
                          ).mark(f"btn-{spec.key}")
            ui.button("Back to feed", icon="arrow_back", color="grey",
                      on_click=lambda: ui.navigate.to(back)).mark("back")
        if feed_run is not None:
            ui.label(f"Shown for {format_moment(moment, settings.tz_name)}").classes(
                "text-sm text-gray-500").mark("video-moment")
        if feed_item is not None and feed_item.reason:
            ui.label(f"Why now: {feed_item.reason}").classes("text-sm text-gray-400 italic").mark("video-reason")
        if video is not None and video.description:
            ui.label(video.description[:5000]).classes(
                "whitespace-pre-wrap break-words text-sm").mark("description")


def _feedback_handler(settings: WebSettings, video_id: str, button: str, saved: str, moment: str) -> Any:
    async def on_click() -> None:
        try:
            await nicegui_run.io_bound(save_feedback, settings.store_path, video_id, button, moment)
        except VrdndiError as err:
            ui.notify(f"Not saved: {err}", type="negative")
            return
        ui.notify(saved, type="positive")

    return on_click  # the label is at the click time; ``moment`` (the feed's) is kept as its feed_moment


# -- entry point ------------------------------------------------------------------------------------
def run(cfg: DictConfig) -> None:
    """Serve the feed on ``web.host:web.port`` until interrupted (``python serve.py``)."""
    check(cfg)  # typed: web.allow_remote=no is False, a bad port or page size is one line
    host, port = str(cfg.web.host), int(cfg.web.port)
    check_host(host, cfg.web.get("allow_remote", False))
    extra_hosts = list(cfg.web.get("allowed_hosts") or [])
    if host.strip("[]") in ("0.0.0.0", "::") and not extra_hosts:
        raise WebConfigError(f"web.host={host} answers on every address: list the names or addresses the site is "
                             "reached by in web.allowed_hosts (e.g. 'web.allowed_hosts=[192.168.1.5,mypc.local]'); "
                             "other Host: headers are refused (a DNS-rebinding guard)")
    secret = storage_secret(cfg.paths.secrets)
    # NiceGUI keeps per-browser state in files; keep them in the data home, never the CWD.
    Storage.path = Path(str(cfg.paths.home)) / "web"
    protect(host, extra_hosts)
    build(cfg)
    print(f"vrdndi feed on http://{host}:{port}/  (store: {cfg.paths.store})", flush=True)
    ui.run(host=host, port=port, title=str(cfg.web.title), show=bool(cfg.web.get("show", False)),
           reload=False, storage_secret=secret, show_welcome_message=False, favicon="▶",
           uvicorn_logging_level="warning")
