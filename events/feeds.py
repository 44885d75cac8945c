from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .selectors import public_changes
from .views import current_conference_or_404

FEED_SIZE = 50


class ScheduleChangesFeed(Feed):
    """Moves, room changes and cancellations as RSS 2.0, in the language of the address."""

    title = gettext_lazy("Programme changes")
    description = gettext_lazy("Sessions that moved, changed room or were cancelled after publication.")
    description_template = "events/change_feed_item.html"

    def get_object(self, request):
        return current_conference_or_404()

    def link(self):
        return reverse("events:changes")

    def items(self, conference):
        return public_changes(conference).select_related("session__conference")[:FEED_SIZE]

    def item_title(self, change):
        if change.is_cancellation:
            return _("Cancelled: %(title)s") % {"title": change.session.title}
        return _("Changed: %(title)s") % {"title": change.session.title}

    def item_link(self, change):
        return change.session.get_absolute_url()

    def item_guid(self, change):
        return f"{reverse('events:changes')}#change-{change.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.created
