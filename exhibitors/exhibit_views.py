"""The exhibitor portal under /exhibit/: accounts, the company, booth reservations and
equipment listings. Every object is looked up through the signed-in user's own company, so
another company's reservation or listing is a 404, never a 403 that confirms it exists."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from common.ratelimit import RateLimit, SignInGuard, address_key, client_ip, wait_message
from common.views import ForgivingPaginationMixin
from events.selectors import AGENDA_SESSION_PREFIX
from events.views import CurrentConferenceMixin

from . import services, tokens
from .enums import BoothAvailability, ReservationStatus, ReviewStatus
from .extensions import DASHBOARD_SECTIONS
from .forms import (
    BoothFilterForm,
    CompanyForm,
    EquipmentForm,
    EquipmentImageForm,
    InviteForm,
    SignInForm,
    SignUpForm,
)
from .models import Booth, Exhibitor
from .selectors import booths_to_choose, hall_plans


def account_rate_limit(action):
    """Sign-up and password reset: attempts per IP and per address in the window."""
    return RateLimit(action, settings.EXHIBIT_RATE_LIMIT, settings.EXHIBIT_RATE_WINDOW_SECONDS)


def rate_limited_response(request, template, context, seconds):
    messages.error(request, wait_message(seconds))
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(seconds)
    return response


class AccountRateLimitMixin:
    """A form view whose posts are counted per IP and per the address in `address_field`."""

    rate_limit_action = ""
    address_field = "email"

    def post(self, request, *args, **kwargs):
        address = request.POST.get(self.address_field, "")
        limit = account_rate_limit(self.rate_limit_action)
        waiting = limit.attempt(f"ip:{client_ip(request)}", f"address:{address_key(address)}")
        if waiting:
            return rate_limited_response(request, self.template_name, {"form": self.get_form()}, waiting)
        return super().post(request, *args, **kwargs)


class SignUpView(AccountRateLimitMixin, FormView):
    template_name = "exhibitors/exhibit/sign_up.html"
    form_class = SignUpForm
    rate_limit_action = "sign-up"

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        try:
            services.account_create(email=email, password=form.cleaned_data["password1"])
        except IntegrityError:
            # The same address signed up a moment ago, in another request.
            form.add_error("email", SignUpForm.address_taken)
            return self.form_invalid(form)
        return render(self.request, "exhibitors/exhibit/check_inbox.html", {"email": email})


class ConfirmAddressView(View):
    """The link from the sign-up e-mail. Opening it shows a button; the post activates the
    account and signs it in, once: the token dies with the account's inactive state."""

    def bad_link(self, request):
        return render(request, "exhibitors/exhibit/bad_link.html", {"used_confirmation": True}, status=400)

    def get(self, request, uidb64, token):
        user = tokens.unconfirmed_account(uidb64, token)
        if user is None:
            return self.bad_link(request)
        return render(request, "exhibitors/exhibit/confirm_address.html", {"account": user})

    def post(self, request, uidb64, token):
        user = services.account_activate(uidb64=uidb64, token=token)
        if user is None:
            return self.bad_link(request)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your e-mail address is confirmed. Now tell us about your company."))
        return redirect("exhibitors:dashboard")


def sign_in_guard():
    """Failed exhibitor sign-ins allowed per IP and per address (per browser once it has signed in)."""
    return SignInGuard(
        action="exhibit-sign-in",
        limit=settings.EXHIBIT_RATE_LIMIT,
        window=settings.EXHIBIT_RATE_WINDOW_SECONDS,
    )


class SignInView(auth_views.LoginView):
    template_name = "exhibitors/exhibit/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        return sign_in_guard().sign_in(
            request,
            request.POST.get("username", ""),
            attempt=lambda: super(SignInView, self).post(request, *args, **kwargs),
            refuse=lambda seconds: rate_limited_response(
                request, self.template_name, {"form": self.get_form()}, seconds
            ),
        )


