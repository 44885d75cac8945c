from django.utils.functional import SimpleLazyObject

from events.selectors import current_conference, organiser_groups, starred_session_ids

from .i18n import language_links
from .navigation import navigation


def site(request):
    """What every page's header and footer show: sections, languages, the current edition."""
    conference = current_conference()
    return {
        "conference": conference,
        "organiser_groups": organiser_groups(conference) if conference else [],
        "navigation": navigation(request.path),
        "language_links": language_links(request),
        # Lazy: only pages that show stars (or the agenda link's count) pay its one query.
        "starred_sessions": SimpleLazyObject(lambda: starred_session_ids(request)),
    }
