import uuid

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .cache import counting_cache


def https_url_formfield(field, **kwargs):
    """A ModelForm's formfield_callback: addresses typed without a scheme are taken as https
    (Django 6's default, asked for now so that Django 5.2 does not warn)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


# The same for a ModelAdmin's formfield_overrides.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def query_field(label, placeholder):
    """A search box's field: optional, at most 100 characters, with a message saying so."""
    return forms.CharField(
        label=label,
        max_length=100,
        required=False,
        error_messages={"max_length": _("Shorten the search to %(limit_value)d characters.")},
        widget=forms.TextInput(attrs={"type": "search", "placeholder": placeholder}),
    )


class SubmitOnceMixin:
    """For a form that creates something: a hidden one-time key, so a repeated post of the
    same form (a double click, a reload that sends it again) saves once. The key is claimed in
    the shared cache, which every app process sees (in this process's memory while Redis is
    away: common.cache.counting_cache)."""

    submit_once_seconds = 3600

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission"] = forms.RegexField(
            regex=r"^[0-9a-f]{32}$", required=False, initial=uuid.uuid4().hex, widget=forms.HiddenInput
        )

    def _submission_key(self):
        return f"submit-once:{self.cleaned_data.get('submission') or ''}"

    def claim_submission(self):
        """True for the first valid post of this form; False when it was sent already."""
        if not self.cleaned_data.get("submission"):
            return True
        return counting_cache().add(self._submission_key(), True, self.submit_once_seconds)

    def release_submission(self):
        """After a failed save, the same form may be sent again."""
        counting_cache().delete(self._submission_key())

    def submission_claimed(self):
        """Whether a post of this same form was saved already."""
        return counting_cache().get(self._submission_key()) is not None
