"""The exhibitor portal under /exhibit/: accounts, the company, booth reservations and
equipment listings. Every object is looked up through the signed-in user's own company, so
another company's reservation or listing is a 404, never a 403 that confirms it exists."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from common.ratelimit import too_many_attempts
from common.views import ForgivingPaginationMixin
from events.selectors import AGENDA_SESSION_PREFIX
from events.views import CurrentConferenceMixin

from . import notifications, services
from .enums import EquipmentStatus
from .forms import (
    BoothFilterForm,
    CompanyForm,
    EquipmentForm,
    EquipmentImageForm,
    InviteForm,
    SignInForm,
    SignUpForm,
)
from .models import Booth, Equipment, Exhibitor

CONFIRM_SALT = "exhibitors.confirm-address"
CONFIRM_MAX_AGE = 3 * 24 * 3600
INVITE_SALT = "exhibitors.invite"
INVITE_MAX_AGE = 7 * 24 * 3600


def rate_limited_response(request, template, context):
    messages.error(request, _("Too many attempts. Wait a quarter of an hour, then try again."))
    return render(request, template, context, status=429)


class SignUpView(FormView):
    template_name = "exhibitors/exhibit/sign_up.html"
    form_class = SignUpForm

    def post(self, request, *args, **kwargs):
        if too_many_attempts(request, action="sign-up", address=request.POST.get("email", "")):
            return rate_limited_response(request, self.template_name, {"form": self.get_form()})
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        user = get_user_model().objects.create_user(
            username=email, email=email, password=form.cleaned_data["password1"], is_active=False
        )
        token = signing.dumps(user.pk, salt=CONFIRM_SALT)
        notifications.send(
            template="confirm_address",
            context={
                "link": self.request.build_absolute_uri(reverse("exhibitors:confirm_address", args=[token]))
            },
            recipients=[email],
        )
        return render(self.request, "exhibitors/exhibit/check_inbox.html", {"email": email})


class ConfirmAddressView(View):
    def get(self, request, token):
        try:
            pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        except signing.BadSignature:
            return render(request, "exhibitors/exhibit/bad_link.html", status=400)
        user = get_object_or_404(get_user_model(), pk=pk)
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your e-mail address is confirmed. Now tell us about your company."))
        return redirect("exhibitors:dashboard")


class SignInView(auth_views.LoginView):
    template_name = "exhibitors/exhibit/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if too_many_attempts(request, action="sign-in", address=request.POST.get("username", "")):
            return rate_limited_response(request, self.template_name, {"form": self.get_form()})
        return super().post(request, *args, **kwargs)


class SignOutView(auth_views.LogoutView):
    """Signing out ends the account's session; the visitor's starred sessions stay."""

    def post(self, request, *args, **kwargs):
        kept = {key: value for key, value in request.session.items() if key.startswith(AGENDA_SESSION_PREFIX)}
        response = super().post(request, *args, **kwargs)
        request.session.update(kept)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "exhibitors/exhibit/password_reset.html"
    email_template_name = "exhibitors/email/password_reset.txt"
    subject_template_name = "exhibitors/email/password_reset_subject.txt"
    success_url = reverse_lazy("exhibitors:password_reset_done")

    def post(self, request, *args, **kwargs):
        if too_many_attempts(request, action="password-reset", address=request.POST.get("email", "")):
            return rate_limited_response(request, self.template_name, {"form": self.get_form()})
        return super().post(request, *args, **kwargs)


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
        )
        return context


class CompanyView(CompanyMixin, FormView):
    """Create the company (the user becomes its first manager) or edit it."""

    template_name = "exhibitors/exhibit/company.html"
    form_class = CompanyForm
    requires_company = False

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.exhibitor}

    @transaction.atomic
    def form_valid(self, form):
        exhibitor = form.save(commit=False)
        if exhibitor.pk is None:
            exhibitor.conference = self.conference
            exhibitor.slug = self.unique_slug(exhibitor)
        exhibitor.save()
        form.save_m2m()
        exhibitor.users.add(self.request.user)
        messages.success(self.request, _("Your company profile is saved."))
        return redirect("exhibitors:dashboard")

    def unique_slug(self, exhibitor):
        base = slugify(exhibitor.name_en) or "company"
        slug, number = base[:90], 2
        while Exhibitor.objects.filter(conference=self.conference, slug=slug).exists():
            slug, number = f"{base[:90]}-{number}", number + 1
        return slug


class InviteView(CompanyMixin, View):
    def post(self, request):
        form = InviteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Enter your colleague's e-mail address."))
            return redirect("exhibitors:dashboard")
        email = form.cleaned_data["email"].strip().lower()
        token = signing.dumps({"exhibitor": self.exhibitor.pk, "email": email}, salt=INVITE_SALT)
        notifications.send(
            template="invitation",
            context={
                "exhibitor": self.exhibitor,
                "inviter": request.user.email,
                "link": request.build_absolute_uri(reverse("exhibitors:join", args=[token])),
            },
            recipients=[email],
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
        return redirect("exhibitors:dashboard")


class JoinView(LoginRequiredMixin, View):
    """A colleague's invitation: valid for seven days, for the address it was sent to."""

    def get(self, request, token):
        try:
            invitation = signing.loads(token, salt=INVITE_SALT, max_age=INVITE_MAX_AGE)
        except signing.BadSignature:
            return render(request, "exhibitors/exhibit/bad_link.html", status=400)
        if invitation["email"] != request.user.email.lower():
            return render(request, "exhibitors/exhibit/bad_link.html", {"wrong_account": True}, status=403)
        exhibitor = get_object_or_404(Exhibitor, pk=invitation["exhibitor"])
        exhibitor.users.add(request.user)
        messages.success(request, _("You now manage %(company)s.") % {"company": exhibitor.name})
        return redirect("exhibitors:dashboard")


