from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from common.middleware import has_control_characters
from common.sorting import name_order
from common.views import FilteredListView
from events.views import CurrentConferenceMixin

from .extensions import EQUIPMENT_PAGE_ACTIONS, EXHIBITOR_PAGE_ACTIONS
from .filters import EquipmentFilter, ExhibitorFilter
from .models import Equipment
from .selectors import (
    equipment_for_listing,
    exhibitors_for_listing,
    hall_of_booth,
    hall_plans,
    public_equipment,
    public_exhibitors,
)


class FloorPlanView(CurrentConferenceMixin, TemplateView):
    """One hall at a time (`?hall=`), with links to the others; `?booth=` opens the hall that
    holds the booth and highlights it. An unknown hall shows the first."""

    template_name = "exhibitors/floor_plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        halls = list(self.conference.halls.all())
        wanted = self.request.GET.get("booth", "").strip()[:20]
        hall_id = hall_of_booth(self.conference, wanted) if wanted else None
        if hall_id is None:
            hall_id = self.request.GET.get("hall", "")
        hall = next((hall for hall in halls if str(hall.pk) == str(hall_id)), halls[0] if halls else None)
        plans = hall_plans(self.conference, halls=[hall], highlight={wanted}) if hall else []
        found = any(item.highlighted for plan in plans for item in plan.booths)
        context.update(
            halls=halls,
            hall=hall,
            plans=plans,
            highlighted=wanted,
            missing_booth=wanted if wanted and not found else "",
        )
        return context


class ConferenceFilterMixin(CurrentConferenceMixin):
    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "conference": self.conference}


class ExhibitorListView(ConferenceFilterMixin, FilteredListView):
    template_name = "exhibitors/exhibitor_list.html"
    filterset_class = ExhibitorFilter
    paginate_by = 24

    def get_queryset(self):
        return exhibitors_for_listing(public_exhibitors(self.conference)).order_by(*name_order("name_sort"))


class ExhibitorDetailView(CurrentConferenceMixin, DetailView):
    template_name = "exhibitors/exhibitor_detail.html"
    context_object_name = "exhibitor"

    def get_queryset(self):
        return exhibitors_for_listing(public_exhibitors(self.conference))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exhibitor = self.object
        booths = {reservation.booth for reservation in exhibitor.confirmed_reservations}
        halls = sorted({booth.hall for booth in booths}, key=lambda hall: (hall.order, hall.pk))
        # Only the company's own booths inside the hall's outline: the whole hall is on the plan.
        plans = hall_plans(
            self.conference,
            halls=halls,
            booths={booth.pk for booth in booths},
            highlight={booth.code for booth in booths},
        )
        context.update(
            plans=plans,
            equipment=equipment_for_listing(exhibitor.equipment.public()),
            page_actions=EXHIBITOR_PAGE_ACTIONS,
        )
        return context


class EquipmentListView(ConferenceFilterMixin, FilteredListView):
    template_name = "exhibitors/equipment_list.html"
    filterset_class = EquipmentFilter
    paginate_by = 24

    def get_queryset(self):
        return equipment_for_listing(public_equipment(self.conference)).order_by("name", "pk")


class EquipmentDetailView(CurrentConferenceMixin, DetailView):
    template_name = "exhibitors/equipment_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return equipment_for_listing(public_equipment(self.conference)).prefetch_related("standards")

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_actions=EQUIPMENT_PAGE_ACTIONS, **kwargs)


def may_read_spec_sheet(user, equipment):
    """Anyone once the listing is public; before, its company's team and the organisers."""
    return (
        Equipment.objects.public().filter(pk=equipment.pk).exists()
        or (user.is_authenticated and equipment.exhibitor.users.filter(pk=user.pk).exists())
        or user.has_perm("exhibitors.view_equipment")
    )


@require_safe
def private_file(request, name):
    """A private upload (a spec sheet) for whoever may read it: the file itself from a local
    folder, or a redirect to a signed link of the object store that expires in minutes. Anyone
    else gets the same 404 as for a name that does not exist."""
    if has_control_characters(name):  # a NUL, say, which PostgreSQL refuses in any string
        raise Http404("No such file.")
    equipment = Equipment.objects.select_related("exhibitor").filter(spec_sheet=name).first()
    if equipment is None or not may_read_spec_sheet(request.user, equipment):
        raise Http404("No such file.")
    storage = equipment.spec_sheet.storage
    if hasattr(storage, "signed_url"):
        response = HttpResponseRedirect(storage.signed_url(name))
    else:
        try:
            response = FileResponse(storage.open(name), content_type="application/pdf")
        except FileNotFoundError:
            raise Http404("No such file.") from None
    patch_cache_control(response, private=True, no_store=True)
    return response
