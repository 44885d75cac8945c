"""The exhibitor portal's accounts: signing up, confirming the address, signing in and out and
resetting the password, each form post counted against the account rate limits."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from common.ratelimit import RateLimit, SignInGuard, address_key, client_ip, wait_message
from events.selectors import AGENDA_SESSION_PREFIX

from .. import services, tokens
from ..forms import AddressPasswordResetForm, SignInForm, SignUpForm


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
    form_class = AddressPasswordResetForm
    rate_limit_action = "password-reset"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "exhibitors/exhibit/password_reset_confirm.html"
    success_url = reverse_lazy("exhibitors:sign_in")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is changed. Sign in with the new one."))
        return super().form_valid(form)
