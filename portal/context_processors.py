from events.selectors import current_conference, organiser_groups

from .i18n import language_links
from .navigation import navigation


def site(request):
    """What every page's header and footer show: sections, languages, the current edition.
    Nothing of the visitor's: pages are shared (common.pagecache), and the script fills in the
    stars and the agenda count."""
    conference = current_conference()
    return {
        "conference": conference,
        "organiser_groups": organiser_groups(conference) if conference else [],
        "navigation": navigation(request.path),
        "language_links": language_links(request),
    }
