import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Step 3 of 3: every kind has its edition; slugs are unique within an edition."""

    dependencies = [("events", "0011_session_kinds_per_edition")]

    operations = [
        migrations.AlterField(
            model_name="sessionkind",
            name="conference",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="session_kinds",
                to="events.conference",
                verbose_name="conference edition",
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionkind",
            constraint=models.UniqueConstraint(
                fields=("conference", "slug"),
                name="events_sessionkind_unique_slug",
                violation_error_message="This edition already has a session kind with this slug.",
            ),
        ),
    ]
