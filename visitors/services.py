import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.addresses import normalised_email
from events import services as agenda_services
from exhibitors.selectors import public_equipment, public_exhibitors

from . import notifications
from .badges import new_badge_code, normalised
from .enums import MeetingStatus
from .models import ONE_OPEN_REQUEST, Lead, Meeting, Registration

BADGE_CODE_ATTEMPTS = 5
# What one visitor may follow of each kind, and how many meetings they may have open at once:
# far above what a person does, low enough that a script cannot fill the tables through one.
FOLLOW_MAX = 300
OPEN_MEETINGS_MAX = 20
MEETING_MINUTES = (30, 60)


def registration_create(
    *, conference, name, organisation, email, mobile, position="", interests=(), share_contact=False
):
    """Register a visitor for `conference` with a new badge code, and send the confirmation link."""
    interests = list(interests)
    if any(category.parent_id for category in interests):
        raise ValidationError({"interests": _("Choose among the main equipment categories.")})
    registration = Registration(
        conference=conference,
        name=name,
        organisation=organisation,
        position=position,
        email=normalised_email(email),
        mobile=mobile,
        share_contact=share_contact,
    )
    # The badge code is left to the database's unique index (a collision is retried below).
    registration.full_clean(exclude=["badge_code"])
    for attempt in range(BADGE_CODE_ATTEMPTS):
        registration.badge_code = new_badge_code()
        try:
            with transaction.atomic():
                registration.save()
                registration.interests.set(interests)
                notifications.registration_created(registration)
        except IntegrityError:
            # 80 random bits make a repeated code all but impossible; a repeated e-mail (another
            # request a moment ago) is the caller's to report.
            registration.pk = None
            registration._state.adding = True
            if Registration.objects.filter(badge_code=registration.badge_code).exists() and (
                attempt + 1 < BADGE_CODE_ATTEMPTS
            ):
                continue
            raise
        return registration
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def registration_confirm(*, registration):
    """Mark the visitor's address as confirmed (once) and send the badge link on the first time."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.confirmed_at is None:
        registration.confirmed_at = timezone.now()
        registration.full_clean()
        registration.save(update_fields=["confirmed_at", "updated"])
        notifications.registration_confirmed(registration)
    return registration


def already_checked_in_message(registration):
    local = timezone.localtime(registration.checked_in_at, registration.conference.zone)
    who = registration.checked_in_by.get_username() if registration.checked_in_by else _("a removed account")
    return _("%(name)s already checked in at %(time)s (%(date)s), by %(user)s.") % {
        "name": registration.name,
        "time": date_format(local, "H:i"),
        "date": date_format(local, "Y-m-d"),
        "user": who,
    }


@transaction.atomic
def registration_check_in(*, registration, user, now=None):
    """Mark the visitor as arrived; a second check-in is refused, saying when the first was."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("conference", "checked_in_by")
        .get(pk=registration.pk)
    )
    if registration.checked_in_at is not None:
        raise ValidationError(already_checked_in_message(registration), code="already_checked_in")
    registration.checked_in_at = now or timezone.now()
    registration.checked_in_by = user
    registration.full_clean()
    registration.save(update_fields=["checked_in_at", "checked_in_by", "updated"])
    return registration


def lead_capture(*, exhibitor, code, user, note="", rating=None):
    """Record the visitor with this badge code (typed, pasted or scanned) as a lead of
    `exhibitor`; returns (lead, created). A badge scanned before changes nothing and returns the
    existing lead. Only confirmed registrations of the exhibitor's edition count: any other code
    is refused with the same message, so that a refusal says nothing about whose code it is."""
    registration = (
        Registration.objects.confirmed()
        .filter(conference_id=exhibitor.conference_id, badge_code=normalised(code))
        .first()
        if normalised(code)
        else None
    )
    if registration is None:
        message = _("No confirmed visitor of this expo has this badge code. Check the code and try again.")
        raise ValidationError({"code": ValidationError(message, code="unknown_badge")})
    existing = Lead.objects.filter(exhibitor=exhibitor, registration=registration).first()
    if existing is not None:
        return existing, False
    lead = Lead(exhibitor=exhibitor, registration=registration, scanned_by=user, note=note, rating=rating)
    lead.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            lead.save()
    except IntegrityError:
        # A colleague scanned the same badge a moment ago, in another request.
        return Lead.objects.get(exhibitor=exhibitor, registration=registration), False
    return lead, True


