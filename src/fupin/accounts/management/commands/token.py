"""``fupin token``: issue (``fupin token USERNAME``), list and revoke API tokens."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fupin.accounts.models import User
from fupin.accounts.services import (
    DEFAULT_TOKEN_DAYS,
    issue_token,
    list_tokens,
    revoke_token,
)
from fupin.core.errors import DomainError

USAGE = """fupin token USERNAME [--name N] [--days D]   issue a token (printed once)
       fupin token list [USERNAME]                  prefix, name, dates, state; never the secret
       fupin token revoke ID|PREFIX                 revoke a token"""


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "-"


class Command(BaseCommand):
    help = ("API tokens: `fupin token USERNAME` issues one (printed once, stored only as a "
            "hash); `fupin token list [USERNAME]`; `fupin token revoke ID|PREFIX`.")

    def add_arguments(self, parser):
        parser.add_argument("words", nargs="+", metavar="USERNAME | list [USERNAME] | revoke ID",
                            help=USAGE)
        parser.add_argument("--name", default="cli")
        parser.add_argument("--days", type=int, default=DEFAULT_TOKEN_DAYS,
                            help=f"days until the token expires (default {DEFAULT_TOKEN_DAYS})")

    def handle(self, *args, **opts):
        words = opts["words"]
        try:
            if words[0] == "list" and len(words) <= 2:
                self._list(words[1] if len(words) == 2 else None)
            elif words[0] == "revoke" and len(words) == 2:
                token = revoke_token(actor="system:cli", ident=words[1])
                self.stdout.write(f"revoked token {token.pk} ({token.prefix}…, "
                                  f"{token.user.username}, {token.name})")
            elif len(words) == 1:
                self._issue(words[0], opts["name"], opts["days"])
            else:
                raise CommandError(f"usage: {USAGE}")
        except DomainError as exc:
            raise CommandError(str(exc)) from exc

    def _issue(self, username: str, name: str, days: int) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        self.stdout.write(issue_token(actor="system:cli", user=user, name=name, days=days))

    def _list(self, username: str | None) -> None:
        header = ("id", "prefix", "user", "name", "created", "expires", "last used", "state")
        rows = [header] + [
            (str(t.pk), t.prefix + "…", t.user.username, t.name, _when(t.created_at),
             _when(t.expires_at), _when(t.last_used_at), t.state)
            for t in list_tokens(username=username)
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        for row in rows:
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
                              .rstrip())
