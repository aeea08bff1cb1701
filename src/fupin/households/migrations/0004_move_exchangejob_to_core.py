"""ExchangeJob moves to core (the exchange is a platform service, ADR 0021).

The table is renamed, not copied, so existing jobs keep their ids; core's migration
``0003_exchangejob`` takes the model over in Django's state.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('households', '0003_input_limits_and_two_character_masks'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='exchangejob', table='core_exchangejob'),
            ],
            state_operations=[
                migrations.DeleteModel(name='ExchangeJob'),
            ],
        ),
    ]
