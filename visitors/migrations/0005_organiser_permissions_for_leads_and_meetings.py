from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # As in 0002: the Organiser group runs the visitors' part of the back office, now with the
    # leads and meeting requests that came after it.
    group, _ = Group.objects.get_or_create(name="Organiser")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="visitors", content_type__model__in=["lead", "meeting"]
        )
    )


def backwards(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Organiser").first()
    if group:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="visitors", content_type__model__in=["lead", "meeting"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("visitors", "0004_follows_and_meetings"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
