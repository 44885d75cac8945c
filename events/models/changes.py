"""The schedule's change log: what visitors were told about a published session before an edit
moved it, changed its room or changed its status (the public changes page and its feed)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import SessionStatus
from .programme import Room, Session


class SessionChange(models.Model):
    """What visitors were told about a published session before an edit moved it, changed its
    room or changed its status: the before and after of one save."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="changes", verbose_name=_("session")
    )
    created = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    previous_start = models.DateTimeField(_("previous start"))
    previous_end = models.DateTimeField(_("previous end"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # SET_NULL: the change stays on record if a room is later deleted; it then reads "to be announced".
    previous_room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous room"),
    )
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("room")
    )
    previous_status = models.CharField(_("previous status"), max_length=20, choices=SessionStatus)
    status = models.CharField(_("status"), max_length=20, choices=SessionStatus)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("schedule change")
        verbose_name_plural = _("schedule changes")

    def __str__(self):
        return f"{self.session} ({self.created:%Y-%m-%d %H:%M})"

    @property
    def moved(self):
        return (self.previous_start, self.previous_end) != (self.start, self.end)

    @property
    def room_changed(self):
        return self.previous_room_id != self.room_id

    @property
    def status_changed(self):
        return self.previous_status != self.status

    @property
    def is_cancellation(self):
        return self.status_changed and self.status == SessionStatus.CANCELLED
