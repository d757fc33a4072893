"""The feed website (NiceGUI): ``python serve.py`` -> ``run(cfg)``.

Pages
- ``/``: the latest feed run as a grid of ``feed.page_size`` videos, **Load more** for the next
  page, the moment and checkpoint the feed was made for, and **Refresh feed** (predict for now). The
  first ``web.quick_timing`` cards carry **Correct timing / Not now** under the card (outside its
  link), saved like the video page's buttons: the timing is learned per moment, so two or three
  answers at each opening teach more than many answers at one.
- ``/video/{id}``: the embedded player (youtube-nocookie) and the feedback buttons; each click is
  one ``Label`` (source ``web``) at the click time, with the moment the feed was made for kept as its
  ``feed_moment``. Opening the page records a watch (``vrdndi.apps.feedback.record_watch``).

Loopback-only serving, the Host allow-list, the security headers and the session secret are in
``vrdndi.apps.web_security``. The site shares nothing with other processes but the store: every
request opens its own ``Store`` (one transaction per click, the store's busy timeout makes writers
queue instead of failing).
All user-provided text (titles, channels, descriptions) is rendered as text, never as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nicegui import app, background_tasks, run as nicegui_run, ui
from nicegui.storage import Storage
from starlette.responses import Response
from omegaconf import DictConfig

from vrdndi.apps import thumbnails
from vrdndi.apps.feedback import BUTTONS, record_watch, save_feedback
from vrdndi.apps.feedback import SOURCE as FEEDBACK_SOURCE
from vrdndi.apps.web_security import (SESSION_COOKIE, WebConfigError, check_host, check_wildcard, protect,
                                      storage_secret)
from vrdndi.inference import reasons as why
from vrdndi.config_checks import check
from vrdndi.errors import VrdndiError
from vrdndi.store import PRODUCTIVE, FeedItem, FeedRun, Store, Video
from vrdndi.timeutil import TimeParseError, format_duration, get_tz, humanize_age, iso, now_utc, parse_time

MAX_PAGES = 50  # a restored feed never loads more than this many pages at once
MAX_RUN_ID = 2**63 - 1  # SQLite's largest integer: a run id beyond it is not a feed run
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

NO_FEED = "There is no feed yet."
TRY_THE_DEMO = (
    "Try the demo first (a made-up month; no data, no account, no network):",
    "  python train.py experiment=demo",
    "  python predict.py paths=demo predict=demo ckpt=best",
    "  python serve.py paths=demo predict=demo",
)
DEMO_IS_READY = (
    "The demo store is ready. See its feed:",
    "  python serve.py paths=demo predict=demo",
    "(no demo feed yet? python predict.py paths=demo predict=demo ckpt=best first)",
)
DEMO_HERE = (
    "This is the demo store. Train and rank it:",
    "  python train.py experiment=demo",
    "  python predict.py paths=demo predict=demo ckpt=best",
    "Then reload this page, or press Refresh feed to rank for now.",
)
OWN_DATA = (
    "For your own feed:",
    "1. bring your data in:  vrdndi ingest aw   (and vrdndi ingest youtube / takeout)",
    "2. label and train:     python label_app.py, then python train.py",
    "3. rank the videos:     python predict.py ckpt=best   (or press Refresh feed)",
)
# what each answer looks like on its card once given (kind, value) -> words
ANSWER_WORDS = {(b.kind, b.value): b.text for b in BUTTONS}
REASON_STYLE = {  # reason kind -> (icon, colour classes): the reason is the card's second line, not fine print
    "moment": ("bolt", "text-emerald-800"),
    "wrong_moment": ("schedule", "text-amber-800"),
    "interest": ("favorite_border", "text-sky-800"),
    "weak": ("help_outline", "text-slate-600"),
    "other": ("info_outline", "text-slate-700"),
}
QUICK_HINT = ("Is now a good moment for a video? Answer two or three cards (Correct timing / Not now) each "
              "time you open the feed: a few answers at many different moments teach the timing best.")
TOAST_GROUP = "vrdndi"  # one toast at a time: a new one replaces the one on screen (Quasar's notify group)


def get_a_feed(settings: WebSettings) -> list[str]:
    """What the empty-feed page says: the demo first when it exists (or to try), then one's own data."""
    demo = settings.store_path.parent / "demo.sqlite"
    if settings.store_path.name == "demo.sqlite":
        return [NO_FEED, *DEMO_HERE]
    return [NO_FEED, *(DEMO_IS_READY if demo.is_file() else TRY_THE_DEMO), "", *OWN_DATA]