class SignOutView(auth_views.LogoutView):
    """Signing out ends the account's session; the visitor's starred sessions stay."""

    def post(self, request, *args, **kwargs):
        kept = {key: value for key, value in request.session.items() if key.startswith(AGENDA_SESSION_PREFIX)}
        response = super().post(request, *args, **kwargs)
        request.session.update(kept)
        return response


class PasswordResetView(AccountRateLimitMixin, auth_views.PasswordResetView):
    template_name = "exhibitors/exhibit/password_reset.html"
    email_template_name = "exhibitors/email/password_reset.txt"
    subject_template_name = "exhibitors/email/password_reset_subject.txt"
    success_url = reverse_lazy("exhibitors:password_reset_done")
    rate_limit_action = "password-reset"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "exhibitors/exhibit/password_reset_confirm.html"
    success_url = reverse_lazy("exhibitors:sign_in")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is changed. Sign in with the new one."))
        return super().form_valid(form)


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


class BoothListView(CompanyMixin, ForgivingPaginationMixin, ListView):
    """Choose a booth, one hall at a time (`?hall=`, the first by default): the hall's plan, on
    which each free booth leads to its page, then the hall's booths as a list that fits a phone,
    the free ones unless `?show=all`, of one type with `?booth_type=`. `?booth=` highlights a
    booth on the plan."""

    template_name = "exhibitors/exhibit/booth_list.html"
    context_object_name = "booths"
    paginate_by = 12

    @cached_property
    def filter_form(self):
        return BoothFilterForm(self.request.GET or None, conference=self.conference)

    @cached_property
    def halls(self):
        return list(self.conference.halls.all())

    @cached_property
    def hall(self):
        wanted = self.request.GET.get("hall", "")
        chosen = [hall for hall in self.halls if str(hall.pk) == wanted]
        return (chosen or self.halls or [None])[0]

    def get_queryset(self):
        booth_type, show_taken = self.filter_form.filters()
        booths = booths_to_choose(self.conference, exhibitor=self.exhibitor).filter(hall=self.hall)
        if booth_type:
            booths = booths.filter(booth_type=booth_type)
        if not show_taken:
            booths = booths.filter(is_booked=False, is_held=False)
        return booths.order_by("code")

    def get_context_data(self, **kwargs):
        highlight = self.request.GET.get("booth", "").strip()[:20]
        plans = hall_plans(self.conference, halls=[self.hall], highlight={highlight}) if self.hall else []
        return super().get_context_data(
            filter_form=self.filter_form, halls=self.halls, hall=self.hall, plans=plans, **kwargs
        )


class BoothDetailView(CompanyMixin, DetailView):
    """A booth's size, price, what is included and, while it is free, the terms of a hold and the
    button that reserves it (a post to ReserveView). Looking changes nothing."""

    template_name = "exhibitors/exhibit/booth_detail.html"
    context_object_name = "booth"

    def get_queryset(self):
        return booths_to_choose(self.conference, exhibitor=self.exhibitor)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booth = self.object
        taken = booth.availability != BoothAvailability.AVAILABLE and not booth.is_mine
        context.update(
            hold_days=settings.EXHIBIT_HOLD_DAYS,
            held_until=timezone.now() + datetime.timedelta(days=settings.EXHIBIT_HOLD_DAYS),
            max_reservations=settings.EXHIBIT_MAX_ACTIVE_RESERVATIONS,
            may_reserve=self.exhibitor.review_status != ReviewStatus.REJECTED,
            alternatives=services.similar_free_booths(booth) if taken else [],
        )
        return context


