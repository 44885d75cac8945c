import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Session kinds belong to an edition (step 1 of 3: the link, empty for now; slugs no longer
    unique across editions, so that each can have its copy)."""

    dependencies = [("events", "0009_programme_import_fields")]

    operations = [
        migrations.AddField(
            model_name="sessionkind",
            name="conference",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="session_kinds",
                to="events.conference",
                verbose_name="conference edition",
            ),
        ),
        migrations.AlterField(
            model_name="sessionkind",
            name="slug",
            field=models.SlugField(verbose_name="slug"),
        ),
    ]
