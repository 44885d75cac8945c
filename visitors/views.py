"""Visitor registration: the form, the confirmation link and the personal badge page."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import FormView

from common.ratelimit import RateLimit, client_ip, wait_message
from events.views import CurrentConferenceMixin

from . import notifications, services
from .badges import qr_svg
from .forms import RegistrationForm
from .models import Registration


def registration_rate_limit():
    """Registrations per IP an hour: generous, as a venue's Wi-Fi puts many visitors behind one
    address; it stops a script from filling the table and sending mail to strangers."""
    return RateLimit("visitor-register", settings.VISITOR_REGISTRATIONS_PER_IP, 3600)


class RegisterView(CurrentConferenceMixin, FormView):
    template_name = "visitors/register.html"
    form_class = RegistrationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Registration(conference=self.conference)}

    def post(self, request, *args, **kwargs):
        waiting = registration_rate_limit().attempt(f"ip:{client_ip(request)}")
        if waiting:
            messages.error(request, wait_message(waiting))
            response = self.render_to_response(self.get_context_data(form=self.get_form()), status=429)
            response["Retry-After"] = str(waiting)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.is_repeated_post():
            # The same form sent twice (a double click): the first post registered.
            return self.check_inbox(form.data.get("email", "").strip().lower())
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
    """The link from the confirmation e-mail: opening it confirms the registration (once; later
    openings change nothing) and leads to the badge."""

    def get(self, request, token):
        registration = notifications.registration_from_token(
            token,
            salt=notifications.CONFIRM_SALT,
            max_age=notifications.CONFIRM_MAX_AGE,
            registrations=Registration.objects.all(),
        )
        if registration is None:
            return _private(render(request, "visitors/bad_link.html", status=400))
        registration = services.registration_confirm(registration=registration)
        return redirect("visitors:badge", token=notifications.badge_token(registration))


class BadgeView(View):
    def get(self, request, token):
        registration = notifications.registration_from_token(
            token,
            salt=notifications.BADGE_SALT,
            registrations=Registration.objects.confirmed().select_related("conference"),
        )
        if registration is None:
            raise Http404("No badge has this link.")
        context = {
            "registration": registration,
            "conference": registration.conference,
            # Segno's own SVG of a code made of our alphabet: nothing a visitor typed.
            "qr": mark_safe(qr_svg(registration.badge_code)),  # noqa: S308
        }
        return _private(render(request, "visitors/badge.html", context))
