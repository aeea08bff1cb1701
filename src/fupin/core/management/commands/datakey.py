from django.core.management.base import BaseCommand

from fupin.core.crypto import generate_key


class Command(BaseCommand):
    help = "Print a new Fernet key for FUPIN_DATA_KEY (keep it secret, keep a backup)."

    def handle(self, *args, **opts):
        self.stdout.write(generate_key())
