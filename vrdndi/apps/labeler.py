"""The interest labeller (Streamlit): ``python label_app.py [paths.store=/x.sqlite]``, which starts
Streamlit's server on 127.0.0.1 with usage statistics off (``STREAMLIT_SERVER``).

It walks through the videos you watched (newest first) and the ones you liked or disliked, and
stores your answer as an interest label (source ``labeler``, moment ``''``: liking a video is not
about a moment). Buttons: Interest, Uninterest, Skip, Previous, Undo, Load data.

A video that already has an interest answer (a like or dislike on YouTube, a web click, an import, an
earlier labeller answer) counts as labelled in the progress, is marked with where its answer came from,
and is skipped: the labeller starts at, and an answer moves on to, the next video without one. Shorts
are left out (``include_shorts``), as in the feed.

The store functions below (``load_items``, ``save_interest``, ``undo``) hold no Streamlit state and
open their own ``Store`` per call, so each click is one transaction and other processes (the
website, the scheduler) can write the same file meanwhile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vrdndi.apps import thumbnails
from vrdndi.errors import VrdndiError
from vrdndi.store import INTEREST, Label, Store
from vrdndi.timeutil import format_duration, iso, now_utc

SOURCE = "labeler"
INTEREST_MOMENT = ""  # an interest label is about the video, not a moment


@dataclass(frozen=True)
class LabelItem:
    """One video to label and why it is in the list."""

    video_id: str
    title: str
    channel: str
    duration: str
    thumbnail_url: str
    origin: str  # "watched 2024-05-14" | "liked" | "disliked"


@dataclass(frozen=True)
class SavedLabel:
    """What Undo needs: where the item was and the labeller's answer it replaced (if any)."""

    index: int
    video_id: str
    title: str
    value: int
    previous: Label | None


# -- store side (no Streamlit) ------------------------------------------------------------------------
def load_items(store_path: str | Path, *, include_shorts: bool = False) -> list[LabelItem]:
    """Watched videos (most recent watch first), then liked/disliked ones not watched; each video once.
    Shorts (``Video.is_short``) only with ``include_shorts``."""
    with Store(store_path) as store:
        watches = store.watches()
        rated = [label for label in store.labels(INTEREST) if label.source in ("like", "dislike")]
        order: dict[str, str] = {}
        for watch in sorted(watches, key=lambda w: w.watched_at, reverse=True):
            order.setdefault(watch.video_id, f"watched {watch.watched_at[:10]}")
        for label in sorted(rated, key=lambda lb: lb.labelled_at, reverse=True):
            rating = "liked" if label.value else "disliked"
            if video_id_origin := order.get(label.video_id):
                if "on YouTube" not in video_id_origin:
                    order[label.video_id] = f"{video_id_origin} · {rating} on YouTube"
            else:
                order[label.video_id] = rating
        videos = {v.video_id: v for v in store.videos(order, status=None)}
    items = []
    for video_id, origin in order.items():
        video = videos.get(video_id)
        if video is not None and video.is_short and not include_shorts:
            continue
        items.append(LabelItem(
            video_id=video_id,
            title=(video.title if video and video.title else video_id),
            channel=video.channel_title if video else "",
            duration=format_duration(video.duration_s) if video else "",
            thumbnail_url=thumbnails.thumbnail_url(video_id, video.thumbnail_url if video else ""),
            origin=origin,
        ))
    return items


def labelled(store_path: str | Path) -> dict[str, int]:
    """Every video's interest answer so far, from any source (the labeller, a like or dislike on YouTube,
    a web click, an import): video id -> 1 (interest) / 0 (uninterest); the latest answer wins, the
    labeller's own over the others."""
    with Store(store_path) as store:
        answers = store.labels(INTEREST)
    done: dict[str, int] = {}
    for label in answers:  # oldest first: later answers win
        done[label.video_id] = label.value
    for label in answers:
        if label.source == SOURCE and label.moment == INTEREST_MOMENT:
            done[label.video_id] = label.value
    return done


def next_unlabelled(items: list[LabelItem], done: dict[str, int], after: int) -> int:
    """Index of the first item after ``after`` without an answer (``len(items)`` when there is none)."""
    return next((i for i in range(after + 1, len(items)) if items[i].video_id not in done), len(items))


def first_unlabelled(items: list[LabelItem], done: dict[str, int]) -> int:
    """Index of the first item without a labeller answer (``len(items)`` when all are done)."""
    return next((i for i, item in enumerate(items) if item.video_id not in done), len(items))


def save_interest(store_path: str | Path, video_id: str, value: int, *, moment: str = INTEREST_MOMENT) -> Label:
    """Store one answer (one transaction); returns the stored label."""
    label = Label(video_id=video_id, kind=INTEREST, value=int(value), source=SOURCE, moment=moment,
                  labelled_at=iso(now_utc()))
    with Store(store_path) as store:
        store.add_labels([label])
    return label