def toast(message: str, *, type: str | None = None) -> None:
    """A short notice at the top (over the header, not the buttons or the text); it replaces the one shown
    before, so notices never stack over the page."""
    ui.notify(message, type=type, group=TOAST_GROUP, badgeStyle="display: none", timeout=2000,
              position="top")


def feed_answers(store: Store, feed_moment: str) -> dict[str, dict[str, int]]:
    """The answers given on the website for the feed of ``feed_moment``: video id -> {kind: value}
    (a later click of the same kind replaced the earlier one)."""
    want = _same_moment(feed_moment)
    out: dict[str, dict[str, int]] = {}
    if not want:
        return out
    for label in store.labels():
        if label.source == FEEDBACK_SOURCE and _same_moment(getattr(label, "feed_moment", "")) == want:
            out.setdefault(label.video_id, {})[label.kind] = int(label.value)
    return out


def _same_moment(moment: str) -> str:
    if not moment:
        return ""
    try:
        return iso(parse_time(moment))
    except VrdndiError:
        return moment


def shown_reason(item: FeedItem | None) -> str:
    """The reason as the page shows it: words that agree with the scores (older feeds stored numbers)."""
    if item is None or not item.reason:
        return ""
    return why.readable(item.reason, p_interest=item.p_interest, p_productive=item.p_productive)


def _reason_label(reason: str, *, marker: str, size: str = "text-sm") -> None:
    icon, colour = REASON_STYLE[why.reason_kind(reason)]
    with ui.row().classes(f"items-start gap-1 no-wrap {colour}").mark(f"{marker}-row"):
        ui.icon(icon).classes("text-base mt-[1px] shrink-0")
        ui.label(reason).classes(f"{size} leading-snug line-clamp-3 break-words").mark(marker)


@dataclass(frozen=True)
class WebSettings:
    """What the pages need from the config (read once at start)."""

    store_path: Path
    page_size: int
    tz_name: str
    title: str
    cfg: DictConfig  # handed to refresh_feed as is
    cache_dir: Path  # thumbnails are kept in <cache>/thumbnails
    quick_timing: int = 0  # the first N cards of a feed carry the two timing buttons

    @classmethod
    def from_cfg(cfg_cls, cfg: DictConfig) -> WebSettings:
        page_size = int(cfg.feed.page_size)
        if page_size < 1:
            raise WebConfigError(f"feed.page_size={page_size}: must be at least 1")
        return cfg_cls(store_path=Path(str(cfg.paths.store)), page_size=page_size,
                       tz_name=_zone_name(cfg), title=str(cfg.web.title), cfg=cfg,
                       cache_dir=Path(str(cfg.paths.cache)),
                       quick_timing=int(cfg.web.quick_timing))  # checked >= 0 by config_checks


def _zone_name(cfg: DictConfig) -> str:
    """The zone the page shows times in: the features' (``context.tz``; ``auto`` on a UTC system guesses
    it from the store's activity, as training does)."""
    from vrdndi.features.zone import zone_of_config

    return zone_of_config(cfg).name


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


def local_thumbnail(video_id: str) -> str:
    """The site's own thumbnail address (``/thumb/ID``): the image from the local cache, fetched once from
    YouTube's image hosts, or the placeholder when it cannot be had."""
    return f"/thumb/{video_id}" if _VIDEO_ID.match(video_id) else ""


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

    @app.get("/thumb/{video_id}")
    async def thumbnail(video_id: str) -> Response:
        return await thumbnail_response(settings, video_id)

    return settings


