"""Tokens expire. Tokens issued before this migration expire 90 days after it runs (a one-off
column default: no row is rewritten)."""

import datetime as dt

from django.db import migrations, models


def _ninety_days_from_now():
    return dt.datetime.now(dt.UTC) + dt.timedelta(days=90)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(default=_ninety_days_from_now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="prefix",
            field=models.CharField(db_index=True, max_length=12),
        ),
    ]
