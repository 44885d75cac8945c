from django.core.cache import cache
from django.db.models import Prefetch

from .enums import OrganiserRole
from .models import Conference, ConferenceOrganisation

CURRENT_CONFERENCE_CACHE_KEY = "events:current-conference"
# Changes invalidate the entry at once (signals.py); the timeout only bounds a missed one.
CURRENT_CONFERENCE_CACHE_SECONDS = 60 * 60


def current_conference():
    """The edition the public site shows, with its organising bodies, or None; cached."""
    conference = cache.get(CURRENT_CONFERENCE_CACHE_KEY)
    if conference is None:
        conference = (
            Conference.objects.current()
            .prefetch_related(
                Prefetch(
                    "organising_bodies",
                    queryset=ConferenceOrganisation.objects.select_related("organisation"),
                )
            )
            .first()
        )
        if conference is not None:
            cache.set(CURRENT_CONFERENCE_CACHE_KEY, conference, CURRENT_CONFERENCE_CACHE_SECONDS)
    return conference


def organiser_groups(conference):
    """The edition's organising bodies grouped by role, hosts first: [(role, [organisation])]."""
    groups = {}
    for body in conference.organising_bodies.all():
        groups.setdefault(OrganiserRole(body.role), []).append(body.organisation)
    return [(role, groups[role]) for role in OrganiserRole if role in groups]
