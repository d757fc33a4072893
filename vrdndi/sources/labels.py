"""Labels CSV: ``video_id,kind,value,moment,source[,labelled_at]`` (header required, UTF-8).

- ``kind``: ``interest`` | ``productive``; ``value``: ``1`` | ``0``
- ``moment``, ``labelled_at``: ISO-8601 with an offset (``Z`` or ``+HH:MM``), or empty when unknown
- ``source``: who gave the label (like, dislike, labeler, web, import...); empty means ``import``
- ``feed_moment`` (optional): for web feedback, the moment of the feed it was clicked on

A label dated after now (``moment`` or ``labelled_at`` more than ``FUTURE_TOLERANCE`` ahead of the
clock) is refused in one line naming the record: it would become the whole validation set. Labels for
videos the store does not know are kept and counted in the report (they train once the video is in).

Also accepted, the original Vrdndi CSVs (labeller / training data): a ``videoId`` column with an
``interest`` column (0/1) gives interest labels; a ``productive`` column (0/1) gives productive labels
whose moment comes from a ``moment``, ``timestamp`` or ``time`` column when there is one. Other columns
(title, youtuber, duration...) are ignored; empty label cells are skipped. Their source is ``vrdndi``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from vrdndi.errors import BadInputError
from vrdndi.sources import IngestReport, read_text
from vrdndi.store.schema import INTEREST, LABEL_KINDS, PRODUCTIVE, Label
from vrdndi.timeutil import TimeParseError, iso, now_utc, to_iso

COLUMNS = ["video_id", "kind", "value", "moment", "source", "labelled_at", "feed_moment"]
FUTURE_TOLERANCE = timedelta(minutes=10)  # clocks of two machines differ a little; a date in 2099 does not
REQUIRED = ["video_id", "kind", "value", "moment", "source"]
ORIGINAL_SOURCE = "vrdndi"
MOMENT_COLUMNS = ("moment", "timestamp", "time")


def _time(value: str, name: str, record: int, column: str, latest: str | None = None) -> str:
    """An ISO time cell -> canonical UTC ('' when empty); after ``latest`` (UTC ISO) is refused."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        out = to_iso(value)
    except TimeParseError as exc:
        raise BadInputError(name, record, f"{column}: {exc}") from exc
    if latest is not None and out > latest:
        raise BadInputError(name, record, f"{column} {value} is in the future (after now, {latest[:19]}Z); "
                                          "a label can only be about the past: fix the date or drop the row")
    return out


def _value(value: str, name: str, record: int, column: str) -> int:
    text = (value or "").strip()
    try:
        number = float(text)
    except ValueError:
        number = None
    if number not in (0.0, 1.0):
        raise BadInputError(name, record, f"{column} must be 0 or 1, not {value!r}")
    return int(number)


def parse(text: str, name: str, *, now: datetime | None = None) -> list[Label]:
    """CSV text -> labels (ours or the original Vrdndi shape). Record numbers count data rows from 1.
    A moment or labelled_at after ``now`` (default: the clock) + ``FUTURE_TOLERANCE`` is refused."""
    latest = iso((now or now_utc()) + FUTURE_TOLERANCE)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    if not header:
        raise BadInputError(name, None, f"empty file; expected a header: {','.join(COLUMNS)}")
    labels: list[Label] = []
    try:
        if all(c in header for c in REQUIRED):
            for number, row in enumerate(reader, start=1):
                if None in row or any(row.get(c) is None for c in REQUIRED):
                    raise BadInputError(name, number, f"expected {len(header)} fields")
                video_id = row["video_id"].strip()
                if not video_id:
                    raise BadInputError(name, number, "video_id is empty")
                kind = row["kind"].strip()
                if kind not in LABEL_KINDS:
                    raise BadInputError(name, number, f"kind must be one of {', '.join(LABEL_KINDS)}, not {kind!r}")
                labels.append(Label(video_id=video_id, kind=kind, value=_value(row["value"], name, number, "value"),
                                    source=row["source"].strip() or "import",
                                    moment=_time(row["moment"], name, number, "moment", latest),
                                    labelled_at=_time(row.get("labelled_at") or "", name, number, "labelled_at",
                                                      latest),
                                    feed_moment=_time(row.get("feed_moment") or "", name, number, "feed_moment",
                                                      latest)))
        elif "videoId" in header and ("interest" in header or "productive" in header):
            moment_col = next((c for c in MOMENT_COLUMNS if c in header), None)
            for number, row in enumerate(reader, start=1):
                if None in row:
                    raise BadInputError(name, number, f"expected {len(header)} fields")
                video_id = (row.get("videoId") or "").strip()
                if not video_id:
                    raise BadInputError(name, number, "videoId is empty")
                if (row.get("interest") or "").strip():
                    labels.append(Label(video_id=video_id, kind=INTEREST, source=ORIGINAL_SOURCE,
                                        value=_value(row["interest"], name, number, "interest")))
                if (row.get("productive") or "").strip():
                    moment = _time(row.get(moment_col) or "", name, number, moment_col, latest) if moment_col else ""
                    labels.append(Label(video_id=video_id, kind=PRODUCTIVE, source=ORIGINAL_SOURCE, moment=moment,
                                        value=_value(row["productive"], name, number, "productive")))
        else:
            raise BadInputError(name, None, f"unknown columns {header}; expected {','.join(COLUMNS)} "
                                            "(or the original Vrdndi videoId + interest columns)")
    except csv.Error as exc:
        raise BadInputError(name, reader.line_num, f"not valid CSV ({exc})") from exc
    # the same key twice: the last row wins, as it would in a spreadsheet
    unique = {(l.video_id, l.kind, l.source, l.moment): l for l in labels}
    return list(unique.values())


def load(path: str | Path) -> list[Label]:
    return parse(read_text(path), str(path))


def import_labels(store, path: str | Path) -> IngestReport:
    """``vrdndi import labels FILE``: parse every row first, then write in one transaction."""
    labels = load(path)
    report = IngestReport(source=f"labels {Path(path).name}", read=len(labels))
    with store.transaction():
        report.written["labels"] = store.add_labels(labels)
        note = unknown_videos_note(store, labels)
    if note:
        report.notes.append(note)
    return report


def unknown_videos_note(store, labels: Iterable[Label]) -> str:
    """'' or a line counting the labels whose video the store does not know (kept, but nothing to train on
    until the video is ingested)."""
    labels = list(labels)
    known = {v.video_id for v in store.videos({label.video_id for label in labels}, status=None)}
    unknown = [label for label in labels if label.video_id not in known]
    if not unknown:
        return ""
    n_videos = len({label.video_id for label in unknown})
    return (f"{len(unknown)} labels name {n_videos} videos the store does not know (kept; they train once "
            "the videos are ingested: vrdndi ingest youtube / takeout, or vrdndi import videos)")


def to_csv(labels: list[Label]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for l in labels:
        writer.writerow([l.video_id, l.kind, l.value, l.moment, l.source, l.labelled_at, l.feed_moment])
    return out.getvalue()


def export_labels(store, path: str | Path) -> int:
    labels = store.labels()
    Path(path).write_text(to_csv(labels), encoding="utf-8", newline="")
    return len(labels)
