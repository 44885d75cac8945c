from django.contrib.auth.management import create_permissions
from django.db import migrations

# Organisers read the change log and may delete a line; the log itself is written by services.
CODENAMES = ["view_sessionchange", "delete_sessionchange"]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Organiser")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="events", codename__in=CODENAMES)
    )


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name="Organiser").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="events", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_schedule_changes_and_agendas"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
