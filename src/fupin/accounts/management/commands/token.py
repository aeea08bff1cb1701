from django.core.management.base import BaseCommand, CommandError

from fupin.accounts.models import User
from fupin.accounts.services import issue_token


class Command(BaseCommand):
    help = "Issue an API token for USERNAME; it is printed once and stored only as a hash."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, *args, **opts):
        user = User.objects.filter(username=opts["username"]).first()
        if user is None:
            raise CommandError(f"no user {opts['username']!r}")
        self.stdout.write(issue_token(actor="system:cli", user=user, name=opts["name"]))