def lead_update(*, lead, note, rating):
    """Change the team's note and rating of a lead."""
    lead.note = note
    lead.rating = rating
    lead.full_clean(validate_constraints=False)
    lead.save(update_fields=["note", "rating", "updated"])
    return lead


@transaction.atomic
def registration_agenda(*, registration, browser_agenda=None):
    """The agenda every browser of this visitor shares, for opening the badge link in one: the
    registration's own with the browser's stars added, or the browser's (unless another visitor
    already has it), or a new one."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if browser_agenda is not None and (
        browser_agenda.conference_id != registration.conference_id
        or Registration.objects.filter(agenda=browser_agenda).exclude(pk=registration.pk).exists()
    ):
        browser_agenda = None
    agenda = registration.agenda
    if agenda is None:
        agenda = browser_agenda or agenda_services.agenda_create(conference=registration.conference)
        registration.agenda = agenda
        registration.save(update_fields=["agenda", "updated"])
    elif browser_agenda is not None and browser_agenda.pk != agenda.pk:
        agenda_services.agenda_merge(into=agenda, source=browser_agenda)
    return agenda


def follow_targets(registration, kind):
    """(the registration's follows of `kind`, what the visitor may follow of it)."""
    if kind == "exhibitor":
        return registration.followed_exhibitors, public_exhibitors(registration.conference)
    if kind == "equipment":
        return registration.followed_equipment, public_equipment(registration.conference)
    raise ValueError(kind)


@transaction.atomic
def follow_set(*, registration, kind, target, following):
    """Follow (or stop following) an exhibitor or an equipment listing (`kind`) that visitors of
    the registration's edition can see; following it again changes nothing."""
    Registration.objects.select_for_update().filter(pk=registration.pk).first()
    follows, allowed = follow_targets(registration, kind)
    if not following:
        follows.remove(target)
        return
    if not allowed.filter(pk=target.pk).exists():
        raise ValidationError(_("This is not on show at this expo."), code="not_public")
    if follows.filter(pk=target.pk).exists():
        return
    if follows.count() >= FOLLOW_MAX:
        raise ValidationError(
            _("You already follow %(count)d of these. Stop following some before adding more.")
            % {"count": FOLLOW_MAX},
            code="follows_full",
        )
    follows.add(target)


def meeting_times_error(conference, start, minutes):
    """Why a meeting from `start` for `minutes` cannot be held at the expo, or None."""
    zone = conference.zone
    local_start = timezone.localtime(start, zone)
    local_end = local_start + datetime.timedelta(minutes=minutes)
    if not conference.start_date <= local_start.date() <= conference.end_date:
        return _("Choose a day of the expo.")
    if (
        local_start.time() < conference.expo_opens
        or local_end.date() != local_start.date()
        or local_end.time() > conference.expo_closes
    ):
        return _("Choose a time within the expo's opening hours, %(opens)s to %(closes)s.") % {
            "opens": conference.expo_opens.strftime("%H:%M"),
            "closes": conference.expo_closes.strftime("%H:%M"),
        }
    return None


@transaction.atomic
def meeting_request(*, registration, exhibitor, start, minutes, message="", now=None):
    """Ask `exhibitor` for a meeting at its booth from `start` for `minutes`, within the expo's
    opening hours and not at the same time as the visitor's other meetings; e-mails both."""
    now = now or timezone.now()
    # One visitor's requests one at a time, so the overlap and count checks below hold.
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("conference")
        .get(pk=registration.pk)
    )
    conference = registration.conference
    if registration.confirmed_at is None:
        raise ValidationError(_("Confirm your registration first: open the link in the e-mail we sent you."))
    if not public_exhibitors(conference).filter(pk=exhibitor.pk).exists():
        raise ValidationError(_("This exhibitor is not at this expo."), code="not_public")
    if minutes not in MEETING_MINUTES:
        raise ValidationError({"minutes": _("Choose 30 or 60 minutes.")})
    error = meeting_times_error(conference, start, minutes)
    if error:
        raise ValidationError({"start": error})
    if start <= now:
        raise ValidationError({"start": _("Choose a time that has not passed yet.")})
    end = start + datetime.timedelta(minutes=minutes)
    # A request left unanswered until its time passed gives way to a new one to that exhibitor.
    Meeting.objects.filter(
        registration=registration, exhibitor=exhibitor, status=MeetingStatus.REQUESTED, start__lte=now
    ).update(status=MeetingStatus.CANCELLED, updated=now)
    # Meetings that are over no longer take the visitor's time, nor count towards the limit.
    mine = Meeting.objects.open().filter(registration=registration, end__gt=now)
    clash = mine.filter(start__lt=end, end__gt=start).select_related("exhibitor").first()
    if clash is not None:
        raise ValidationError(
            {
                "start": _("You have another meeting at that time, with %(exhibitor)s. Choose another time.")
                % {"exhibitor": clash.exhibitor.name}
            }
        )
    if mine.filter(exhibitor=exhibitor, status=MeetingStatus.REQUESTED).exists():
        raise ValidationError(ONE_OPEN_REQUEST, code="one_open_request")
    if mine.count() >= OPEN_MEETINGS_MAX:
        raise ValidationError(
            _("You have %(count)d meetings requested or planned. Cancel one before asking for more.")
            % {"count": OPEN_MEETINGS_MAX}
        )
    meeting = Meeting(registration=registration, exhibitor=exhibitor, start=start, end=end, message=message)
    meeting.full_clean(validate_constraints=False)
    meeting.save()
    notifications.meeting_changed(meeting)
    return meeting


