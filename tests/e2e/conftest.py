"""The end-to-end tests run against the same real aw-server as the sources tests (one per session)."""

from tests.sources.conftest import _aw_client_home, aw_home, aw_server, aw_url  # noqa: F401  (fixtures)
