from django.db import transaction

from .models import Conference


@transaction.atomic
def conference_make_current(*, conference):
    """Make this edition the one the public site shows, retiring the one shown before."""
    for previous in Conference.objects.current().exclude(pk=conference.pk).select_for_update():
        previous.is_current = False
        previous.save(update_fields=["is_current", "updated"])
    conference.is_current = True
    conference.full_clean()
    conference.save(update_fields=["is_current", "updated"])
    return conference
