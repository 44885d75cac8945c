from django.db import migrations

COPIED = ["name", "name_zh_hans", "name_en", "slug", "order"]


def forwards(apps, schema_editor):
    """Step 2 of 3: every edition gets its own copy of every kind there was (the list stays what
    organisers knew), and its sessions point at its copies. Without editions, the shared kinds
    go: an edition gets the usual ones when it is created."""
    SessionKind = apps.get_model("events", "SessionKind")
    Session = apps.get_model("events", "Session")
    conferences = list(apps.get_model("events", "Conference").objects.order_by("pk"))
    for kind in SessionKind.objects.filter(conference__isnull=True):
        if not conferences:
            kind.delete()
            continue
        for conference in conferences[1:]:
            copy = SessionKind.objects.create(
                conference=conference, **{field: getattr(kind, field) for field in COPIED}
            )
            Session.objects.filter(conference=conference, kind=kind).update(kind=copy)
        kind.conference = conferences[0]
        kind.save(update_fields=["conference"])


def backwards(apps, schema_editor):
    """One shared kind per slug again (the first edition's), sessions pointed at it."""
    SessionKind = apps.get_model("events", "SessionKind")
    Session = apps.get_model("events", "Session")
    kept = {}
    for kind in SessionKind.objects.order_by("conference_id", "pk"):
        if kind.slug in kept:
            Session.objects.filter(kind=kind).update(kind=kept[kind.slug])
            kind.delete()
        else:
            kept[kind.slug] = kind
            kind.conference = None
            kind.save(update_fields=["conference"])


class Migration(migrations.Migration):
    dependencies = [("events", "0010_sessionkind_conference")]

    operations = [migrations.RunPython(forwards, backwards)]
