"""The intermediate page of the admin's "reject, with a reason" actions (companies, listings and
reservations): it asks for the reason the exhibitor will see, then rejects."""

from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the exhibitor sees it)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


def reject_with_reason(modeladmin, request, queryset, review):
    """An admin action's intermediate page: ask for the reason, then reject."""
    form = ReasonForm(request.POST if "reason" in request.POST else None)
    if form.is_bound and form.is_valid():
        changed = review(queryset, form.cleaned_data["reason"])
        modeladmin.message_user(
            request, ngettext("%(count)d rejected.", "%(count)d rejected.", changed) % {"count": changed}
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "title": _("Reject with a reason"),
        "form": form,
        "queryset": queryset,
        "action": request.POST.get("action"),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/exhibitors/reject_with_reason.html", context)
