from django.db import models


def https_url_formfield(field, **kwargs):
    """A ModelForm's formfield_callback: addresses typed without a scheme are taken as https
    (Django 6's default, asked for now so that Django 5.2 does not warn)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


# The same for a ModelAdmin's formfield_overrides.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
