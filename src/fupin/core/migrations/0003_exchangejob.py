"""core.ExchangeJob: the table households made (renamed by households 0004), now with the
dataset it belongs to, its stage, attempts and when its files were purged."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, schema_editor):
    """Keep permissions granted on the job (its content type moves from households to core)."""
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if ContentType.objects.filter(app_label='core', model='exchangejob').exists():
        return
    ContentType.objects.filter(app_label='households', model='exchangejob').update(
        app_label='core')


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_ledger_key'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('households', '0004_move_exchangejob_to_core'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ExchangeJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('kind', models.CharField(choices=[('import', 'Import'), ('export', 'Export')], max_length=8)),
                        ('state', models.CharField(choices=[('queued', 'Queued'), ('validating', 'Validating'), ('invalid', 'Refused: errors found'), ('validated', 'Validated: ready to commit'), ('committing', 'Importing'), ('committed', 'Imported'), ('exporting', 'Exporting'), ('exported', 'Ready to download'), ('failed', 'Failed')], default='queued', max_length=12)),
                        ('division_code', models.CharField(db_index=True, max_length=12)),
                        ('filename', models.CharField(max_length=200)),
                        ('fmt', models.CharField(max_length=8)),
                        ('folder', models.CharField(max_length=300)),
                        ('masked', models.BooleanField(default=False)),
                        ('rows', models.JSONField(blank=True, default=dict)),
                        ('counts', models.JSONField(blank=True, default=dict)),
                        ('errors', models.PositiveIntegerField(default=0)),
                        ('warnings', models.PositiveIntegerField(default=0)),
                        ('message', models.TextField(blank=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='exchange_jobs', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ('-created_at',),
                    },
                ),
            ],
        ),
        migrations.RunPython(rename_content_type, migrations.RunPython.noop),
        migrations.AddField(
            model_name='exchangejob',
            name='dataset',
            field=models.CharField(db_index=True, default='registry', max_length=40),
        ),
        migrations.AddField(
            model_name='exchangejob',
            name='stage',
            field=models.CharField(choices=[('validate', 'Validation'), ('commit', 'Commit'), ('export', 'Export')], default='validate', max_length=8),
        ),
        migrations.AddField(
            model_name='exchangejob',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='exchangejob',
            name='language',
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.AddField(
            model_name='exchangejob',
            name='purged_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