async def thumbnail_response(settings: WebSettings, video_id: str) -> Response:
    """``/thumb/ID``: the cached thumbnail (fetched once from YouTube's image hosts), else the placeholder."""
    if not _VIDEO_ID.match(video_id):
        return Response(status_code=404)
    video = None
    if settings.store_path.is_file():
        with Store(settings.store_path, readonly=True) as store:
            video = store.video(video_id)
    data = await nicegui_run.io_bound(thumbnails.thumbnail_bytes, settings.cache_dir, video_id,
                                      video.thumbnail_url if video else "")
    if data:
        return Response(data, media_type="image/jpeg", headers={"cache-control": "private, max-age=86400"})
    label = (video.channel_title if video else "") or ""
    return Response(thumbnails.placeholder_svg(video_id, label), media_type="image/svg+xml",
                    headers={"cache-control": "private, max-age=300"})


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
    feed_run, first, answers = None, [], {}
    if settings.store_path.is_file():  # no store yet: the page says how to get one (and creates none)
        with Store(settings.store_path) as store:
            feed_run = store.feed_run(run_id) if run_id is not None else None
            feed_run = feed_run or store.latest_feed_run()
            if feed_run is not None:
                pages = pages if pages is not None else _remembered_pages(feed_run.run_id)
                pages = max(1, min(int(pages), MAX_PAGES))
                first = store.feed_page(feed_run.run_id, offset=0, limit=pages * settings.page_size + 1)
                answers = feed_answers(store, feed_run.moment)
    if feed_run is None:
        pages = 1

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
            with ui.row().classes("items-center gap-2 text-sm text-slate-600").mark("refresh-progress") as progress:
                ui.spinner(size="1.2em")
                ui.label("Ranking videos for now…").mark("refresh-status")
            progress.set_visibility(False)
            refresh_button = ui.button("Refresh feed", icon="refresh").props("outline").mark("refresh")
            refresh_button.on_click(lambda: _refresh_feed(settings, refresh_button, progress))

        if not first:
            with ui.card().classes("w-full").mark("empty-feed"):
                for line in get_a_feed(settings):
                    command = line.startswith("  ") or line[:1].isdigit()
                    ui.label(line).classes("font-mono whitespace-pre text-sm" if command else "font-medium")
            return

        if settings.quick_timing:
            ui.label(QUICK_HINT).classes("text-sm text-slate-600").mark("quick-hint")
        grid = ui.element("div").classes(
            "grid w-full gap-4 grid-cols-1 sm:grid-cols-2 md:grid-cols-3 lg:grid-cols-4 xl:grid-cols-5"
        ).mark("feed-grid")
        state = {"shown": 0, "pages": pages}
        focus_card: list[ui.element] = []

        def add_cards(rows: list[tuple[FeedItem, Video]]) -> None:
            with grid:
                for item, video in rows:
                    quick = state["shown"] < settings.quick_timing
                    card = _video_card(item, video, feed_run, answers.get(video.video_id, {}),
                                       settings=settings if quick else None)
                    state["shown"] += 1
                    if video.video_id == focus:
                        focus_card.append(card)

        end_label = ui.label("No more videos").classes("w-full text-center text-gray-500").mark("no-more")
        more_button = ui.button("Load more", icon="expand_more").classes("self-center").mark("load-more")

        def show_end(has_more: bool) -> None:
            more_button.set_visibility(has_more)
            end_label.set_visibility(not has_more)

        def load_more() -> None:
            with Store(settings.store_path) as store:
                rows = store.feed_page(feed_run.run_id, offset=state["shown"], limit=settings.page_size + 1)
                answers.update(feed_answers(store, feed_run.moment))
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


def _video_card(item: FeedItem, video: Video, feed_run: FeedRun, answers: dict[str, int], *,
                settings: WebSettings | None = None) -> ui.element:
    """One grid cell: a card whose body is a link to the video page and, with ``settings``, the quick
    timing buttons at its foot (outside the link: a button inside an ``<a>`` is not valid HTML)."""
    target = f"/video/{video.video_id}?run={feed_run.run_id}"
    with ui.card().tight().classes("w-full h-full hover:shadow-lg no-wrap").mark(f"cell-{video.video_id}") as cell:
        _card_link(target, item, video, answers)
        if settings is not None:
            _quick_timing(settings, video.video_id, feed_run, answers)
    return cell


def _card_link(target: str, item: FeedItem, video: Video, answers: dict[str, int]) -> None:
    with ui.link(target=target).classes("no-underline text-inherit block w-full grow").mark(f"video-{video.video_id}"):
        with ui.element("div").classes("w-full"):
            with ui.element("div").classes("relative w-full aspect-video bg-slate-300 overflow-hidden"):
                _img(local_thumbnail(video.video_id), f"Thumbnail: {video.title or video.video_id}")
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
                reason = shown_reason(item)
                if reason:  # "why this video now" (inference/reasons.py)
                    _reason_label(reason, marker="reason")
                if answers:  # what you already said about it on this feed
                    with ui.row().classes("gap-1 flex-wrap").mark("card-answers"):
                        for kind in ("interest", "productive"):
                            if kind in answers:
                                ui.badge(f"✓ {ANSWER_WORDS[(kind, answers[kind])]}", color="blue-grey-1",
                                         text_color="blue-grey-9").classes("text-xs").mark(
                                    f"answer-{kind}")


