from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from common import pagecache
from common.sorting import keep_sort_key

from .models import (
    Conference,
    ConferenceOrganisation,
    Organisation,
    Room,
    Session,
    SessionChange,
    SessionKind,
    SessionLanguage,
    SessionSpeaker,
    Speaker,
    SpeakerLink,
    Track,
)
from .prebuild import exports_changed
from .selectors import CURRENT_CONFERENCE_CACHE_KEY


def forget_current_conference(**kwargs):
    cache.delete(CURRENT_CONFERENCE_CACHE_KEY)


def connect():
    """Every page shows the current edition from the cache; any change to it drops the entry."""
    for model in (Conference, ConferenceOrganisation, Organisation):
        post_save.connect(forget_current_conference, sender=model)
        post_delete.connect(forget_current_conference, sender=model)
    # Every shared page shows the edition (its name, dates, organisers); the agenda is personal
    # and on no shared page.
    keep_sort_key(Speaker, source="name_zh_hans", target="name_sort")
    pagecache.watch("edition", [Conference, ConferenceOrganisation, Organisation])
    pagecache.watch(
        "programme",
        [
            Room,
            Track,
            SessionKind,
            Speaker,
            SpeakerLink,
            Session,
            SessionSpeaker,
            SessionLanguage,
            SessionChange,
        ],
    )
    # The exports are built by a job after a change, not in a visitor's request.
    pagecache.after_change("programme", exports_changed)
    pagecache.after_change("edition", exports_changed)