class BoothListView(CompanyMixin, ForgivingPaginationMixin, ListView):
    template_name = "exhibitors/exhibit/booth_list.html"
    context_object_name = "booths"
    paginate_by = 40

    @cached_property
    def filter_form(self):
        return BoothFilterForm(self.request.GET or None, conference=self.conference)

    def get_queryset(self):
        booths = (
            Booth.objects.available().filter(conference=self.conference).select_related("hall", "booth_type")
        )
        if self.filter_form.is_valid():
            for field in ("hall", "booth_type"):
                if self.filter_form.cleaned_data[field]:
                    booths = booths.filter(**{field: self.filter_form.cleaned_data[field]})
        return booths.order_by("hall__order", "code")

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


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
            return redirect("exhibitors:booth_list")
        messages.success(
            request,
            _("Booth %(code)s is held for you. An organiser will confirm it after the contract and payment.")
            % {"code": reservation.booth.code},
        )
        return redirect("exhibitors:dashboard")


class CancelReservationView(CompanyMixin, View):
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

    @transaction.atomic
    def form_valid(self, form):
        item = form.save(commit=False)
        if item.pk is None:
            item.exhibitor = self.exhibitor
            item.slug = self.unique_slug(item)
        if item.status in (EquipmentStatus.PUBLISHED, EquipmentStatus.REJECTED):
            item.status = EquipmentStatus.DRAFT
        item.save()
        form.save_m2m()
        messages.success(self.request, _("The listing is saved. Submit it for review when it is ready."))
        return redirect("exhibitors:equipment_edit", pk=item.pk)

    def unique_slug(self, item):
        base = f"{self.exhibitor.slug}-{slugify(item.name_en) or 'item'}"[:140]
        slug, number = base, 2
        while Equipment.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug


class EquipmentSubmitView(EquipmentMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        if item.status in (EquipmentStatus.DRAFT, EquipmentStatus.REJECTED):
            item.status = EquipmentStatus.SUBMITTED
            item.save(update_fields=["status", "updated"])
            messages.success(request, _("“%(name)s” is submitted for review.") % {"name": item.name})
        return redirect("exhibitors:dashboard")


class EquipmentDeleteView(EquipmentMixin, View):
    def post(self, request, pk):
        item = self.get_item()
        name = item.name
        item.delete()
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
        image = form.save(commit=False)
        image.equipment = item
        image.order = item.images.count()
        image.save()
        if item.status == EquipmentStatus.PUBLISHED:
            item.status = EquipmentStatus.DRAFT
            item.save(update_fields=["status", "updated"])
        messages.success(request, _("Picture added."))
        return redirect("exhibitors:equipment_edit", pk=item.pk)


class EquipmentImageDeleteView(EquipmentMixin, View):
    def post(self, request, pk, image_pk):
        image = get_object_or_404(self.get_item().images, pk=image_pk)
        image.delete()
        messages.success(request, _("Picture removed."))
        return redirect("exhibitors:equipment_edit", pk=pk)
