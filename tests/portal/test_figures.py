import datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from exhibitors.enums import Pricing, ReservationStatus
from tests.factories import (
    BoothFactory,
    BoothTypeFactory,
    ConferenceFactory,
    ExhibitorFactory,
    HallFactory,
    LeadFactory,
    RegistrationFactory,
    ReservationFactory,
)
from visitors.models import Registration

pytestmark = pytest.mark.django_db

URL = "/admin/figures/"
UTC = datetime.UTC


class Tables(HTMLParser):
    """The text of every cell of the page's tables with an id: {id: [[cell, ...], ...]}."""

    def __init__(self, html):
        super().__init__()
        self.tables, self.table, self.row = {}, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id"):
            self.table = self.tables.setdefault(dict(attrs)["id"], [])
        elif tag == "tr" and self.table is not None:
            self.row = []
            self.table.append(self.row)
        elif tag in ("th", "td") and self.row is not None:
            self.row.append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self.table = self.row = None

    def handle_data(self, data):
        if self.row:
            self.row[-1] += data.strip()


def tables(response):
    return Tables(response.content.decode()).tables


def reserve(booth, status, price, **extra):
    return ReservationFactory(
        booth=booth,
        exhibitor=ExhibitorFactory(conference=booth.conference),
        status=status,
        price=Decimal(price),
        **extra,
    )


def registration(conference, created, checked_in_at=None):
    visitor = RegistrationFactory(conference=conference, checked_in_at=checked_in_at)
    Registration.objects.filter(pk=visitor.pk).update(created=created)
    return visitor


@pytest.fixture
def expo(conference):
    """Hall A: 2 booked, 1 held, 3 free (one of them with a hold past its deadline); hall B
    empty. Three visitors across a day boundary in Asia/Shanghai; leads of three exhibitors."""
    hall_a = HallFactory(conference=conference, name_zh_hans="A馆", name_en="Hall A", order=1)
    HallFactory(conference=conference, name_zh_hans="B馆", name_en="Hall B", order=2)
    shell = BoothTypeFactory(conference=conference, name_zh_hans="标准展位", price=Decimal("12800"))
    raw = BoothTypeFactory(
        conference=conference, name_zh_hans="光地", pricing=Pricing.PER_SQUARE_METRE, price=Decimal("800")
    )

    def booth(booth_type, size="3"):
        return BoothFactory(hall=hall_a, booth_type=booth_type, width=Decimal(size), depth=Decimal(size))

    reserve(booth(shell), ReservationStatus.CONFIRMED, "12800.00")
    reserve(booth(raw, "6"), ReservationStatus.CONFIRMED, "28800.00")
    reserve(booth(shell), ReservationStatus.HELD, "11500.50")
    reserve(
        booth(shell),
        ReservationStatus.HELD,
        "12800.00",
        held_until=timezone.now() - datetime.timedelta(minutes=1),
    )
    reserve(booth(raw, "6"), ReservationStatus.CANCELLED, "28800.00")
    booth(shell)
    # Another edition's booth counts nowhere here.
    reserve(BoothFactory(), ReservationStatus.CONFIRMED, "99999.00")

    visitors = [
        # 23:59:59 on 19 June in Shanghai, and the two next ones on 20 June.
        registration(conference, datetime.datetime(2030, 6, 19, 15, 59, 59, tzinfo=UTC)),
        registration(
            conference,
            datetime.datetime(2030, 6, 19, 16, 0, tzinfo=UTC),
            checked_in_at=datetime.datetime(2030, 6, 20, 1, 0, tzinfo=UTC),
        ),
        registration(conference, datetime.datetime(2030, 6, 20, 9, 0, tzinfo=UTC)),
    ]
    most = ExhibitorFactory(conference=conference, name_zh_hans="乙公司")
    fewest = ExhibitorFactory(conference=conference, name_zh_hans="甲公司")
    middle = ExhibitorFactory(conference=conference, name_zh_hans="<script>alert(1)</script>")
    ExhibitorFactory(conference=conference, name_zh_hans="无线索公司")
    for exhibitor, count in [(most, 3), (fewest, 1), (middle, 2)]:
        for visitor in visitors[:count]:
            LeadFactory(exhibitor=exhibitor, registration=visitor)
    return {"most": most, "middle": middle, "fewest": fewest}


def test_figures_count_booths_by_status_per_hall(organiser_client, expo):
    response = organiser_client.get(URL)

    assert response.status_code == 200
    assert [
        (row["hall"].name_en, row["confirmed"], row["held"], row["free"]) for row in response.context["halls"]
    ] == [
        ("Hall A", 2, 1, 3),
        ("Hall B", 0, 0, 0),
    ]
    booths = tables(response)["table-booths"]
    assert booths[1:-1] == [["A馆", "2", "1", "3"], ["B馆", "0", "0", "0"]]
    assert booths[-1][1:] == ["2", "1", "3"]


def test_figures_sum_area_and_revenue_by_booth_type(organiser_client, expo):
    response = organiser_client.get(URL)

    rows = [
        (
            row["booth_type"].name_zh_hans,
            row["confirmed_booths"],
            row["confirmed_area"],
            row["confirmed_revenue"],
            row["held_booths"],
            row["held_area"],
            row["held_revenue"],
        )
        for row in response.context["booth_types"]
    ]
    assert rows == [
        ("标准展位", 1, Decimal("9"), Decimal("12800"), 1, Decimal("9"), Decimal("11500.50")),
        ("光地", 1, Decimal("36"), Decimal("28800"), 0, 0, 0),
    ]
    types = tables(response)["table-types"]
    assert types[2:-1] == [
        ["标准展位", "1", "9.0", "12800.00", "1", "9.0", "11500.50"],
        ["光地", "1", "36.0", "28800.00", "0", "0.0", "0.00"],
    ]
    assert types[-1][1:] == ["2", "45.0", "41600.00", "1", "9.0", "11500.50"]


