"""``fupin workflows escalate``: tell the level above about overdue items (run it from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from fupin.core import workflow


class Command(BaseCommand):
    help = ("Workflows. `escalate` sends one notice per overdue item to the level above "
            "(idempotent: run it as often as you like, e.g. hourly from cron); `list` names "
            "the registered workflows and their states.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["escalate", "list"])

    def handle(self, *args, **opts):
        if opts["action"] == "escalate":
            sent = workflow.escalate_overdue()
            self.stdout.write(f"escalation notices sent: {sent}")
            return
        for name, wf in sorted(workflow.REGISTRY.items()):
            self.stdout.write(f"{name}: levels {', '.join(wf.levels)}; states "
                              f"{', '.join(wf.states)}")