class ReserveView(CompanyMixin, View):
    def post(self, request, pk):
        booth = get_object_or_404(Booth, pk=pk, conference=self.conference)
        try:
            reservation = services.booth_reserve(exhibitor=self.exhibitor, booth=booth)
        except services.BoothTaken as taken:
            messages.error(
                request,
                _("Booth %(code)s was just taken. Similar free booths are listed below.")
                % {"code": booth.code},
            )
            return render(
                request,
                "exhibitors/exhibit/booth_taken.html",
                {"booth": booth, "alternatives": taken.alternatives, "exhibitor": self.exhibitor},
                status=409,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("exhibitors:booth_detail", pk=booth.pk)
        messages.success(
            request,
            _("Booth %(code)s is held for you. An organiser will confirm it after the contract and payment.")
            % {"code": reservation.booth.code},
        )
        return redirect("exhibitors:dashboard")


class CancelReservationView(CompanyMixin, View):
    """Cancelling frees the booth to others at once, so the dashboard's button leads here
    first: the page says so and asks; only its post cancels."""

    def get(self, request, pk):
        reservation = get_object_or_404(self.exhibitor.reservations.select_related("booth__hall"), pk=pk)
        if reservation.status != ReservationStatus.HELD:
            messages.error(
                request, _("Only a held reservation can be cancelled here; contact the organisers.")
            )
            return redirect("exhibitors:dashboard")
        return render(request, "exhibitors/exhibit/reservation_cancel.html", {"reservation": reservation})

    def post(self, request, pk):
        reservation = get_object_or_404(self.exhibitor.reservations, pk=pk)
        try:
            services.reservation_cancel(reservation=reservation)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("Your reservation of booth %(code)s is cancelled.") % {"code": reservation.booth.code},
            )
        return redirect("exhibitors:dashboard")


class EquipmentMixin(CompanyMixin):
    def get_item(self):
        return get_object_or_404(self.exhibitor.equipment, pk=self.kwargs["pk"])


class EquipmentFormView(EquipmentMixin, FormView):
    """Create or edit a listing. Edits send a listing back to review: what visitors see is
    always what an organiser approved (decided in the README)."""

    template_name = "exhibitors/exhibit/equipment_form.html"
    form_class = EquipmentForm

    @cached_property
    def item(self):
        return self.get_item() if "pk" in self.kwargs else None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.item}

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item, image_form=EquipmentImageForm(), **kwargs)

    def form_valid(self, form):
        item = form.save(commit=False)
        if item.pk is None:
            if not form.claim_submission():
                messages.info(self.request, _("This listing was saved a moment ago; it is in your list."))
                return redirect("exhibitors:dashboard")
            try:
                services.equipment_create(item=item, exhibitor=self.exhibitor, save_related=form.save_m2m)
            except Exception:
                form.release_submission()
                raise
        else:
            services.equipment_update(item=item, save_related=form.save_m2m)
        messages.success(self.request, _("The listing is saved. Submit it for review when it is ready."))
        return redirect("exhibitors:equipment_edit", pk=item.pk)


class EquipmentSubmitView(EquipmentMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        if services.equipment_submit(item=item):
            messages.success(request, _("“%(name)s” is submitted for review.") % {"name": item.name})
        return redirect("exhibitors:dashboard")


class EquipmentDeleteView(EquipmentMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        name = item.name
        services.equipment_delete(item=item)
        messages.success(request, _("“%(name)s” is deleted.") % {"name": name})
        return redirect("exhibitors:dashboard")


class EquipmentImageAddView(EquipmentMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        form = EquipmentImageForm(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("exhibitors:equipment_edit", pk=item.pk)
        services.equipment_image_add(item=item, image=form.save(commit=False))
        messages.success(request, _("Picture added."))
        return redirect("exhibitors:equipment_edit", pk=item.pk)


class EquipmentImageDeleteView(EquipmentMixin, View):
    def post(self, request, pk, image_pk):
        image = get_object_or_404(self.get_item().images, pk=image_pk)
        services.equipment_image_delete(image=image)
        messages.success(request, _("Picture removed."))
        return redirect("exhibitors:equipment_edit", pk=pk)
