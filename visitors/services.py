from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import notifications
from .badges import new_badge_code, normalised
from .models import Lead, Registration

BADGE_CODE_ATTEMPTS = 5


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
        email=email,
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
