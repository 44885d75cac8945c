"""The company's equipment listings: the form that creates or edits one, submitting it for
review, deleting it, and adding and removing its pictures."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from .. import services
from ..forms import EquipmentForm, EquipmentImageForm
from .company import CompanyMixin


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
