"""Visitor registration: the form, the confirmation link and the personal badge page; and the
exhibitor portal's leads (badges scanned at the booth), looked up through the user's own company
like every other portal page, so another company's lead is a 404."""

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
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from common.csvfiles import csv_response
from common.ratelimit import RateLimit, client_ip
from common.views import ForgivingPaginationMixin, RateLimitedPostMixin
from events.views import CurrentConferenceMixin
from exhibitors.exhibit_views import CompanyMixin

from . import notifications, selectors, services
from .badges import qr_svg
from .forms import LeadForm, LeadScanForm, RegistrationForm
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


def lead_scan_rate_limit():
    """Scans a team member may post a minute, so that badge codes cannot be tried in bulk."""
    return RateLimit("lead-scan", settings.LEAD_SCANS_PER_MINUTE, 60)


class LeadScanView(RateLimitedPostMixin, CompanyMixin, FormView):
    template_name = "visitors/lead_scan.html"
    form_class = LeadScanForm

    def post_rate_limit(self):
        return lead_scan_rate_limit()

    def post_rate_keys(self, request):
        return [f"user:{request.user.pk}"]

    def form_valid(self, form):
        try:
            lead, created = services.lead_capture(
                exhibitor=self.exhibitor,
                code=form.cleaned_data["code"],
                user=self.request.user,
                note=form.cleaned_data["note"],
                rating=form.cleaned_data["rating"],
            )
        except ValidationError as error:
            for field, errors in error.update_error_dict({}).items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        if not created:
            messages.info(
                self.request,
                _("%(name)s is already one of your leads, scanned on %(date)s. Here you can change the note.")
                % {"name": self.visitor_name(lead), "date": self.scan_date(lead)},
            )
            return redirect(lead)
        messages.success(
            self.request, _("%(name)s is now one of your leads.") % {"name": self.visitor_name(lead)}
        )
        return redirect("visitors:lead_scan")

    @staticmethod
    def visitor_name(lead):
        return lead.contact["name"] if lead.contact else _("A visitor who did not share contact details")

    def scan_date(self, lead):
        return timezone.localtime(lead.created, self.conference.zone).strftime("%Y-%m-%d %H:%M")


class LeadListView(CompanyMixin, ForgivingPaginationMixin, ListView):
    template_name = "visitors/lead_list.html"
    context_object_name = "leads"
    paginate_by = 20

    def get_queryset(self):
        return selectors.leads_of(self.exhibitor)


class LeadEditView(CompanyMixin, FormView):
    template_name = "visitors/lead_edit.html"
    form_class = LeadForm

    def dispatch(self, request, *args, **kwargs):
        self.lead = None
        return super().dispatch(request, *args, **kwargs)

    def get_lead(self):
        if self.lead is None:
            self.lead = get_object_or_404(selectors.leads_of(self.exhibitor), pk=self.kwargs["pk"])
        return self.lead

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_lead()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(lead=self.get_lead(), **kwargs)

    def form_valid(self, form):
        services.lead_update(
            lead=self.get_lead(), note=form.cleaned_data["note"], rating=form.cleaned_data["rating"]
        )
        messages.success(self.request, _("The lead is saved."))
        return redirect(reverse("visitors:lead_list"))


class LeadExportView(CompanyMixin, View):
    """The exhibitor's leads as a CSV file; the contact columns are empty for a visitor who did
    not agree to share them."""

    def get(self, request):
        zone = self.conference.zone
        rows = []
        for lead in selectors.leads_of(self.exhibitor):
            contact = lead.contact or {}
            rows.append(
                [
                    timezone.localtime(lead.created, zone).strftime("%Y-%m-%d %H:%M"),
                    contact.get("name", ""),
                    contact.get("organisation", ""),
                    contact.get("position", ""),
                    contact.get("email", ""),
                    contact.get("mobile", ""),
                    "; ".join(str(category) for category in lead.registration.interests.all()),
                    lead.rating or "",
                    lead.note,
                    lead.scanned_by.get_username() if lead.scanned_by else "",
                ]
            )
        header = [
            _("Scanned at"),
            _("Name"),
            _("Organisation"),
            _("Position"),
            _("E-mail"),
            _("Mobile number"),
            _("Interests"),
            _("Rating"),
            _("Note"),
            _("Scanned by"),
        ]
        response = csv_response(filename="leads.csv", header=header, rows=rows)
        patch_cache_control(response, private=True, no_cache=True)
        return response
