from django.db import transaction
from django.utils import timezone

from .models import Conference, Session


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


@transaction.atomic
def session_set_status(*, sessions, status):
    """Publish, unpublish (back to draft) or cancel sessions; returns how many changed."""
    return (
        Session.objects.filter(pk__in=[session.pk for session in sessions])
        .exclude(status=status)
        .update(status=status, updated=timezone.now())
    )
