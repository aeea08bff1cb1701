"""The keyed ledger (ADR 0015): existing records keep their keyless SHA-256 (``scheme``);
the head is signed with FUPIN_LEDGER_KEY when the key is configured while migrating."""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models


def sign_head(apps, schema_editor):
    key = getattr(settings, "FUPIN_LEDGER_KEY", None)
    if not key:
        return  # `fupin audit anchor` signs it once the key is set
    Head = apps.get_model("core", "AuditChainHead")
    for head in Head.objects.all():
        message = f"fupin-ledger-head:{head.seq}:{head.hash}".encode()
        head.mac = hmac.new(key.encode(), message, hashlib.sha256).hexdigest()
        head.save(update_fields=["mac"])


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditrecord",
            name="scheme",
            field=models.CharField(default="sha256", max_length=16),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="mac",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(sign_head, migrations.RunPython.noop),
    ]
