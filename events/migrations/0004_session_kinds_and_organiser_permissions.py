from django.contrib.auth.management import create_permissions
from django.db import migrations

# The kinds every edition starts with (a frozen copy of events.enums.DEFAULT_SESSION_KINDS);
# organisers add more in the admin.
KINDS = [
    ("ceremony", "仪式", "Ceremony"),
    ("keynote", "主旨报告", "Keynote"),
    ("forum", "论坛", "Forum"),
    ("panel", "圆桌对话", "Panel"),
    ("workshop", "研讨", "Workshop"),
    ("launch", "发布", "Launch"),
    ("break", "休息", "Break"),
]
PROGRAMME_MODELS = ["room", "track", "sessionkind", "session", "sessionspeaker", "speaker", "speakerlink"]


def forwards(apps, schema_editor):
    SessionKind = apps.get_model("events", "SessionKind")
    for order, (slug, name_zh, name_en) in enumerate(KINDS, start=1):
        SessionKind.objects.get_or_create(
            slug=slug, defaults={"name": name_zh, "name_zh_hans": name_zh, "name_en": name_en, "order": order}
        )

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Organiser")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="events", content_type__model__in=PROGRAMME_MODELS)
    )


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name="Organiser").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="events", content_type__model__in=PROGRAMME_MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_programme"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
