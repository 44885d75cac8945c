from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import MalformedPostMixin
from common.csvfiles import csv_response
from events.models import Conference

from . import services
from .forms import CheckInForm
from .models import Lead, Meeting, Registration
from .selectors import registration_by_badge_code, registration_counts


def yes_no_filter(title, parameter, field):
    """A list filter on whether a moment field is set."""

    class MomentSetListFilter(admin.SimpleListFilter):
        def lookups(self, request, model_admin):
            return [("yes", _("Yes")), ("no", _("No"))]

        def queryset(self, request, queryset):
            if self.value() in ("yes", "no"):
                return queryset.filter(**{f"{field}__isnull": self.value() == "no"})
            return queryset

    MomentSetListFilter.title = title
    MomentSetListFilter.parameter_name = parameter
    return MomentSetListFilter


@admin.register(Registration)
class RegistrationAdmin(MalformedPostMixin, admin.ModelAdmin):
    list_display = ["name", "organisation", "email", "conference", "confirmed", "checked_in"]
    list_filter = [
        "conference",
        yes_no_filter(_("confirmed"), "confirmed", "confirmed_at"),
        yes_no_filter(_("checked in"), "checked_in", "checked_in_at"),
        "interests",
    ]
    list_select_related = ["conference"]
    search_fields = ["name", "organisation", "email", "mobile", "badge_code"]
    filter_horizontal = ["interests"]
    readonly_fields = ["badge", "created", "confirmed_at", "checked_in_at", "checked_in_by"]
    fields = [
        "conference",
        "name",
        "organisation",
        "position",
        "email",
        "mobile",
        "interests",
        "share_contact",
        "badge",
        "created",
        "confirmed_at",
        "checked_in_at",
        "checked_in_by",
    ]
    actions = ["check_in", "export_csv"]
    change_list_template = "admin/visitors/registration/change_list.html"

    def has_add_permission(self, request):
        # A registration comes from the public form, which makes its badge code and sends the
        # confirmation; the back office corrects and checks in.
        return False

    def get_search_results(self, request, queryset, search_term):
        # A badge code is searched as typed on a badge: with dashes, in any case.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        code = search_term.replace("-", "").strip().upper()
        if code and code != search_term:
            found |= queryset.filter(badge_code=code)
        return found, duplicates

    @admin.display(description=_("badge code"))
    def badge(self, registration):
        return registration.grouped_badge_code

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed_at")
    def confirmed(self, registration):
        return registration.confirmed_at is not None

    @admin.display(description=_("checked in"), boolean=True, ordering="checked_in_at")
    def checked_in(self, registration):
        return registration.checked_in_at is not None

    def has_check_in_permission(self, request):
        return request.user.has_perm("visitors.check_in_registration")

    @admin.action(description=_("Check in the selected visitors"), permissions=["check_in"])
    def check_in(self, request, queryset):
        done, refused = 0, []
        for registration in queryset:
            try:
                services.registration_check_in(registration=registration, user=request.user)
            except ValidationError as error:
                refused.extend(error.messages)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d visitor checked in.", "%(count)d visitors checked in.", done)
                % {"count": done},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Export the selected registrations (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        def moment(value):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

        registrations = (
            queryset.select_related("conference", "checked_in_by")
            .prefetch_related("interests")
            .order_by("created", "pk")
        )
        return csv_response(
            filename="visitors.csv",
            header=[
                _("name"),
                _("organisation"),
                _("position"),
                _("e-mail"),
                _("mobile number"),
                _("interests"),
                _("shares contact details"),
                _("badge code"),
                _("registered at"),
                _("confirmed at"),
                _("checked in at"),
                _("checked in by"),
                _("conference edition"),
            ],
            rows=(
                [
                    registration.name,
                    registration.organisation,
                    registration.position,
                    registration.email,
                    registration.mobile,
                    ", ".join(str(category) for category in registration.interests.all()),
                    str(_("Yes") if registration.share_contact else _("No")),
                    registration.grouped_badge_code,
                    moment(registration.created),
                    moment(registration.confirmed_at),
                    moment(registration.checked_in_at),
                    registration.checked_in_by.get_username() if registration.checked_in_by else "",
                    str(registration.conference),
                ]
                for registration in registrations
            ),
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            # The counts follow the list's filters and search.
            response.context_data["counts"] = registration_counts(
                changelist.queryset, zone=timezone.get_current_timezone()
            )
            response.context_data["may_check_in"] = self.has_check_in_permission(request)
        return response

    def get_urls(self):
        return [
            path(
                "check-in/",
                self.admin_site.admin_view(self.check_in_view),
                name="visitors_registration_check_in",
            ),
            *super().get_urls(),
        ]

    def check_in_view(self, request):
        """The entrance desk: scan or type a badge code; the visitor is marked as arrived."""
        if not self.has_check_in_permission(request):
            raise PermissionDenied
        conference = Conference.objects.current().first()
        form = CheckInForm(request.POST or None)
        arrived = refused = unknown = None
        if request.method == "POST" and form.is_valid():
            code = form.cleaned_data["code"]
            registration = registration_by_badge_code(code, conference=conference) if conference else None
            if registration is None:
                unknown = code
            else:
                try:
                    arrived = services.registration_check_in(registration=registration, user=request.user)
                except ValidationError as error:
                    refused = {"registration": registration, "message": " ".join(error.messages)}
            # An empty field for the next badge, whatever the answer.
            form = CheckInForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Check visitors in"),
            "form": form,
            "conference": conference,
            "arrived": arrived,
            "refused": refused,
            "unknown": unknown,
            "changelist_url": reverse("admin:visitors_registration_changelist"),
        }
        status = 409 if refused else 404 if unknown else 200
        return TemplateResponse(request, "admin/visitors/registration/check_in.html", context, status=status)


class ExhibitorRecordAdmin(MalformedPostMixin, admin.ModelAdmin):
    """A record that belongs to an exhibitor and is made and changed in the exhibitor portal
    (leads, meeting requests): the back office only reads it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # The one reason to delete one here is a visitor asking to be removed from an
        # exhibitor's records (PIPL): a superuser's decision, not a routine organiser task, so the
        # group's permissions do not open it. (Deleting the registration removes them all.)
        return request.user.is_active and request.user.is_superuser


@admin.register(Lead)
class LeadAdmin(ExhibitorRecordAdmin):
    """The badges exhibitors scanned, for organisers to look at."""

    list_display = ["exhibitor", "visitor", "rating", "scanned_by", "created"]
    list_filter = ["exhibitor__conference", "rating"]
    list_select_related = ["exhibitor", "registration", "scanned_by"]
    search_fields = ["exhibitor__name_zh_hans", "exhibitor__name_en"]
    # The registration itself is left out: its name would show whoever did not agree to share it.
    fields = ["exhibitor", "visitor", "rating", "note", "scanned_by", "created"]
    readonly_fields = fields

    @admin.display(description=_("visitor"))
    def visitor(self, lead):
        contact = lead.contact
        return contact["name"] if contact else _("not shared")


@admin.register(Meeting)
class MeetingAdmin(ExhibitorRecordAdmin):
    """Visitors' meeting requests and the exhibitors' answers. A visitor who asks for a meeting
    gives the exhibitor their name, organisation and e-mail, so these show in full."""

    list_display = ["exhibitor", "visitor", "start", "end", "status", "decided_at"]
    list_filter = ["exhibitor__conference", "status"]
    list_select_related = ["exhibitor", "registration"]
    search_fields = ["exhibitor__name_zh_hans", "exhibitor__name_en", "registration__name"]
    date_hierarchy = "start"
    fields = [
        "exhibitor",
        "registration",
        "start",
        "end",
        "message",
        "status",
        "reply",
        "decided_by",
        "decided_at",
        "created",
    ]
    readonly_fields = fields

    @admin.display(description=_("visitor"), ordering="registration__name")
    def visitor(self, meeting):
        return f"{meeting.registration.name} ({meeting.registration.organisation})"
