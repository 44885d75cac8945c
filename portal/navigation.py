from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The site's main sections, in the order of the header.
SECTIONS = [
    (_("Programme"), "events:schedule"),
    (_("Speakers"), "events:speaker_list"),
    (_("Exhibitors"), "exhibitors:exhibitor_list"),
    (_("Equipment"), "exhibitors:equipment_list"),
    (_("Floor plan"), "exhibitors:floor_plan"),
    (_("Standards"), "standards:standard_list"),
    (_("News"), "standards:article_list"),
    (_("My agenda"), "events:agenda"),
]


def navigation(path):
    """The header's links, the one containing the current page marked as current."""
    items = []
    for label, url_name in SECTIONS:
        url = reverse(url_name)
        items.append(
            {
                "label": label,
                "url": url,
                "current": path.startswith(url),
                "is_agenda": url_name == "events:agenda",
            }
        )
    return items