def _quick_timing(settings: WebSettings, video_id: str, feed_run: FeedRun, answers: dict[str, int]) -> None:
    """"Right moment now?" on the card: the same two answers as on the video page, saved the same way
    (at the click time, this feed's moment as ``feed_moment``), shown as chosen at once."""
    buttons: dict[str, ui.button] = {}
    with ui.row().classes("w-full items-center gap-2 px-2 pb-2 no-wrap").mark("quick", f"quick-{video_id}"):
        for spec in (b for b in BUTTONS if b.kind == PRODUCTIVE):
            buttons[spec.key] = ui.button(
                spec.text, icon=spec.icon,
                on_click=_feedback_handler(settings, video_id, spec.key, spec.saved, feed_run.moment,
                                           on_saved=lambda key=spec.key: _mark_answer(buttons, key))
            ).props(f'no-caps no-wrap dense size=sm aria-label="{spec.text}: is now the right moment for it?"'
                    ).classes("grow px-1").mark(f"quick-{spec.key}-{video_id}")
    _show_answers(buttons, answers)


async def _refresh_feed(settings: WebSettings, button: ui.button, progress: ui.element | None = None) -> None:
    """Rank for now in a worker thread (the page stays live), with a spinner beside the button meanwhile.
    The scorer stays loaded between refreshes (``vrdndi.inference.feed``'s model slot; ``warm_up`` loads
    it when the site starts)."""
    try:
        from vrdndi.inference import refresh_feed
    except ImportError as exc:
        toast(f"Refresh is not available in this install ({exc}); run: python predict.py ckpt=best",
              type="warning")
        return
    button.disable()
    button.props("loading")
    if progress is not None:
        progress.set_visibility(True)
    try:
        new_run = await nicegui_run.io_bound(refresh_feed, settings.cfg)
    except VrdndiError as err:
        toast(f"Refresh failed: {err}", type="negative")
        return
    finally:
        button.props(remove="loading")
        button.enable()
        if progress is not None:
            progress.set_visibility(False)
    toast(f"New feed: {feed_run_summary(new_run, settings.tz_name)}", type="positive")
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
            answers = feed_answers(store, feed_run.moment).get(video_id, {}) if feed_run is not None else {}
        record_watch(settings.store_path, video_id)  # watched in our player: not shown again in the next feed
        # The label is about the moment the video was shown for; without a feed, the moment is now.
        moment = feed_run.moment if feed_run is not None else iso(now_utc())

        with ui.element("div").classes("w-full max-w-3xl aspect-video bg-black rounded overflow-hidden"):
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

        reason = shown_reason(feed_item)
        if reason:
            _reason_label(reason, marker="video-reason", size="text-base")
        buttons: dict[str, ui.button] = {}
        with ui.row().classes("gap-x-6 gap-y-2 flex-wrap items-center"):
            for kind, question in (("interest", "Do you like it?"), ("productive", "Is now the right moment?")):
                with ui.column().classes("gap-1"):
                    ui.label(question).classes("text-xs uppercase tracking-wide text-slate-500")
                    with ui.row().classes("gap-2"):
                        for spec in (b for b in BUTTONS if b.kind == kind):
                            buttons[spec.key] = ui.button(
                                spec.text, icon=spec.icon,
                                on_click=_feedback_handler(settings, video_id, spec.key, spec.saved, moment,
                                                           on_saved=lambda key=spec.key: _mark_answer(buttons, key))
                            ).props("no-caps").mark(f"btn-{spec.key}")
            ui.button("Back to feed", icon="arrow_back", color="grey",
                      on_click=lambda: ui.navigate.to(back)).props("flat").classes("self-end").mark("back")
        _show_answers(buttons, answers)
        if feed_run is not None:
            ui.label(f"Shown for {format_moment(moment, settings.tz_name)}").classes(
                "text-sm text-gray-500").mark("video-moment")
        if video is not None and video.description:
            ui.label(video.description[:5000]).classes(
                "whitespace-pre-wrap break-words text-sm").mark("description")


