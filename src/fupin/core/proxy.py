"""The client's address behind the documented reverse proxy (docs/operations.md).

A forwarded address is believed only from ``FUPIN_TRUSTED_PROXY``: anyone else could write any
X-Forwarded-For and so escape the login throttle or lock out another address. Under
``fupin serve`` waitress has already replaced ``REMOTE_ADDR`` with the forwarded address (it
was given the same proxy); under another WSGI server ``REMOTE_ADDR`` is the proxy and the
address is taken here.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the request came from: the peer, or what the trusted proxy forwarded."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    proxy = settings.FUPIN_TRUSTED_PROXY
    if not proxy or peer != proxy:
        return peer
    forwarded = [part.strip() for part in
                 request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return peer
    # Each trusted proxy appends the address it saw; the client is the n-th from the right.
    count = max(1, settings.FUPIN_TRUSTED_PROXY_COUNT)
    return forwarded[max(0, len(forwarded) - count)]
