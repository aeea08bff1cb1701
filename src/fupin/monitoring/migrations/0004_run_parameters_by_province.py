"""Runs record the parameters per province (ADR 0049); earlier runs of one province get
theirs from ``province`` and ``parameters``."""

from django.db import migrations, models


def one_province(apps, schema_editor):
    MonitoringRun = apps.get_model("monitoring", "MonitoringRun")
    for run in MonitoringRun.objects.exclude(province="").only("province", "parameters"):
        run.province_parameters = {run.province: run.parameters}
        run.save(update_fields=["province_parameters"])


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0003_measures_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="monitoringrun",
            name="province_parameters",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(one_province, migrations.RunPython.noop),
    ]
