"""Signed links of the exhibitor portal, each made and read side by side: the link that
confirms a new account's address, and the invitation that lets a colleague join a company."""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

CONFIRM_MAX_AGE = 3 * 24 * 3600
INVITE_SALT = "exhibitors.invite"
INVITE_MAX_AGE = 7 * 24 * 3600


class AddressConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """The address-confirmation link, bound to the account's state as Django's password-reset
    tokens are: it dies once the account is active, once it has signed in and on a password
    change, so it works once and never signs in an account that is already confirmed."""

    key_salt = "exhibitors.tokens.AddressConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        last_login = "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}{user.password}{user.is_active}{last_login}{user.email}{timestamp}"

    def check_token(self, user, token):
        try:
            issued = base36_to_int(str(token).split("-")[0])
        except ValueError:
            return False
        if self._num_seconds(self._now()) - issued > CONFIRM_MAX_AGE:
            return False
        return super().check_token(user, token)


address_confirmation_token = AddressConfirmationTokenGenerator()


def address_confirmation_args(user):
    """The (uidb64, token) of the link that confirms a new account's address."""
    return urlsafe_base64_encode(force_bytes(user.pk)), address_confirmation_token.make_token(user)


def unconfirmed_account(uidb64, token, *, users=None):
    """The inactive account an address-confirmation link names, or None when the link is
    malformed, used or expired. `users` narrows the lookup (a locking queryset)."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError, OverflowError):
        return None
    # Not `users or ...`: the truth of a queryset runs it, locking every account.
    users = get_user_model().objects if users is None else users
    user = users.filter(pk=pk, is_active=False).first()
    if user is None or not address_confirmation_token.check_token(user, token):
        return None
    return user


def invitation_token(*, exhibitor, email):
    """The token of a colleague's invitation: the company and the address it was sent to."""
    return signing.dumps({"exhibitor": exhibitor.pk, "email": email}, salt=INVITE_SALT)


def invitation_from_token(token):
    """(company pk, invited address) of an invitation, or None when the token is tampered with
    or older than seven days."""
    try:
        invitation = signing.loads(token, salt=INVITE_SALT, max_age=INVITE_MAX_AGE)
    except signing.BadSignature:
        return None
    return invitation["exhibitor"], invitation["email"]