def _locked(meeting):
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("registration__conference", "exhibitor")
        .get(pk=meeting.pk)
    )


@transaction.atomic
def meeting_answer(*, meeting, user, accept, reply="", now=None):
    """The exhibitor accepts or declines a requested meeting (once), with an optional reply;
    e-mails both. An accepted meeting joins the visitor's agenda and its calendar feed."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    if meeting.status != MeetingStatus.REQUESTED:
        raise ValidationError(
            _("This request was already %(status)s. Nothing was changed.")
            % {"status": meeting.get_status_display()},
            code="already_answered",
        )
    if accept and meeting.start <= now:
        raise ValidationError(_("This meeting's time has passed; it can only be declined."), code="past")
    meeting.status = MeetingStatus.ACCEPTED if accept else MeetingStatus.DECLINED
    meeting.reply = reply
    meeting.decided_by = user
    meeting.decided_at = now
    meeting.full_clean(validate_constraints=False)
    meeting.save(update_fields=["status", "reply", "decided_by", "decided_at", "updated"])
    notifications.meeting_changed(meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting, now=None):
    """The visitor withdraws a request (even one left unanswered past its time) or calls off an
    accepted meeting that has not begun; e-mails both."""
    now = now or timezone.now()
    meeting = _locked(meeting)
    if not meeting.is_open:
        raise ValidationError(
            _("This request was already %(status)s. Nothing was changed.")
            % {"status": meeting.get_status_display()},
            code="already_answered",
        )
    if not meeting.can_be_cancelled(now):
        raise ValidationError(_("This meeting has already begun."), code="past")
    meeting.status = MeetingStatus.CANCELLED
    meeting.save(update_fields=["status", "updated"])
    notifications.meeting_changed(meeting)
    return meeting