def _show_answers(buttons: dict[str, ui.button], answers: dict[str, int]) -> None:
    """Selected answers are filled (and ``aria-pressed``), the others outlined."""
    for spec in BUTTONS:
        button = buttons.get(spec.key)
        if button is None:
            continue
        chosen = answers.get(spec.kind) == spec.value
        colour = ("primary" if spec.kind == "interest" else "teal-8") if chosen else "blue-grey-8"
        button.props(f"color={colour} aria-pressed={'true' if chosen else 'false'}")
        button.props("unelevated" if chosen else "outline", remove="outline" if chosen else "unelevated")
        button.classes("selected" if chosen else "", remove="" if chosen else "selected")
        button.set_icon("check" if chosen else spec.icon)


def _mark_answer(buttons: dict[str, ui.button], key: str) -> None:
    spec = next(b for b in BUTTONS if b.key == key)
    current = {b.kind: b.value for b in BUTTONS if b.key in buttons and "selected" in buttons[b.key].classes}
    current[spec.kind] = spec.value
    _show_answers(buttons, current)


def _feedback_handler(settings: WebSettings, video_id: str, button: str, saved: str, moment: str, *,
                      on_saved: Any = None) -> Any:
    async def on_click() -> None:
        try:
            await nicegui_run.io_bound(save_feedback, settings.store_path, video_id, button, moment)
        except VrdndiError as err:
            toast(f"Not saved: {err}", type="negative")
            return
        if on_saved is not None:
            on_saved()  # the chosen answer is shown as selected at once
        toast(saved, type="positive")

    return on_click  # the label is at the click time; ``moment`` (the feed's) is kept as its feed_moment


def warm_up(cfg: DictConfig) -> str:
    """Load the feed's model and score the current candidates once (filling the embedding caches), in a
    worker thread when the site starts, so that the first **Refresh feed** is as fast as the next ones.
    Writes nothing (no feed, no store when there is none); a failure only means the first refresh is slower."""
    import logging

    log = logging.getLogger(__name__)
    if not Path(str(cfg.paths.store)).is_file():
        return "no store"
    try:
        from vrdndi.inference.candidates import moment_of, recent_uploads
        from vrdndi.inference.feed import load_scorer_for, score_videos

        with Store(cfg.paths.store) as store:
            scorer = load_scorer_for(cfg, store, allow_cold_start=True)
            if scorer is None:
                return "cold start"
            moment = moment_of(cfg.predict.get("at"))
            pool = recent_uploads(store, moment, days=float(cfg.predict.days),
                                  include_seen=bool(cfg.predict.include_seen))
            score_videos(scorer, store, pool.videos, [moment] * len(pool.videos), cfg)
        from vrdndi.console import setup_logging

        setup_logging(verbose=logging.getLogger("vrdndi").level <= logging.DEBUG)  # Lightning's handlers, once
        return "warm"
    except Exception as exc:  # noqa: BLE001 - the site works without it
        log.warning("could not load the model ahead of the first refresh (%s); Refresh feed will load it", exc)
        return "failed"


# -- entry point ------------------------------------------------------------------------------------
def run(cfg: DictConfig) -> None:
    """Serve the feed on ``web.host:web.port`` until interrupted (``python serve.py``)."""
    check(cfg)  # typed: web.allow_remote=no is False, a bad port or page size is one line
    host, port = str(cfg.web.host), int(cfg.web.port)
    check_host(host, cfg.web.get("allow_remote", False))
    extra_hosts = list(cfg.web.get("allowed_hosts") or [])
    check_wildcard(host, extra_hosts)
    secret = storage_secret(cfg.paths.secrets)
    # NiceGUI keeps per-browser state in files; keep them in the data home, never the CWD.
    Storage.path = Path(str(cfg.paths.home)) / "web"
    protect(host, extra_hosts)
    build(cfg)
    if bool(cfg.web.get("warm_up", True)):
        # in the background: the site answers at once; a refresh clicked meanwhile waits for the same load
        app.on_startup(lambda: background_tasks.create(nicegui_run.io_bound(warm_up, cfg), name="warm_up"))
    print(f"vrdndi feed on http://{host}:{port}/  (store: {cfg.paths.store})", flush=True)
    ui.run(host=host, port=port, title=str(cfg.web.title), show=bool(cfg.web.get("show", False)),
           reload=False, storage_secret=secret, show_welcome_message=False, favicon="▶",
           uvicorn_logging_level="warning")
