"""The programme of an edition: its rooms, tracks and session kinds, the speakers, the sessions
with their speakers and links. What visitors were told of changes is in changes.py."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel

from ..enums import PUBLIC_SESSION_STATUSES, SessionStatus, SpeakerRole
from ..languages import language_names, validate_language_code
from .conference import Conference


class Room(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("conference edition")
    )
    name = models.CharField(_("name"), max_length=100)
    floor = models.CharField(_("floor"), max_length=50, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Column order in the grid."))
    # From an imported programme: schedule apps know the room by it.
    guid = models.UUIDField(_("GUID"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.name


validate_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, such as #0b5c75.")
)


class Track(models.Model):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("conference edition")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    colour = models.CharField(_("colour"), max_length=7, default="#0b5c75", validators=[validate_colour])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "slug"],
                name="events_track_unique_slug",
                violation_error_message=_("This edition already has a track with this slug."),
            ),
        ]

    def __str__(self):
        return self.name


class SessionKind(models.Model):
    """Ceremony, keynote, forum...: each edition's own list (an imported congress brings its
    types), which organisers can extend."""

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="session_kinds",
        verbose_name=_("conference edition"),
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("session kind")
        verbose_name_plural = _("session kinds")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "slug"],
                name="events_sessionkind_unique_slug",
                violation_error_message=_("This edition already has a session kind with this slug."),
            ),
        ]

    def __str__(self):
        return self.name


class Speaker(TimeStampedModel):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("conference edition")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)
    honorific = models.CharField(
        _("honorific"), max_length=50, blank=True, help_text=_("Such as Prof. or Dr.")
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    biography = models.TextField(_("biography"), blank=True, max_length=5_000)
    photo = models.ImageField(_("photo"), upload_to="speakers/", blank=True)
    photo_thumbnail = models.ImageField(
        _("photo thumbnail"), upload_to="speakers/", blank=True, editable=False
    )
    website = models.URLField(_("website"), blank=True)
    # From an imported programme: the person's identity there, kept for the next import and
    # for schedule apps.
    guid = models.UUIDField(_("GUID"), null=True, blank=True, editable=False)
    # The Chinese name in pinyin, for lists in Chinese (common.sorting; kept by a signal).
    name_sort = models.CharField(_("sort key"), max_length=300, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "slug"],
                name="events_speaker_unique_slug",
                violation_error_message=_("This edition already has a speaker with this slug."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:speaker_detail", kwargs={"slug": self.slug})


class SessionQuerySet(models.QuerySet):
    def public(self):
        """What visitors see: published sessions, and cancelled ones (struck through)."""
        return self.filter(status__in=PUBLIC_SESSION_STATUSES)

    def on_day(self, day, conference):
        """Sessions of a conference day: from its day change to the next one, in the edition's
        time zone (a session at 00:30 before a 06:00 day change belongs to the day before)."""
        return self.filter(
            start__gte=conference.day_begins(day),
            start__lt=conference.day_begins(day + datetime.timedelta(days=1)),
        )

    def running_at(self, moment):
        return self.filter(start__lte=moment, end__gt=moment)


class Session(TimeStampedModel):
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("conference edition")
    )
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=150)
    abstract = models.TextField(_("abstract"), blank=True, max_length=3_000)
    description = models.TextField(_("description"), blank=True, max_length=10_000)
    kind = models.ForeignKey(
        SessionKind, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("kind")
    )
    track = models.ForeignKey(
        Track,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("track"),
    )
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions", verbose_name=_("room")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(_("status"), max_length=20, choices=SessionStatus, default=SessionStatus.DRAFT)
    is_highlight = models.BooleanField(
        _("highlight"), default=False, help_text=_("Shown on the home page outside the conference hours.")
    )
    speakers = models.ManyToManyField(
        Speaker, through="SessionSpeaker", related_name="sessions", verbose_name=_("speakers")
    )
    # From an imported programme: schedule apps key favourites on the GUID, so it is kept and
    # exported unchanged; the source's own page of the session.
    guid = models.UUIDField(_("GUID"), null=True, blank=True, editable=False)
    url = models.URLField(_("page in the source programme"), max_length=500, blank=True)
    # For the video team: exported so that recording and streaming follow the speakers' wishes.
    do_not_record = models.BooleanField(_("do not record"), default=False)
    do_not_stream = models.BooleanField(_("do not stream"), default=False)
    # Cancelled because a later import of its programme no longer held it, so that the file
    # bringing it back reinstates it; a session an organiser cancelled stays cancelled.
    removed_from_source = models.BooleanField(
        _("removed from the imported programme"), default=False, editable=False
    )
    recording_license = models.CharField(_("recording licence"), max_length=200, blank=True)
    # When visitors were last told of a move, a room change or a cancellation (SessionChange);
    # kept on the row so every list can mark changed sessions without another query.
    changed_at = models.DateTimeField(_("last changed"), null=True, blank=True, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="events_session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["conference", "slug"],
                name="events_session_unique_slug",
                violation_error_message=_("This edition already has a session with this slug."),
            ),
            models.UniqueConstraint(
                fields=["conference", "guid"],
                condition=Q(guid__isnull=False),
                name="events_session_unique_guid",
                violation_error_message=_("This edition already has a session with this GUID."),
            ),
        ]
        indexes = [models.Index(fields=["conference", "start"], name="events_session_conf_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:session_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.room_id and self.conference_id and self.room.conference_id != self.conference_id:
            errors["room"] = _("Choose a room of the same edition as the session.")
        if self.track_id and self.conference_id and self.track.conference_id != self.conference_id:
            errors["track"] = _("Choose a track of the same edition as the session.")
        if self.kind_id and self.conference_id and self.kind.conference_id != self.conference_id:
            errors["kind"] = _("Choose a kind of the same edition as the session.")
        if self.conference_id and self.end and self.end > self.conference.day_after_last_day_ends:
            # A night session may run into the morning after the last day, but a session that
            # ends later is a typo (900:00), not a five-week talk; an import refuses it too.
            errors["end"] = _(
                "The session ends after the day following the edition's last day (%(last)s)."
            ) % {"last": self.conference.end_date}
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED

    @property
    def language_codes(self):
        """The codes of the languages it is held in, in their order (prefetched by the selectors)."""
        return [language.code for language in self.languages.all()]

    @property
    def language_names(self):
        """ "German, English" or "德语、英语"; empty when the session names no language."""
        return language_names(self.language_codes)


class SessionLanguage(models.Model):
    """A language a session is held in. A session may have several (a programme lists "de, en"),
    kept in the order written, or none (then it names none)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="languages", verbose_name=_("session")
    )
    # Any language code (a programme brought in may hold German or Czech talks), as written.
    code = models.CharField(
        _("language code"),
        max_length=20,
        validators=[validate_language_code],
        help_text=_("zh, en, or another language code such as de or ja."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("session language")
        verbose_name_plural = _("session languages")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "code"],
                name="events_sessionlanguage_unique_code",
                violation_error_message=_("This session already lists this language."),
            )
        ]
        indexes = [models.Index(fields=["code"], name="events_sessionlanguage_code")]

    def __str__(self):
        return self.code


class SessionSpeaker(models.Model):
    """A speaker's place in a session: role and position in the listed order."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="session_speakers", verbose_name=_("session")
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="session_links", verbose_name=_("speaker")
    )
    role = models.CharField(_("role"), max_length=20, choices=SpeakerRole, default=SpeakerRole.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("session speaker")
        verbose_name_plural = _("session speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker"],
                name="events_sessionspeaker_unique_speaker",
                violation_error_message=_("This speaker is already listed for this session."),
            ),
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()})"


class SpeakerLink(models.Model):
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="links", verbose_name=_("speaker")
    )
    title = models.CharField(_("title"), max_length=100)
    url = models.URLField(_("address"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("speaker link")
        verbose_name_plural = _("speaker links")

    def __str__(self):
        return self.title


class SessionLink(models.Model):
    """A link or an attached file of a session, as a programme brought in gives them."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="links", verbose_name=_("session")
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=500)
    is_attachment = models.BooleanField(_("attachment"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("session link")
        verbose_name_plural = _("session links")

    def __str__(self):
        return self.title
