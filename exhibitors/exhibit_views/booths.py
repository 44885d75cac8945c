"""Choosing and reserving a booth: the hall's booths on its plan and as a list, a booth's page,
the reservation and its cancellation."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from common.views import ForgivingPaginationMixin

from .. import services
from ..enums import BoothAvailability, ReservationStatus, ReviewStatus
from ..forms import BoothFilterForm
from ..models import Booth
from ..selectors import booths_to_choose, hall_plans
from .company import CompanyMixin


class BoothListView(CompanyMixin, ForgivingPaginationMixin, ListView):
    """Choose a booth, one hall at a time (`?hall=`, the first by default): the hall's plan, on
    which each free booth leads to its page, then the hall's booths as a list that fits a phone,
    the free ones unless `?show=all`, of one type with `?booth_type=`. `?booth=` highlights a
    booth on the plan."""

    template_name = "exhibitors/exhibit/booth_list.html"
    context_object_name = "booths"
    paginate_by = 12

    @cached_property
    def filter_form(self):
        return BoothFilterForm(self.request.GET or None, conference=self.conference)

    @cached_property
    def halls(self):
        return list(self.conference.halls.all())

    @cached_property
    def hall(self):
        wanted = self.request.GET.get("hall", "")
        chosen = [hall for hall in self.halls if str(hall.pk) == wanted]
        return (chosen or self.halls or [None])[0]

    def get_queryset(self):
        booth_type, show_taken = self.filter_form.filters()
        booths = booths_to_choose(self.conference, exhibitor=self.exhibitor).filter(hall=self.hall)
        if booth_type:
            booths = booths.filter(booth_type=booth_type)
        if not show_taken:
            booths = booths.filter(is_booked=False, is_held=False)
        return booths.order_by("code")

    def get_context_data(self, **kwargs):
        highlight = self.request.GET.get("booth", "").strip()[:20]
        plans = hall_plans(self.conference, halls=[self.hall], highlight={highlight}) if self.hall else []
        return super().get_context_data(
            filter_form=self.filter_form, halls=self.halls, hall=self.hall, plans=plans, **kwargs
        )


class BoothDetailView(CompanyMixin, DetailView):
    """A booth's size, price, what is included and, while it is free, the terms of a hold and the
    button that reserves it (a post to ReserveView). Looking changes nothing."""

    template_name = "exhibitors/exhibit/booth_detail.html"
    context_object_name = "booth"

    def get_queryset(self):
        return booths_to_choose(self.conference, exhibitor=self.exhibitor)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booth = self.object
        taken = booth.availability != BoothAvailability.AVAILABLE and not booth.is_mine
        context.update(
            hold_days=settings.EXHIBIT_HOLD_DAYS,
            held_until=timezone.now() + datetime.timedelta(days=settings.EXHIBIT_HOLD_DAYS),
            max_reservations=settings.EXHIBIT_MAX_ACTIVE_RESERVATIONS,
            may_reserve=self.exhibitor.review_status != ReviewStatus.REJECTED,
            alternatives=services.similar_free_booths(booth) if taken else [],
        )
        return context


class ReserveView(CompanyMixin, View):
    def post(self, request, pk):
        booth = get_object_or_404(Booth, pk=pk, conference=self.conference)
        try:
            reservation = services.booth_reserve(exhibitor=self.exhibitor, booth=booth)
        except services.BoothTaken as taken:
            messages.error(
                request,
                _("Booth %(code)s was just taken. Similar free booths are listed below.")
                % {"code": booth.code},
            )
            return render(
                request,
                "exhibitors/exhibit/booth_taken.html",
                {"booth": booth, "alternatives": taken.alternatives, "exhibitor": self.exhibitor},
                status=409,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("exhibitors:booth_detail", pk=booth.pk)
        messages.success(
            request,
            _("Booth %(code)s is held for you. An organiser will confirm it after the contract and payment.")
            % {"code": reservation.booth.code},
        )
        return redirect("exhibitors:dashboard")


class CancelReservationView(CompanyMixin, View):
    """Cancelling frees the booth to others at once, so the dashboard's button leads here
    first: the page says so and asks; only its post cancels."""

    def get(self, request, pk):
        reservation = get_object_or_404(self.exhibitor.reservations.select_related("booth__hall"), pk=pk)
        if reservation.status != ReservationStatus.HELD:
            messages.error(
                request, _("Only a held reservation can be cancelled here; contact the organisers.")
            )
            return redirect("exhibitors:dashboard")
        return render(request, "exhibitors/exhibit/reservation_cancel.html", {"reservation": reservation})

    def post(self, request, pk):
        reservation = get_object_or_404(self.exhibitor.reservations, pk=pk)
        try:
            services.reservation_cancel(reservation=reservation)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("Your reservation of booth %(code)s is cancelled.") % {"code": reservation.booth.code},
            )
        return redirect("exhibitors:dashboard")
