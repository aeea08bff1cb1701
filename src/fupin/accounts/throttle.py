"""Login throttling (django-axes) that cannot be reset by an attacker's own good login."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt


class LoginThrottle(AxesDatabaseHandler):
    """axes' database handler, but a successful login clears only *that username's* failures.

    axes clears every attempt matching the username **or the address**: anyone holding one
    valid account could then spray four names, log in, and spray four more from the same
    address forever. Failures against other names from that address keep counting.
    """

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