def test_figures_count_registrations_and_check_ins_per_day_in_the_editions_zone(organiser_client, expo):
    response = organiser_client.get(URL)

    assert response.context["days"] == [
        {"day": datetime.date(2030, 6, 19), "registered": 1, "checked_in": 0},
        {"day": datetime.date(2030, 6, 20), "registered": 2, "checked_in": 1},
    ]
    days = tables(response)["table-days"]
    assert days[1:-1] == [["2030-06-19", "1", "0"], ["2030-06-20", "2", "1"]]
    assert days[-1][1:] == ["3", "1"]


def test_figures_list_exhibitors_by_leads_most_first_with_the_total(organiser_client, expo):
    response = organiser_client.get(URL)

    leads = response.context["leads"]
    assert [(exhibitor.pk, exhibitor.lead_count) for exhibitor in leads["exhibitors"]] == [
        (expo["most"].pk, 3),
        (expo["middle"].pk, 2),
        (expo["fewest"].pk, 1),
    ]
    assert (leads["total"], leads["exhibitor_count"]) == (6, 3)
    assert tables(response)["table-leads"][1:-1] == [
        ["乙公司", "3"],
        ["<script>alert(1)</script>", "2"],
        ["甲公司", "1"],
    ]
    assert tables(response)["table-leads"][-1][1:] == ["6"]


def test_figures_show_the_top_twenty_exhibitors_and_count_them_all(organiser_client, conference):
    visitor = RegistrationFactory(conference=conference)
    for _ in range(22):
        LeadFactory(exhibitor=ExhibitorFactory(conference=conference), registration=visitor)

    response = organiser_client.get(URL)

    leads = response.context["leads"]
    assert (len(leads["exhibitors"]), leads["total"], leads["exhibitor_count"]) == (20, 22, 22)
    assert len(tables(response)["table-leads"]) == 1 + 20 + 1


def test_figures_escape_labels_in_the_charts(organiser_client, expo):
    response = organiser_client.get(URL)

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    chart = html[html.index('id="chart-leads-title"') :]
    chart = chart[: chart.index("</svg>")]
    # The row's title in full, its label shortened to fit a phone.
    assert chart.count("<title>&lt;script&gt;alert(1)&lt;/script&gt;: ") == 1
    assert chart.count('class="chart-label">&lt;script&gt;alert(1)&lt;…</text>') == 1


def test_figures_charts_are_images_with_a_title(organiser_client, expo):
    html = organiser_client.get(URL).content.decode()

    assert html.count('role="img" aria-labelledby="chart-') == 5
    for name in ["chart-booths", "chart-area", "chart-revenue", "chart-days", "chart-leads"]:
        assert f'aria-labelledby="{name}-title"><title id="{name}-title">' in html


def test_figures_of_an_edition_without_data_say_there_is_nothing_yet(organiser_client, conference):
    response = organiser_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<p class="chart-empty">') == 5
    assert '<svg class="chart-bars"' not in html
    assert response.context["leads"] == {"exhibitors": [], "total": 0, "exhibitor_count": 0}


def test_figures_of_another_edition_by_number(organiser_client, expo):
    other = ConferenceFactory(number=77)
    HallFactory(conference=other, name_en="Hall Z")

    response = organiser_client.get(URL, {"edition": "77"})

    assert response.status_code == 200
    assert response.context["conference"] == other
    assert [row["hall"].name_en for row in response.context["halls"]] == ["Hall Z"]


@pytest.mark.parametrize("edition", ["999", "abc", "-1", "99999999999999999999", ""])
def test_figures_of_an_unknown_edition_are_not_found(organiser_client, conference, edition):
    assert organiser_client.get(URL, {"edition": edition}).status_code == 404


def test_figures_send_an_anonymous_visitor_to_the_sign_in(client, conference):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={URL}"


def test_figures_refuse_staff_without_the_expos_permissions(client, django_user_model, conference):
    client.force_login(
        django_user_model.objects.create_user("helper", password="pw-for-tests", is_staff=True)
    )

    assert client.get(URL).status_code == 403
    assert f'href="{URL}"' not in client.get("/admin/").content.decode()


def test_figures_are_linked_from_the_admin_index_for_organisers(organiser_client, conference):
    assert f'href="{URL}"' in organiser_client.get("/admin/").content.decode()


def make_expo(conference, size):
    """`size` halls, booth types, days of visitors and exhibitors with leads."""
    for number in range(size):
        hall = HallFactory(conference=conference)
        booth_type = BoothTypeFactory(conference=conference)
        booths = [BoothFactory(hall=hall, booth_type=booth_type) for _ in range(3)]
        reserve(booths[0], ReservationStatus.CONFIRMED, "12800.00")
        reserve(booths[1], ReservationStatus.HELD, "12800.00")
        visitor = registration(conference, datetime.datetime(2030, 6, 1 + number, 3, 0, tzinfo=UTC))
        LeadFactory(exhibitor=ExhibitorFactory(conference=conference), registration=visitor)


@pytest.mark.parametrize("size", [1, 25])
def test_figures_query_count_does_not_grow_with_the_data(
    organiser_client, conference, size, django_assert_num_queries
):
    make_expo(conference, size)

    with django_assert_num_queries(16):
        response = organiser_client.get(URL)

    assert response.status_code == 200
    assert len(response.context["halls"]) == size
