from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Run the background worker for long jobs (imports, exports). `fupin serve` starts "
            "one; run more on other machines against the same PostgreSQL.")

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true",
                            help="run what is queued, then exit")

    def handle(self, *args, **opts):
        call_command("db_worker", queue_name="*", batch=opts["batch"], reload=False,
                     startup_delay=False, verbosity=opts["verbosity"])
