"""What keeps the feed website to its owner (``vrdndi.apps.web`` calls these before it starts).

- It binds to a loopback address unless ``web.allow_remote=true`` (the site has no login), and a
  wildcard address only with the names it is reached by (``web.allowed_hosts``).
- Every request's ``Host:`` must be one of those names (Starlette's ``TrustedHostMiddleware``: a
  DNS-rebinding guard), socket.io accepts the page's own origin only, and every response carries a
  content security policy, no framing and no sniffing (``SecurityHeaders``).
- The browser-session secret is generated once and kept owner-only in the secrets folder.
"""

from __future__ import annotations

import ipaddress
import secrets
from pathlib import Path
from typing import Any

from nicegui import app

from vrdndi import paths
from vrdndi.errors import VrdndiError

SECRET_FILE = "web_storage_secret"
SESSION_COOKIE = "session"  # Starlette's SessionMiddleware cookie, which NiceGUI's user storage keys on
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# The page's own scripts and styles (NiceGUI/Vue compile templates in the page: 'unsafe-eval'), images from
# the site itself only, the player from youtube-nocookie, and never framed by another site.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",  # thumbnails come from the site's own cache (/thumb/ID), never from another host
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


class WebConfigError(VrdndiError):
    pass


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


def check_wildcard(host: str, extra_hosts: list[str] | tuple[str, ...]) -> None:
    """A wildcard ``web.host`` answers on every address: only with the names it is reached by."""
    if host.strip("[]") in ("0.0.0.0", "::") and not extra_hosts:
        raise WebConfigError(f"web.host={host} answers on every address: list the names or addresses the site is "
                             "reached by in web.allowed_hosts (e.g. 'web.allowed_hosts=[192.168.1.5,mypc.local]'); "
                             "other Host: headers are refused (a DNS-rebinding guard)")
