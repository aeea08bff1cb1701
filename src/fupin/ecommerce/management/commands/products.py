"""``fupin products expire``: listed products whose validity has ended become expired (run it
daily from cron, next to ``fupin workflows escalate``)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from fupin.ecommerce.services import products


class Command(BaseCommand):
    help = ("Poverty-alleviation products. `expire` marks listed products whose validity "
            "ended before today as expired (idempotent; run it daily).")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["expire"])

    def handle(self, *args, **opts):
        self.stdout.write(f"products expired: {products.expire_lapsed()}")
