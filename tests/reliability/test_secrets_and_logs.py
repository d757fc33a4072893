"""Secrets and exposure: the OAuth token and the web storage secret are owner-only files (0600) in an
owner-only folder (0700) under VRDNDI_HOME/secrets, outside the repository; at INFO no log line carries
a window title, a video title or the token, whatever ran (AW export and Takeout ingest, a YouTube ingest
through the token's authorised HTTP, predict, web feedback, the ``vrdndi`` command).

(Loopback-only serving: ``tests/apps/test_web_security.py``; titles rendered as text: ``tests/apps/test_web.py`` and
``tests/apps/test_web_browser.py``.)"""

from __future__ import annotations

import json
import logging
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

from vrdndi.store import INTEREST, Label, Store

from .support import recent_videos, settings, write_aw_export

ROOT = Path(__file__).resolve().parents[2]
AW_TITLE = "SECRET-TITLE-123"
TAKEOUT_TITLE = "SECRET-WATCHED-456"
API_TITLE = "SECRET-API-TITLE-789"
TOKEN = "ya29.SECRET-ACCESS-TOKEN-abc"
REFRESH = "1//SECRET-REFRESH-TOKEN-def"
CLIENT_SECRET = "GOCSPX-SECRET-CLIENT-ghi"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _credentials():
    from google.oauth2.credentials import Credentials

    expiry = (datetime.now(timezone.utc) + timedelta(hours=1)).replace(tzinfo=None)  # google-auth: naive UTC
    return Credentials(token=TOKEN, refresh_token=REFRESH, client_id="id.apps.googleusercontent.com",
                       client_secret=CLIENT_SECRET, token_uri="https://oauth2.googleapis.com/token",
                       scopes=["https://www.googleapis.com/auth/youtube.readonly"], expiry=expiry)


def test_token_and_storage_secret_are_owner_only_outside_the_repo(vrdndi_home):
    from vrdndi.apps import web_security
    from vrdndi.sources import youtube

    cfg = settings(vrdndi_home)
    token = Path(cfg.sources.youtube.token)
    assert not token.parent.exists()  # the token is the first thing written there
    youtube.save_credentials(_credentials(), token)
    secret_file = Path(cfg.paths.secrets) / web_security.SECRET_FILE
    web_security.storage_secret(cfg.paths.secrets)
    secrets_dir = vrdndi_home.resolve() / "secrets"
    for path in (token, secret_file):
        assert path.resolve().parent == secrets_dir
        assert ROOT not in path.resolve().parents
        assert _mode(path) == 0o600, f"{path}: {oct(_mode(path))}"
    assert _mode(secrets_dir) == 0o700, oct(_mode(secrets_dir))
    assert json.loads(token.read_text())["token"] == TOKEN
    assert youtube.load_credentials(token).token == TOKEN  # the cached token is what the client uses
    assert not list(secrets_dir.glob("*.tmp"))


def test_no_title_or_token_in_logs_at_info(vrdndi_home, tmp_path, caplog, capsys):
    from googleapiclient.http import HttpMockSequence
    from google_auth_httplib2 import AuthorizedHttp

    from vrdndi.apps.feedback import save_feedback
    from vrdndi.apps.labeler import save_interest
    from vrdndi.cli import main
    from vrdndi.inference import refresh_feed
    from vrdndi.sources import takeout, youtube

    from ..sources.test_takeout import entry
    from ..sources.test_youtube import page, video_resource

    caplog.set_level(logging.INFO)  # every logger, as `vrdndi` (INFO by default) shows them
    cfg = settings(vrdndi_home)
    store_path = Path(cfg.paths.store)
    youtube.save_credentials(_credentials(), cfg.sources.youtube.token)

    export = write_aw_export(tmp_path / "aw.json", "laptop", 5, title=AW_TITLE)
    assert main(["ingest", "aw", str(export)]) == 0
    history = tmp_path / "watch-history.json"
    history.write_text(json.dumps([entry("secretvid01", TAKEOUT_TITLE, "2024-05-01T12:00:00Z")]))
    assert main(["ingest", "takeout", str(history), "--no-details"]) == 0
    with Store(store_path) as store:
        takeout.ingest(store, history)  # the library path too
        assert {e.title.split()[0] for e in store.all_events()} == {AW_TITLE}
        assert store.video("secretvid01").title == TAKEOUT_TITLE

    # a YouTube ingest whose requests carry the cached token (the mock answers instead of Google)
    liked = video_resource("secretapi01", API_TITLE)
    empty = page("youtube#videoListResponse", [])
    responses = [({"status": "200"}, json.dumps(page("youtube#videoListResponse", [liked])))]
    responses += [({"status": "200"}, json.dumps(empty))] * 8
    http = AuthorizedHttp(youtube.load_credentials(cfg.sources.youtube.token), http=HttpMockSequence(responses))
    client = youtube.YouTubeClient(youtube.build_service(http=http), sleep=lambda s: None)
    with Store(store_path) as store:
        youtube.ingest(store, client)
        assert store.video("secretapi01").title == API_TITLE

    with Store(store_path) as store:
        store.upsert_videos(recent_videos(6))
        store.add_labels([Label("rel00000001", INTEREST, 1, "like")])
    save_interest(store_path, "secretvid01", 1)
    save_feedback(store_path, "secretapi01", "correct_timing", "2024-05-01T12:00:00.000000+00:00")
    run = refresh_feed(cfg)
    assert run.n_items > 0

    logged = "\n".join(f"{r.name} {r.levelname} {r.getMessage()}" for r in caplog.records)
    printed = capsys.readouterr()
    assert "feed written" in logged and "candidates:" in logged  # INFO lines were captured
    for secret in (AW_TITLE, TAKEOUT_TITLE, API_TITLE, TOKEN, REFRESH, CLIENT_SECRET):
        assert secret not in logged, f"{secret} appears in the INFO logs"
        assert secret not in printed.out + printed.err, f"{secret} appears in the command output"
