"""One-time links for exhibitor accounts."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.http import base36_to_int

CONFIRM_MAX_AGE = 3 * 24 * 3600


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
