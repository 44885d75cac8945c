"""The signed-in user's company and its team: the mixin every portal page uses to find the
company, the dashboard, the company form, inviting a colleague and joining by an invitation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from common.ratelimit import RateLimit, wait_message
from events.views import CurrentConferenceMixin

from .. import services, tokens
from ..extensions import DASHBOARD_SECTIONS
from ..forms import CompanyForm, InviteForm
from ..models import Exhibitor


class CompanyMixin(LoginRequiredMixin, CurrentConferenceMixin):
    """The signed-in user's company in the current edition; pages that need one send a user
    without one to create it."""

    requires_company = True

    @cached_property
    def exhibitor(self):
        return Exhibitor.objects.filter(conference=self.conference, users=self.request.user).first()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.requires_company and self.exhibitor is None:
            messages.info(request, _("First tell us about your company."))
            return redirect("exhibitors:company")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(exhibitor=self.exhibitor, **kwargs)


class DashboardView(CompanyMixin, TemplateView):
    template_name = "exhibitors/exhibit/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exhibitor = self.exhibitor
        context.update(
            reservations=exhibitor.reservations.select_related("booth__hall", "booth__booth_type").order_by(
                "-created"
            ),
            equipment=exhibitor.equipment.select_related("category").order_by("order", "pk"),
            colleagues=exhibitor.users.order_by("email"),
            invite_form=InviteForm(),
            dashboard_sections=DASHBOARD_SECTIONS,
        )
        return context


class CompanyView(CompanyMixin, FormView):
    """Create the company (the user becomes its first manager) or edit it."""

    template_name = "exhibitors/exhibit/company.html"
    form_class = CompanyForm
    requires_company = False

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.exhibitor}

    def form_valid(self, form):
        exhibitor = form.save(commit=False)
        if exhibitor.pk is None:
            exhibitor.conference = self.conference
            exhibitor, created = services.exhibitor_create(
                exhibitor=exhibitor, user=self.request.user, save_related=form.save_m2m
            )
            if not created:
                messages.info(self.request, _("Your company was registered a moment ago; here it is."))
                return redirect("exhibitors:dashboard")
        else:
            services.exhibitor_update(exhibitor=exhibitor, save_related=form.save_m2m)
        messages.success(self.request, _("Your company profile is saved."))
        return redirect("exhibitors:dashboard")


class InviteView(CompanyMixin, View):
    def post(self, request):
        form = InviteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter your colleague's e-mail address."))
            return redirect("exhibitors:dashboard")
        # Invitations go to addresses anyone can type: a company and a user send a few an hour.
        limit = RateLimit("invite", settings.EXHIBIT_INVITE_LIMIT, 3600)
        waiting = limit.attempt(f"company:{self.exhibitor.pk}", f"user:{request.user.pk}")
        if waiting:
            messages.error(request, wait_message(waiting))
            return redirect("exhibitors:dashboard")
        email = services.team_invite(
            exhibitor=self.exhibitor, inviter=request.user, email=form.cleaned_data["email"]
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
        return redirect("exhibitors:dashboard")


class JoinView(LoginRequiredMixin, View):
    """A colleague's invitation: valid for seven days, for the address it was sent to."""

    def get(self, request, token):
        invitation = tokens.invitation_from_token(token)
        if invitation is None:
            return render(request, "exhibitors/exhibit/bad_link.html", status=400)
        exhibitor_pk, email = invitation
        try:
            exhibitor = services.team_join(user=request.user, exhibitor_pk=exhibitor_pk, email=email)
        except PermissionDenied:
            return render(request, "exhibitors/exhibit/bad_link.html", {"wrong_account": True}, status=403)
        except Exhibitor.DoesNotExist:
            raise Http404("No Exhibitor matches the given query.") from None
        messages.success(request, _("You now manage %(company)s.") % {"company": exhibitor.name})
        return redirect("exhibitors:dashboard")
