"""The visitors app's pages in the exhibitor portal (/exhibit/): leads, the badges scanned at the
booth (scan, list, edit, CSV export), and the meeting requests the company answers. Each is
looked up through the user's own company like every other portal page, so another company's lead
or meeting is a 404."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from common.csvfiles import csv_response
from common.ratelimit import RateLimit
from common.views import ForgivingPaginationMixin, RateLimitedPostMixin, uses_camera
from exhibitors.exhibit_views import CompanyMixin

from . import selectors, services
from .forms import LeadForm, LeadScanForm, MeetingAnswerForm


def lead_scan_rate_limit():
    """Scans a team member may post a minute, so that badge codes cannot be tried in bulk."""
    return RateLimit("lead-scan", settings.LEAD_SCANS_PER_MINUTE, 60)


@method_decorator(uses_camera, name="dispatch")
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


class MeetingListView(CompanyMixin, ForgivingPaginationMixin, ListView):
    """The company's meeting requests, unanswered ones first."""

    template_name = "visitors/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 20

    def get_queryset(self):
        return selectors.meetings_of_exhibitor(self.exhibitor)


class MeetingAnswerView(CompanyMixin, FormView):
    template_name = "visitors/meeting_answer.html"
    form_class = MeetingAnswerForm

    @cached_property
    def meeting(self):
        return get_object_or_404(selectors.meetings_of_exhibitor(self.exhibitor), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        during = selectors.accepted_meetings_during(self.meeting) if self.meeting.overlaps_accepted else []
        return super().get_context_data(meeting=self.meeting, accepted_during=during, **kwargs)

    def form_valid(self, form):
        accept = form.cleaned_data["answer"] == MeetingAnswerForm.ACCEPT
        try:
            services.meeting_answer(
                meeting=self.meeting, user=self.request.user, accept=accept, reply=form.cleaned_data["reply"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        name = self.meeting.registration.name
        if accept:
            messages.success(
                self.request, _("You accepted the meeting with %(name)s. We e-mailed them.") % {"name": name}
            )
        else:
            messages.success(
                self.request, _("You declined the meeting with %(name)s. We e-mailed them.") % {"name": name}
            )
        return redirect("visitors:meeting_list")
