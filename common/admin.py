"""Pieces every back-office page shares. (No models of its own to register.)"""

from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import BadRequest, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse


def _holds(field, value):
    """Whether `value` can be a value of `field` (PostgreSQL refuses NUL in any string)."""
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return "\x00" not in str(value)


class _ChosenValuesThatCanExist:
    """Django's autocomplete widget looks the posted values up to show them again; one its key
    cannot hold ("abc" for a number) raised ValueError there, a 500 in place of the form's own
    "select a valid choice". Such a value is shown as not chosen."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        opts = remote.model._meta
        key = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)
        return super().optgroups(name, [item for item in value if _holds(key, item)], attr)


class ForgivingAutocompleteSelect(_ChosenValuesThatCanExist, AutocompleteSelect):
    pass


class ForgivingAutocompleteSelectMultiple(_ChosenValuesThatCanExist, AutocompleteSelectMultiple):
    pass


class MalformedPostMixin:
    """For every ModelAdmin, and every inline with autocomplete fields: a tampered post is a form
    error or a 400, never a 500."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ForgivingAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ForgivingAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def response_action(self, request, queryset):
        # Django filters the list by the ticked rows' keys as posted; one that is not a key
        # ("abc" for a number) raised ValueError.
        key = self.model._meta.pk
        if not all(_holds(key, value) for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)):
            raise BadRequest("An action was posted for rows that cannot exist.")
        return super().response_action(request, queryset)


def form_page(request, model_admin, *, form, title, intro, submit_label):
    """A back-office page with one form (admin/form_page.html), under the model's list: the
    booth-row generator, the programme import."""
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": title,
        "form": form,
        "changelist_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        "intro": intro,
        "submit_label": submit_label,
    }
    return TemplateResponse(request, "admin/form_page.html", context)