def previous_answer(store_path: str | Path, video_id: str) -> Label | None:
    with Store(store_path) as store:
        return next((label for label in store.labels(INTEREST) if label.video_id == video_id
                     and label.source == SOURCE and label.moment == INTEREST_MOMENT), None)


def undo(store_path: str | Path, saved: SavedLabel) -> None:
    """Take back one answer: restore the answer it replaced, or delete it."""
    with Store(store_path) as store:
        with store.transaction():
            store.delete_labels(saved.video_id, INTEREST, SOURCE, INTEREST_MOMENT)
            if saved.previous is not None:
                store.add_labels([saved.previous])


def overrides_from_argv(argv: list[str]) -> list[str]:
    """``streamlit run label_app.py -- paths.store=/x`` hands the script ``[label_app.py, paths.store=/x]``.

    Anything else (a test runner's own argv) is not ours."""
    if argv and Path(argv[0]).name == "label_app.py":
        return [a for a in argv[1:] if a != "--"]
    return []


# -- starting the server ---------------------------------------------------------------------------------
# Streamlit's server options for the labeller (the same as .streamlit/config.toml): Streamlit would listen
# on every interface, send usage statistics and show a Deploy button unless told otherwise.
STREAMLIT_SERVER = {
    "server.address": "127.0.0.1",
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    "client.toolbarMode": "minimal",
    "global.developmentMode": "false",
    # no file watcher: it would watch the whole checkout (the 2 GB .venv too) and overflow inotify
    "server.fileWatcherType": "none",
    "server.runOnSave": "false",
    # calm colours: Streamlit's primary red reads as an alarm on the Interest button
    "theme.base": "light",
    "theme.primaryColor": "#3f6f9f",
}


def streamlit_argv(script: str | Path, overrides: list[str]) -> list[str]:
    """``streamlit run`` arguments for the labeller: our server options, then Hydra overrides after ``--``."""
    from vrdndi.config import compose

    port = int(compose("label", overrides).port)
    flags = [item for key, value in STREAMLIT_SERVER.items() for item in (f"--{key}", value)]
    return ["streamlit", "run", str(script), *flags, "--server.port", str(port), "--", *overrides]


