"""E-mail addresses as people type them. A Chinese keyboard writes full-width letters, digits,
`＠` and `。`; a mailbox is the same whatever the widths, so an address is normalised (NFKC,
the IME's full stops as dots, lower case, the domain in its IDNA form) before it is checked,
compared, counted or stored: one mailbox, one registration, one count."""

import contextlib
import unicodedata

from django import forms

# Full stops an IME writes in a domain that NFKC leaves alone; IDNA reads them as dots.
_DOTS = str.maketrans({"\u3002": ".", "\uff61": ".", "\uff0e": "."})


def normalised_email(typed):
    """`typed` as the one form of its mailbox's address; what is no address comes back
    normalised the same way, for the validator to refuse."""
    text = unicodedata.normalize("NFKC", typed or "").strip().translate(_DOTS).lower()
    local, at, domain = text.rpartition("@")
    if not at or not domain:
        return text
    # A domain IDNA cannot write (a label too long, a forbidden character) is left as it is,
    # for the e-mail validator to refuse.
    with contextlib.suppress(UnicodeError):
        domain = domain.rstrip(".").encode("idna").decode("ascii")
    return f"{local}@{domain}"


class EmailAddressField(forms.EmailField):
    """An e-mail field that takes what a Chinese keyboard types and gives the normalised address."""

    def to_python(self, value):
        return normalised_email(super().to_python(value))
