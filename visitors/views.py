"""The visitor's pages: registration, the confirmation link and the personal badge page (which
signs the browser in as the visitor), signing out, and what a signed-in visitor does from the
public pages: following exhibitors and listings, asking for a meeting and cancelling one. The
exhibitor's side of leads and meetings is in exhibit_views.py."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from common.addresses import normalised_email
from common.ratelimit import RateLimit, client_ip
from common.views import RateLimitedPostMixin, safe_next
from events.selectors import agenda_session_key, conference_days, visitor_agenda
from events.views import CurrentConferenceMixin, mark_agenda_cookie
from exhibitors.selectors import public_exhibitors

from . import selectors, services, tokens
from .badges import qr_svg
from .forms import FollowForm, MeetingRequestForm, RegistrationForm
from .models import Registration


def registration_rate_limit():
    """Registrations per IP an hour: generous, as a venue's Wi-Fi puts many visitors behind one
    address; it stops a script from filling the table and sending mail to strangers."""
    return RateLimit("visitor-register", settings.VISITOR_REGISTRATIONS_PER_IP, 3600)


class RegisterView(RateLimitedPostMixin, CurrentConferenceMixin, FormView):
    template_name = "visitors/register.html"
    form_class = RegistrationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Registration(conference=self.conference)}

    def post_rate_limit(self):
        return registration_rate_limit()

    def post_rate_keys(self, request):
        return [f"ip:{client_ip(request)}"]

    def form_invalid(self, form):
        if form.is_repeated_post():
            # The same form sent twice (a double click): the first post registered.
            return self.check_inbox(normalised_email(form.data.get("email", "")))
        return super().form_invalid(form)

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not form.claim_submission():
            return self.check_inbox(email)
        data = {name: value for name, value in form.cleaned_data.items() if name != "submission"}
        try:
            services.registration_create(conference=self.conference, **data)
        except ValidationError as error:
            form.release_submission()
            for field, errors in error.update_error_dict({}).items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        except IntegrityError:
            # The same address registered a moment ago, in another request.
            form.release_submission()
            form.add_error("email", forms.ValidationError(RegistrationForm.email_taken, code="email_taken"))
            return self.form_invalid(form)
        return self.check_inbox(email)

    def check_inbox(self, email):
        return render(
            self.request, "visitors/check_inbox.html", {"email": email, "conference": self.conference}
        )


def _private(response):
    """Pages for one visitor's eyes: kept out of shared caches and search engines."""
    patch_cache_control(response, private=True, no_cache=True)
    response["X-Robots-Tag"] = "noindex"
    return response


class ConfirmView(View):
    """The link from the confirmation e-mail. Opening it shows a button, and the post confirms
    the registration: mail scanners that open links must not confirm an address for its owner.
    Once confirmed, the link leads straight to the badge."""

    def registration(self, token):
        return tokens.registration_from_confirmation_token(
            token, registrations=Registration.objects.select_related("conference")
        )

    def bad_link(self, request):
        return _private(render(request, "visitors/bad_link.html", status=400))

    def to_badge(self, registration):
        return redirect("visitors:badge", token=tokens.badge_token(registration))

    def get(self, request, token):
        registration = self.registration(token)
        if registration is None:
            return self.bad_link(request)
        if registration.confirmed_at is not None:
            return self.to_badge(registration)
        context = {"registration": registration, "conference": registration.conference}
        return _private(render(request, "visitors/confirm.html", context))

    def post(self, request, token):
        registration = self.registration(token)
        if registration is None:
            return self.bad_link(request)
        return self.to_badge(services.registration_confirm(registration=registration))


class BadgeView(View):
    def get(self, request, token):
        registration = tokens.registration_from_badge_token(
            token, registrations=Registration.objects.confirmed().select_related("conference")
        )
        if registration is None:
            raise Http404("No badge has this link.")
        sign_in(request, registration)
        context = {
            "registration": registration,
            "conference": registration.conference,
            # Segno's own SVG of a code made of our alphabet: nothing a visitor typed.
            "qr": mark_safe(qr_svg(registration.badge_code)),  # noqa: S308
        }
        response = _private(render(request, "visitors/badge.html", context))
        mark_agenda_cookie(response)
        return response


def sign_in(request, registration):
    """Opening the badge link signs this browser in as the visitor (the link is their secret):
    their follows and meetings show in the agenda, which every browser of theirs now shares."""
    conference = registration.conference
    key = selectors.signed_in_key(conference)
    agenda_key = agenda_session_key(conference)
    if registration.agenda_id is not None and (
        request.session.get(key),
        request.session.get(agenda_key),
    ) == (registration.pk, registration.agenda_id):
        return  # Signed in already, with the visitor's own agenda: nothing to write.
    if request.session.get(key) != registration.pk:
        # Someone else's (or nobody's) session until now: a new key, as at any sign-in.
        request.session.cycle_key()
    agenda = services.registration_agenda(
        registration=registration, browser_agenda=visitor_agenda(request, conference)
    )
    request.session[key] = registration.pk
    request.session[agenda_key] = agenda.pk


