from __future__ import annotations

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from fupin.accounts.choices import Role
from fupin.accounts.services import create_user
from fupin.core.errors import ValidationFailed


class Command(BaseCommand):
    help = ("Create a user with one role bound to one division. The password comes from "
            "FUPIN_PASSWORD or a prompt; --no-password makes an API-only user.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--division", required=True, help="division code (2–12 digits)")
        parser.add_argument("--name", default="", help="full name")
        parser.add_argument("--no-password", action="store_true")

    def handle(self, *args, **opts):
        password = None
        if not opts["no_password"]:
            password = os.environ.get("FUPIN_PASSWORD") or getpass.getpass("Password: ")
        try:
            user = create_user(actor="system:cli", username=opts["username"], role=opts["role"],
                               division_code=opts["division"], password=password,
                               full_name=opts["name"])
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"created {user.username} ({user.role}) bound to {user.division.code} "
            f"{user.division.name}"))
