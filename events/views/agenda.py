"""The visitor's personal agenda: starring and unstarring sessions, the agenda page with the
sections other apps add (extensions.py), its state for the page script, and its calendar
subscription."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe
from django.views.generic import TemplateView

from common.ratelimit import RateLimit, client_ip, wait_message
from common.views import safe_next

from .. import exports, services
from ..extensions import AGENDA_CALENDAR_SOURCES, AGENDA_SECTIONS
from ..forms import StarChoiceForm, StarForm
from ..selectors import (
    agenda_overlaps,
    agenda_session_key,
    agenda_sessions,
    group_by_day_and_time,
    visitor_agenda,
)
from ..tokens import agenda_from_token, agenda_subscription_token
from .programme import EXPORT_TYPES, CurrentConferenceMixin, current_conference_or_404


def _wants_json(request):
    # The star script asks for JSON; a plain form post gets a page.
    return "application/json" in request.headers.get("Accept", "")


def _star_refused(request, message, *, status=400, retry_after=None):
    if _wants_json(request):
        response = JsonResponse({"error": message}, status=status)
    else:
        response = render(request, "events/agenda_error.html", {"message": message}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


# Marks a browser that has an agenda, for the script: only such a browser asks for its stars.
AGENDA_COOKIE = "has_agenda"


def _safe_next(request, target):
    return safe_next(request, target, reverse("events:agenda"))


@require_http_methods(["GET", "HEAD", "POST"])
def agenda_star(request):
    """Star or unstar a session. The star buttons of the (shared, cached) pages send a GET
    here, which shows the session's state with the form that changes it; the script posts
    directly and gets the new state as JSON. A plain form post returns to the page it came
    from. Bad ids or actions: 400, nothing stored."""
    conference = current_conference_or_404()
    agenda = visitor_agenda(request, conference)
    if request.method != "POST":
        form = StarChoiceForm(request.GET, conference=conference)
        if not form.is_valid():
            return _star_refused(request, next(iter(form.errors.values()))[0])
        session = form.cleaned_data["session"]
        starred = agenda is not None and agenda.sessions.filter(pk=session.pk).exists()
        context = {
            "session": session,
            "starred": starred,
            "next": _safe_next(request, form.cleaned_data["next"]),
        }
        return render(request, "events/agenda_star.html", context)

    form = StarForm(request.POST, conference=conference)
    error = None
    if form.is_valid():
        session, starring = form.cleaned_data["session"], form.cleaned_data["action"] == StarForm.STAR
        if starring and agenda is None:
            # Each new agenda is a row (and a session row): a script without cookies could
            # make one per post, so new agendas are counted per IP.
            limit = RateLimit("agenda-new", settings.AGENDA_NEW_PER_IP, 3600)
            waiting = limit.attempt(f"ip:{client_ip(request)}")
            if waiting:
                return _star_refused(request, wait_message(waiting), status=429, retry_after=waiting)
        try:
            if starring:
                agenda = agenda or services.agenda_create(conference=conference)
                services.agenda_star(agenda=agenda, session=session)
                request.session[agenda_session_key(conference)] = agenda.pk
            elif agenda is not None:
                services.agenda_unstar(agenda=agenda, session=session)
        except ValidationError as invalid:
            error = invalid.messages[0]
    else:
        error = next(iter(form.errors.values()))[0]
    if error is not None:
        return _star_refused(request, error)

    count = agenda.sessions.count() if agenda else 0
    if _wants_json(request):
        response = JsonResponse({"session": session.pk, "starred": starring, "count": count})
    else:
        response = HttpResponseRedirect(
            f"{_safe_next(request, form.cleaned_data['next'])}#session-{session.pk}"
        )
    if agenda is not None:
        mark_agenda_cookie(response)
    return response


def mark_agenda_cookie(response):
    response.set_cookie(
        AGENDA_COOKIE,
        "1",
        max_age=settings.SESSION_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )


@never_cache
@require_safe
def agenda_state(request):
    """The visitor's own part of the shared pages, for their script: the starred sessions, the
    count for the header and a CSRF token for posting stars. Never cached."""
    conference = current_conference_or_404()
    agenda = visitor_agenda(request, conference)
    starred = sorted(agenda.sessions.values_list("pk", flat=True)) if agenda else []
    return JsonResponse({"starred": starred, "count": len(starred), "csrf": get_token(request)})


@method_decorator(never_cache, name="dispatch")
class AgendaView(CurrentConferenceMixin, TemplateView):
    """The visitor's starred sessions by time, overlaps pointed out, with the subscription link.
    Personal (its link is a secret), so never cached and never compressed."""

    template_name = "events/agenda.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agenda = visitor_agenda(self.request, self.conference)
        if agenda is not None:
            services.agenda_touch(agenda=agenda)
        sessions = list(agenda_sessions(agenda)) if agenda else []
        overlaps = agenda_overlaps(sessions)
        for session in sessions:
            session.overlaps = overlaps.get(session.pk, [])
        context.update(
            agenda=agenda,
            sessions=sessions,
            starred_sessions={session.pk for session in sessions},
            days=group_by_day_and_time(sessions, self.conference),
            overlap_count=len(overlaps),
            sections=[
                section
                for source in AGENDA_SECTIONS
                if (section := source(self.request, self.conference, agenda)) is not None
            ],
        )
        context["intro"] = next(
            (extra["intro"] for _template, extra in context["sections"] if "intro" in extra), None
        )
        if agenda is not None:
            path = reverse("events:agenda_calendar", kwargs={"token": agenda_subscription_token(agenda)})
            context["subscription_url"] = self.request.build_absolute_uri(path)
            context["webcal_url"] = "webcal://" + context["subscription_url"].split("://", 1)[1]
        return context


@require_POST
def agenda_renew_link(request):
    """A new subscription link for the visitor's agenda; the old one stops working."""
    conference = current_conference_or_404()
    agenda = visitor_agenda(request, conference)
    if agenda is not None:
        services.agenda_renew_link(agenda=agenda)
        messages.success(request, _("Your agenda has a new subscription link. The old one no longer works."))
    return redirect("events:agenda")


@require_GET
def agenda_calendar(request, token):
    """The agenda as iCalendar for a calendar app's subscription; unknown or retired links: 404."""
    agenda = agenda_from_token(token)
    if agenda is None:
        raise Http404("No agenda has this link.")
    services.agenda_touch(agenda=agenda)
    body = exports.icalendar(
        agenda_sessions(agenda),
        conference=agenda.conference,
        name=_("My agenda · %(conference)s") % {"conference": agenda.conference.name},
        absolute=request.build_absolute_uri,
        entries=[
            entry
            for source in AGENDA_CALENDAR_SOURCES
            for entry in source(agenda, request.build_absolute_uri)
        ],
    )
    response = HttpResponse(body, content_type=EXPORT_TYPES["ics"])
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