def launch(script: str | Path, overrides: list[str]) -> int:
    """``python label_app.py [key=value ...]``: start the labeller on 127.0.0.1 (blocks until stopped)."""
    import sys

    from streamlit.web import cli as streamlit_cli

    try:
        argv = streamlit_argv(script, overrides)
    except VrdndiError as err:
        print(f"label_app: error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # a bad override: Hydra's message in one line
        print(f"label_app: error: bad setting {overrides}: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    print(f"vrdndi labeller on http://127.0.0.1:{argv[argv.index('--server.port') + 1]}/", flush=True)
    sys.argv = argv
    return streamlit_cli.main()


# -- Streamlit page ------------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_text(text: str) -> str:
    """Escape markdown so a title shows exactly as written (Streamlit renders no raw HTML anyway)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def main(overrides: list[str] | None = None) -> None:
    import streamlit as st

    st.set_page_config(page_title="vrdndi labeller", page_icon="▶", layout="centered")
    state = st.session_state
    try:
        store_path = _store_path(state, list(overrides or []))
    except VrdndiError as err:
        st.error(f"label_app: {err}")
        return
    except Exception as err:  # a bad override: Hydra's message in one line
        st.error(f"label_app: bad setting {overrides}: {' '.join(str(err).split())}")
        return

    if "items" not in state:
        _load(state, store_path)

    def act(action: str) -> None:
        try:
            ACTIONS[action](state, store_path)
        except VrdndiError as err:
            state.notice = ("error", str(err))

    items: list[LabelItem] = state["items"]
    index: int = state["index"]
    st.markdown("### Label your YouTube history")
    st.caption("Do you like this video at all? Your answers teach vrdndi your taste (its interest head).")
    _sidebar(st, state, store_path)

    notice = state.pop("notice", None)
    if notice:
        getattr(st, notice[0])(notice[1])

    if not items:
        st.info("Nothing to label yet: import your watch history (vrdndi ingest ...) or your likes, "
                "then press Load data.")
    elif index >= len(items):
        st.success(f"All done: you went through all {len(items)} videos. Use Previous or Undo to change an answer.")
    else:
        item = items[index]
        watch = thumbnails.watch_url(item.video_id)
        with st.container(border=True):
            picture, about = st.columns([5, 6], gap="medium")
            with about:
                st.caption(f"{index + 1} of {len(items)} · {md_text(item.origin)}")
                st.subheader(md_text(item.title))
                details = " · ".join(x for x in (item.channel, item.duration) if x)
                if details:
                    st.text(details)
                # the player loads YouTube only when asked (the thumbnail comes from the local cache)
                play = bool(watch) and st.toggle("Play it here", key=f"play-{item.video_id}")
                if watch:  # a button, not markdown: an odd id (from an imported CSV) is never parsed as a link
                    st.link_button("Open on YouTube", watch, icon=":material/open_in_new:")
                answer = state["done"].get(item.video_id)
                if answer is not None:
                    st.caption(f"Your answer: {'Interest' if answer else 'Uninterest'}")
            with picture:
                _thumbnail(st, state, item)
            if play:
                st.video(watch)

    answer_cols = st.columns(2)
    answer_cols[0].button("Interest", key="interest", on_click=act, args=("interest",), type="primary",
                          icon=":material/thumb_up:", width="stretch")
    answer_cols[1].button("Uninterest", key="uninterest", on_click=act, args=("uninterest",),
                          icon=":material/thumb_down:", width="stretch")
    cols = st.columns(4)
    cols[0].button("Skip", key="skip", on_click=act, args=("skip",), width="stretch")
    cols[1].button("Previous", key="previous", on_click=act, args=("previous",), width="stretch")
    cols[2].button("Undo", key="undo", on_click=act, args=("undo",), width="stretch")
    cols[3].button("Load data", key="load", on_click=act, args=("load",), width="stretch")


def _thumbnail(st: Any, state: Any, item: LabelItem) -> None:
    """The cached thumbnail (fetched once from YouTube's image hosts), else the placeholder."""
    data = None
    if state.get("cache_dir"):
        data = thumbnails.thumbnail_bytes(state["cache_dir"], item.video_id, item.thumbnail_url)
    if data:
        st.image(data, width="stretch")
    else:
        st.image(thumbnails.placeholder_svg(item.video_id, item.channel), width="stretch")


def _store_path(state: Any, overrides: list[str]) -> Path:
    key = ("store_path", tuple(overrides))
    if state.get("store_key") != key:
        from vrdndi.config import compose

        state["store_key"] = key
        cfg = compose("label", overrides)
        state["store_path"] = Path(str(cfg.paths.store))
        state["cache_dir"] = Path(str(cfg.paths.cache))
        state.pop("items", None)  # another store: load its data
    return state["store_path"]


def _load(state: Any, store_path: Path) -> None:
    items = load_items(store_path)
    done = labelled(store_path)
    state["items"] = items
    state["done"] = done
    state["index"] = first_unlabelled(items, done)
    state.setdefault("saved", [])


def _answer(state: Any, store_path: Path, value: int) -> None:
    items, index = state["items"], state["index"]
    if index >= len(items):
        state.notice = ("info", "All done: there is nothing left to label.")
        return
    item = items[index]
    previous = previous_answer(store_path, item.video_id)
    save_interest(store_path, item.video_id, value)
    state["saved"].append(SavedLabel(index=index, video_id=item.video_id, title=item.title, value=value,
                                     previous=previous))
    state["done"][item.video_id] = value
    state["index"] = next_unlabelled(items, state["done"], index)  # already-answered videos are not asked again


def _skip(state: Any, store_path: Path) -> None:
    if state["index"] >= len(state["items"]):
        state.notice = ("info", "All done: there is nothing left to skip.")
        return
    state["index"] += 1


def _previous(state: Any, store_path: Path) -> None:
    if state["index"] <= 0:
        state.notice = ("info", "This is the first video.")
        return
    state["index"] = min(state["index"], len(state["items"])) - 1


def _undo(state: Any, store_path: Path) -> None:
    if not state["saved"]:
        state.notice = ("info", "Nothing to undo yet.")
        return
    saved: SavedLabel = state["saved"].pop()
    undo(store_path, saved)
    if saved.previous is None:
        state["done"].pop(saved.video_id, None)
    else:
        state["done"][saved.video_id] = saved.previous.value
    state["index"] = min(saved.index, len(state["items"]))
    state.notice = ("info", f"Undone: {'Interest' if saved.value else 'Uninterest'} for {md_text(saved.title)}")


def _reload(state: Any, store_path: Path) -> None:
    _load(state, store_path)
    state.notice = ("info", f"Loaded {len(state['items'])} videos; resuming at the first unlabelled one.")


ACTIONS = {
    "interest": lambda state, path: _answer(state, path, 1),
    "uninterest": lambda state, path: _answer(state, path, 0),
    "skip": _skip,
    "previous": _previous,
    "undo": _undo,
    "load": _reload,
}


def _sidebar(st: Any, state: Any, store_path: Path) -> None:
    items, done = state["items"], state["done"]
    with st.sidebar:
        st.header("Progress")
        n_done = sum(1 for item in items if item.video_id in done)
        position = min(state["index"] + 1, len(items))
        st.metric("Video", f"{position} / {len(items)}")
        st.metric("Labelled", f"{n_done} / {len(items)}")
        st.progress(n_done / len(items) if items else 0.0)
        if state["saved"]:
            last = state["saved"][-1]
            st.markdown(f"Last saved: **{md_text(last.title)}** → {'Interest' if last.value else 'Uninterest'}")
        else:
            st.markdown("Last saved: nothing yet")
        st.caption(f"Store: {md_text(str(store_path))}")