class SignOutView(CurrentConferenceMixin, View):
    """Forget the visitor in this browser (a shared computer), their agenda with them."""

    def post(self, request):
        if request.session.pop(selectors.signed_in_key(self.conference), None) is not None:
            request.session.pop(agenda_session_key(self.conference), None)
            messages.success(request, _("This browser no longer shows your badge, agenda and meetings."))
        return redirect("events:agenda")


class VisitorMixin(CurrentConferenceMixin):
    """Pages for the registered visitor whose badge link this browser opened. Anyone else is
    told how to register or sign in (403), and nothing is changed."""

    def dispatch(self, request, *args, **kwargs):
        self.registration = selectors.signed_in_registration(request, self.conference)
        if self.registration is None:
            context = {"conference": self.conference}
            return _private(render(request, "visitors/sign_in_needed.html", context, status=403))
        return _private(super().dispatch(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration=self.registration, **kwargs)


class FollowView(VisitorMixin, View):
    """Follow an exhibitor or an equipment listing. The public pages are shared by everyone, so
    their Follow links open this page, which says whether the visitor follows it and posts the
    change."""

    def get_target(self):
        """What the visitor may follow, or already follows (to stop following what has left the
        show since)."""
        follows, allowed = services.follow_targets(self.registration, self.kwargs["kind"])
        followed = follows.filter(pk=self.kwargs["pk"]).first()
        return followed or get_object_or_404(allowed, pk=self.kwargs["pk"]), followed is not None

    def get(self, request, kind, pk):
        target, following = self.get_target()
        context = {
            "conference": self.conference,
            "kind": kind,
            "target": target,
            "following": following,
            "next": safe_next(request, request.GET.get("next", ""), target.get_absolute_url()),
        }
        return render(request, "visitors/follow.html", context)

    def post(self, request, kind, pk):
        target, _following = self.get_target()
        form = FollowForm(request.POST)
        if not form.is_valid():
            return _private(render(request, "400.html", status=400))
        following = form.cleaned_data["action"] == FollowForm.FOLLOW
        try:
            services.follow_set(registration=self.registration, kind=kind, target=target, following=following)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        # Back to this page, which says what changed: the public page is shared and cached, so
        # it could not.
        next_url = safe_next(request, form.cleaned_data["next"], target.get_absolute_url())
        return redirect(f"{request.path}?{urlencode({'next': next_url})}")


def meeting_rate_limit():
    """Meeting requests a visitor may send an hour: each one e-mails a company."""
    return RateLimit("meeting-request", settings.VISITOR_MEETING_REQUESTS_PER_HOUR, 3600)


class MeetingRequestView(RateLimitedPostMixin, VisitorMixin, FormView):
    template_name = "visitors/meeting_request.html"
    form_class = MeetingRequestForm

    def dispatch(self, request, *args, **kwargs):
        self.exhibitor = get_object_or_404(public_exhibitors(self.conference), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def days(self):
        """The expo's days on which a meeting can still be asked for."""
        today = timezone.localdate(timezone=self.conference.zone)
        return [day for day in conference_days(self.conference) if day >= today]

    def post_rate_limit(self):
        return meeting_rate_limit()

    def post_rate_keys(self, request):
        return [f"registration:{self.registration.pk}"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "conference": self.conference, "days": self.days()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(exhibitor=self.exhibitor, **kwargs)

    def form_valid(self, form):
        if not form.claim_submission():
            messages.info(self.request, _("Your request was already sent."))
            return redirect(reverse("events:agenda") + "#meetings")
        try:
            services.meeting_request(
                registration=self.registration,
                exhibitor=self.exhibitor,
                start=form.cleaned_data["start"],
                minutes=form.cleaned_data["minutes"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.release_submission()
            for field, errors in error.update_error_dict({}).items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your request is sent to %(exhibitor)s. We will e-mail you their answer.")
            % {"exhibitor": self.exhibitor.name},
        )
        return redirect(reverse("events:agenda") + "#meetings")


class MeetingCancelView(VisitorMixin, View):
    def post(self, request, pk):
        meeting = get_object_or_404(self.registration.meetings.all(), pk=pk)
        try:
            services.meeting_cancel(meeting=meeting)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("Your meeting with %(exhibitor)s is cancelled.") % {"exhibitor": meeting.exhibitor.name},
            )
        return redirect(reverse("events:agenda") + "#meetings")
