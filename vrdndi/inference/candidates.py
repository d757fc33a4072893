"""What to score: the recent uploads for a moment (the feed), or the rows of a candidates CSV
(offline evaluation), and writing those scores back out as CSV."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from vrdndi.errors import BadInputError, VrdndiError
from vrdndi.store import Store, Video
from vrdndi.timeutil import TimeParseError, iso, parse_time

OUT_COLUMNS = ("video_id", "moment", "p_interest", "p_productive", "score")


@dataclass(frozen=True)
class CandidatePool:
    videos: list[Video]  # in video_id order
    since: str  # UTC ISO: published on or after
    n_seen_excluded: int
    n_shorts_excluded: int = 0


def moment_of(at: str | None) -> str:
    """``predict.at`` (ISO-8601 with offset; naive rejected) or now -> canonical UTC ISO."""
    if at is None or str(at).strip() == "":
        from vrdndi.timeutil import now_utc

        return iso(now_utc())
    try:
        return iso(parse_time(str(at)))
    except TimeParseError as exc:
        raise VrdndiError(f"predict.at={at}: {exc}") from exc


def recent_uploads(store: Store, moment: str, *, days: float, include_seen: bool,
                   include_shorts: bool = False) -> CandidatePool:
    """Videos (status ok) published in the ``days`` before ``moment`` and not after it, without those
    already watched or labelled unless ``include_seen``, and without Shorts unless ``include_shorts``
    (``feed.include_shorts``)."""
    if days <= 0:
        raise VrdndiError(f"predict.days={days}: must be more than 0")
    since = iso(parse_time(moment) - timedelta(days=float(days)))
    videos = [v for v in store.videos(published_since=since, status="ok") if v.published_at <= moment]
    n_seen = 0
    if not include_seen:
        seen = store.seen_video_ids()
        kept = [v for v in videos if v.video_id not in seen]
        n_seen = len(videos) - len(kept)
        videos = kept
    n_shorts = 0
    if not include_shorts:
        kept = [v for v in videos if not v.is_short]
        n_shorts = len(videos) - len(kept)
        videos = kept
    return CandidatePool(videos=videos, since=since, n_seen_excluded=n_seen, n_shorts_excluded=n_shorts)


@dataclass(frozen=True)
class CandidateRow:
    line: int
    video: Video
    moment: str


def read_candidates_csv(path: str | Path, store: Store, *, default_moment: str) -> list[CandidateRow]:
    """Rows of ``video_id[,moment]`` (header required). Every row is checked before anything is scored:
    an empty id, a naive or unparsable moment, or a video not in the store is one ``BadInputError``
    naming the file and line."""
    path = Path(path).expanduser()
    source = str(path)
    if not path.is_file():
        raise BadInputError(source, None, "file not found (predict.candidates expects a CSV with a "
                                          "video_id column and an optional moment column)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInputError(source, None, f"not UTF-8 text (byte {exc.start}); save the CSV as UTF-8") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    raw: list[tuple[int, str, str]] = []
    try:  # the header row is read here too: a NUL or a bad quote there is a csv.Error as well
        header = [h.strip() for h in (reader.fieldnames or [])]
        if "video_id" not in header:
            raise BadInputError(source, "line 1", f"no video_id column (header: {','.join(header) or 'empty'})")
        reader.fieldnames = header
        for row in reader:
            if None in row:
                raise BadInputError(source, f"line {reader.line_num}", "more fields than the header has")
            video_id = (row.get("video_id") or "").strip()
            moment_text = (row.get("moment") or "").strip()
            if not video_id and not moment_text and not any((v or "").strip() for v in row.values()):
                continue  # a blank line
            raw.append((reader.line_num, video_id, moment_text))
    except csv.Error as exc:
        raise BadInputError(source, f"line {reader.line_num}", f"not valid CSV ({exc})") from exc
    videos = {v.video_id: v for v in store.videos([r[1] for r in raw if r[1]], status=None)}
    rows = []
    for line, video_id, moment_text in raw:
        where = f"line {line}"
        if not video_id:
            raise BadInputError(source, where, "empty video_id")
        if moment_text:
            try:
                moment = iso(parse_time(moment_text))
            except TimeParseError as exc:
                raise BadInputError(source, where, f"moment {moment_text!r}: {exc}") from exc
        else:
            moment = default_moment
        video = videos.get(video_id)
        if video is None:
            raise BadInputError(source, where, f"video {video_id} is not in the store; ingest it first "
                                               "(vrdndi ingest) or remove the row")
        rows.append(CandidateRow(line=line, video=video, moment=moment))
    return rows


def write_scores_csv(path: str | Path, rows: Sequence[CandidateRow], p_interest: Sequence[float | None],
                     p_productive: Sequence[float | None], score: Sequence[float]) -> Path:
    """Write ``video_id, moment, p_interest, p_productive, score`` in input order, atomically (a
    half-written file never replaces a good one)."""
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(OUT_COLUMNS)
            for row, pi, pp, s in zip(rows, p_interest, p_productive, score, strict=True):
                writer.writerow([row.video.video_id, row.moment, _num(pi), _num(pp), _num(s)])
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _num(value: float | None) -> str:
    return "" if value is None else f"{float(value):.6f}"
