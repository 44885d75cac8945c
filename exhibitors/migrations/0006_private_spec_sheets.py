from django.core.files.storage import default_storage
from django.db import migrations, models

import common.storage


def move_to_private_storage(apps, schema_editor):
    """Spec sheets uploaded before lived with the public media: move each to the private store
    (the name stays, so the row needs no change)."""
    Equipment = apps.get_model("exhibitors", "Equipment")
    private = common.storage.private_storage()
    for name in Equipment.objects.exclude(spec_sheet="").values_list("spec_sheet", flat=True).iterator():
        if private.exists(name) or not default_storage.exists(name):
            continue
        with default_storage.open(name) as source:
            private.save(name, source)
        default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0005_name_sort_keys"),
    ]

    operations = [
        migrations.AlterField(
            model_name="equipment",
            name="spec_sheet",
            field=models.FileField(
                blank=True,
                storage=common.storage.private_storage,
                upload_to="equipment/specs/",
                verbose_name="spec sheet (PDF)",
            ),
        ),
        migrations.RunPython(move_to_private_storage, migrations.RunPython.noop),
    ]
