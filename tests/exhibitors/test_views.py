from decimal import Decimal

import pytest

from exhibitors.models import Booth, Exhibitor
from tests.factories import (
    BoothFactory,
    BoothTypeFactory,
    CategoryFactory,
    EquipmentFactory,
    ExhibitorFactory,
    HallFactory,
    ReservationFactory,
    StandardFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def expo(conference):
    """A hall with free, held and booked booths; approved, pending exhibitors; equipment."""
    hall = HallFactory(conference=conference, name_zh_hans="一号馆", name_en="Hall 1")
    other_hall = HallFactory(conference=conference, name_en="Hall 2")
    sensing = CategoryFactory(slug="iot-sensing", name_en="IoT sensing")
    sensors = CategoryFactory(slug="sensors", parent=sensing, name_en="Sensors")
    video = CategoryFactory(slug="video", name_en="Video analytics")
    acme = ExhibitorFactory(
        conference=conference, slug="acme", name_en="Acme Sensing", name_zh_hans="艾克米传感",
        region_zh_hans="上海", region_en="Shanghai", description_en="Environmental sensors",
    )  # fmt: skip
    acme.categories.add(sensing)
    vision = ExhibitorFactory(conference=conference, slug="vision", name_en="Vision Co")
    vision.categories.add(video)
    pending = ExhibitorFactory(
        conference=conference, slug="pending", name_en="Pending Co", review_status="pending"
    )
    free = BoothFactory(hall=hall, code="A-101")
    ReservationFactory(booth=BoothFactory(hall=hall, code="A-102"), exhibitor=acme, status="confirmed")
    ReservationFactory(booth=BoothFactory(hall=hall, code="A-103"), exhibitor=vision, status="held")
    ReservationFactory(
        booth=BoothFactory(hall=other_hall, code="B-101"), exhibitor=vision, status="confirmed"
    )
    standard = StandardFactory(slug="gb-t-36333-2018", code="GB/T 36333-2018")
    sensor = EquipmentFactory(exhibitor=acme, slug="air-sensor", name_en="Air sensor", category=sensors)
    sensor.standards.add(standard)
    EquipmentFactory(
        exhibitor=vision, slug="camera", name_en="Camera", category=video, summary_en="Smart camera"
    )
    EquipmentFactory(
        exhibitor=acme, slug="draft-thing", name_en="Draft thing", category=sensors, status="draft"
    )
    EquipmentFactory(exhibitor=pending, slug="pending-thing", name_en="Pending thing", category=video)
    return {
        "hall": hall, "other_hall": other_hall, "free": free, "acme": acme, "sensing": sensing,
        "standard": standard,
    }  # fmt: skip


def test_floor_plan_shows_the_first_hall_with_every_booth_status_in_text_and_pattern(client, expo):
    Booth.objects.filter(code="A-102").update(x=Decimal("4.50"), y=Decimal("300"))

    response = client.get("/en/floor-plan/")

    content = response.content.decode()
    plans = response.context["plans"]
    assert [plan.hall.name_en for plan in plans] == ["Hall 1"]
    assert [(item.booth.code, item.booth.availability.value) for item in plans[0].booths] == [
        ("A-101", "available"),
        ("A-102", "booked"),
        ("A-103", "held"),
    ]
    assert '<g class="booth booth-held"><rect ' in content
    assert '<td class="status-label status-held">Held</td>' in content
    assert '<p class="free-booths"><strong>Available booth (1):</strong> A-101</p>' in content
    assert '<tr id="booth-A-101">' not in content
    assert (
        '<a href="/en/exhibitors/acme/" class="booth booth-booked">'
        "<title>A-102 · Booked · Acme Sensing</title>"
        '<rect x="4.5" y="300" width="3" height="3"/><text x="4.75" y="300.95">A-102</text>'
        '<text class="booth-company" x="4.75" y="301.7">Acme…</text></a>'
    ) in content
    assert (
        '<tr id="booth-A-102"><th>A-102</th><td>3 × 3 m</td>'
        '<td class="status-label status-booked">Booked</td>'
        '<td><a href="/en/exhibitors/acme/">Acme Sensing</a></td></tr>'
    ) in content


def test_floor_plan_links_every_hall_and_shows_the_one_asked_for(client, expo):
    hall_2 = expo["other_hall"]

    response = client.get(f"/en/floor-plan/?hall={hall_2.pk}")

    content = response.content.decode()
    assert [plan.hall.name_en for plan in response.context["plans"]] == ["Hall 2"]
    assert f'<a href="/en/floor-plan/?hall={hall_2.pk}" aria-current="page">Hall 2</a>' in content
    assert "A-101" not in content


@pytest.mark.parametrize("hall", ["abc", "99999999999999999999", "-1", ""])
def test_floor_plan_unknown_hall_shows_the_first(client, expo, hall):
    response = client.get("/en/floor-plan/", {"hall": hall})

    assert [plan.hall.name_en for plan in response.context["plans"]] == ["Hall 1"]


def test_floor_plan_booth_names_are_escaped(client, expo):
    Exhibitor.objects.filter(slug="acme").update(name_en="<b>Acme</b> & Co")

    content = client.get("/en/floor-plan/").content.decode()

    assert "<title>A-102 · Booked · &lt;b&gt;Acme&lt;/b&gt; &amp; Co</title>" in content
    assert "<b>Acme</b>" not in content


def test_floor_plan_lists_a_free_booth_asked_for_in_the_table(client, expo):
    content = client.get("/en/floor-plan/?booth=A-101").content.decode()

    assert '<tr id="booth-A-101" class="is-highlighted" aria-current="true"><th>A-101</th>' in content
    assert '<g class="booth booth-available is-highlighted">' in content


def test_floor_plan_highlights_a_booth_by_url_in_its_hall(client, expo):
    response = client.get("/en/floor-plan/?booth=B-101")

    highlighted = [
        item.booth.code for plan in response.context["plans"] for item in plan.booths if item.highlighted
    ]
    assert highlighted == ["B-101"]
    assert [plan.hall.name_en for plan in response.context["plans"]] == ["Hall 2"]
    assert '<tr id="booth-B-101" class="is-highlighted" aria-current="true">' in response.content.decode()


@pytest.mark.parametrize("value", ["Z-999", "<script>", "x" * 500])
def test_floor_plan_unknown_or_malformed_booth_says_so(client, expo, value):
    response = client.get("/en/floor-plan/", {"booth": value})

    assert response.status_code == 200
    assert "There is no booth" in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main")[1]


@pytest.mark.parametrize("booths", [5, 3000])
def test_floor_plan_query_count_does_not_grow(client, conference, booths, django_assert_num_queries):
    hall = HallFactory(conference=conference, width=Decimal("600"), depth=Decimal("300"))
    booth_type = BoothTypeFactory(conference=conference)
    Booth.objects.bulk_create(
        Booth(
            conference=conference, hall=hall, booth_type=booth_type, code=f"A-{n}",
            x=Decimal(3 * (n % 200)), y=Decimal(3 * (n // 200)), width=3, depth=3,
        )
        for n in range(booths)
    )  # fmt: skip
    ReservationFactory(booth=Booth.objects.first(), status="confirmed")
    client.get("/en/")

    # halls, booths with availability, confirmed reservations with exhibitors.
    with django_assert_num_queries(3):
        response = client.get("/en/floor-plan/")
    # and the booth's hall for ?booth=.
    with django_assert_num_queries(4):
        client.get("/en/floor-plan/?booth=A-1")

    assert len(response.context["plans"][0].booths) == booths


def test_floor_plan_in_chinese(client, expo):
    content = client.get("/floor-plan/").content.decode()

    assert "一号馆" in content
    assert '<td class="status-label status-booked">已订出</td>' in content


def names(response):
    return [item.name_en for item in response.context["object_list"]]


def test_directory_lists_approved_exhibitors_only(client, expo):
    assert names(client.get("/en/exhibitors/")) == ["Acme Sensing", "Vision Co"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=iot-sensing", ["Acme Sensing"]),
        ("region=Shanghai", ["Acme Sensing"]),
        ("q=environmental", ["Acme Sensing"]),
        ("q=艾克米", ["Acme Sensing"]),
        ("q=nobody", []),
    ],
)
def test_directory_filters(client, expo, query, expected):
    assert names(client.get(f"/en/exhibitors/?{query}")) == expected


def test_directory_hall_filter(client, expo):
    assert names(client.get(f"/en/exhibitors/?hall={expo['hall'].pk}")) == ["Acme Sensing"]


@pytest.mark.parametrize(
    ("query", "field"), [("category=nope", "category"), ("hall=abc", "hall"), ("region=Atlantis", "region")]
)
def test_directory_bad_filter_is_reported_and_ignored(client, expo, query, field):
    response = client.get(f"/en/exhibitors/?{query}")

    assert list(response.context["filter"].form.errors) == [field]
    assert len(names(response)) == 2


@pytest.mark.parametrize("count", [1, 30])
def test_directory_query_count_does_not_grow(client, conference, count, django_assert_num_queries):
    category = CategoryFactory()
    for _ in range(count):
        exhibitor = ExhibitorFactory(conference=conference)
        exhibitor.categories.add(category)
        ReservationFactory(exhibitor=exhibitor, booth__hall__conference=conference)
    client.get("/en/")

    # regions, count, exhibitors, categories, booths; filter choices: fields, halls.
    with django_assert_num_queries(7):
        client.get("/en/exhibitors/")


def test_exhibitor_profile_shows_its_booth_alone_on_the_hall_and_published_equipment(client, expo):
    response = client.get("/en/exhibitors/acme/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Acme Sensing</h1>" in content
    assert "Booth A-102, Hall 1" in content
    assert [
        item.booth.code for plan in response.context["plans"] for item in plan.booths if item.highlighted
    ] == ["A-102"]
    assert [item.booth.code for plan in response.context["plans"] for item in plan.booths] == ["A-102"]
    assert [item.name_en for item in response.context["equipment"]] == ["Air sensor"]


@pytest.mark.parametrize("slug", ["pending", "nobody"])
def test_pending_or_unknown_exhibitor_is_404(client, expo, slug):
    assert client.get(f"/en/exhibitors/{slug}/").status_code == 404


def test_catalogue_lists_published_equipment_of_approved_exhibitors(client, expo):
    assert names(client.get("/en/equipment/")) == ["Air sensor", "Camera"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=iot-sensing", ["Air sensor"]),
        ("category=sensors", ["Air sensor"]),
        ("category=video", ["Camera"]),
        ("standard=gb-t-36333-2018", ["Air sensor"]),
        ("exhibitor=vision", ["Camera"]),
        ("exhibitor=pending", []),
        ("exhibitor=acme+sens", ["Air sensor"]),
        ("exhibitor=艾克米", ["Air sensor"]),
        ("q=smart+camera", ["Camera"]),
    ],
)
def test_catalogue_filters(client, expo, query, expected):
    assert names(client.get(f"/en/equipment/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [("category=999", "category"), ("standard=nope", "standard"), (f"exhibitor={'x' * 201}", "exhibitor")],
)
def test_catalogue_bad_filter_is_reported_and_ignored(client, expo, query, field):
    response = client.get(f"/en/equipment/?{query}")

    assert list(response.context["filter"].form.errors) == [field]
    assert len(names(response)) == 2


@pytest.mark.parametrize("count", [1, 30])
def test_catalogue_query_count_does_not_grow(client, conference, count, django_assert_num_queries):
    exhibitor = ExhibitorFactory(conference=conference)
    category = CategoryFactory()
    for _ in range(count):
        EquipmentFactory(exhibitor=exhibitor, category=category)
    client.get("/en/")

    # count, listings, images; filter choices: categories, standards.
    with django_assert_num_queries(5):
        client.get("/en/equipment/")


def test_equipment_page_links_its_standards(client, expo):
    content = client.get("/en/equipment/air-sensor/").content.decode()

    assert '<a href="/en/standards/gb-t-36333-2018/">GB/T 36333-2018' in content
    assert 'href="/en/exhibitors/acme/"' in content


@pytest.mark.parametrize("slug", ["draft-thing", "pending-thing", "nothing"])
def test_unpublished_or_unknown_equipment_is_404(client, expo, slug):
    assert client.get(f"/en/equipment/{slug}/").status_code == 404


def test_standard_page_lists_its_conforming_equipment(client, expo):
    response = client.get("/en/standards/gb-t-36333-2018/")

    assert [item.name_en for item in response.context["conforming_equipment"]] == ["Air sensor"]
    assert "Equipment that conforms to this standard" in response.content.decode()


def test_a_booked_booth_shows_its_company_where_it_fits(client, expo):
    Booth.objects.filter(code="A-102").update(width=Decimal("6"))
    Booth.objects.filter(code="B-101").update(width=Decimal("1.5"))

    wide = client.get("/en/floor-plan/").content.decode()
    narrow = client.get(f"/en/floor-plan/?hall={expo['other_hall'].pk}").content.decode()

    assert '<text class="booth-company" x="' in wide
    assert ">Acme Sensing</text>" in wide
    assert "booth-company" not in narrow


def test_exhibitor_list_in_english_takes_a_company_with_no_english_region(client, conference):
    ExhibitorFactory(conference=conference, name_en="Acme Sensing", region_en="Shanghai")
    ExhibitorFactory(conference=conference, name_en="Beta Lighting", region_en=None)

    response = client.get("/en/exhibitors/")

    assert response.status_code == 200
    assert response.context["filter"].filters["region"].extra["choices"] == [("Shanghai", "Shanghai")]


def test_the_region_filter_lists_each_region_once_however_many_companies_share_it(client, conference):
    for number in range(12):
        ExhibitorFactory(
            conference=conference,
            name_zh_hans=f"公司{number}",
            region_zh_hans="北京" if number % 3 else "上海",
        )

    choices = client.get("/exhibitors/").context["filter"].filters["region"].extra["choices"]

    assert sorted(choices) == [("上海", "上海"), ("北京", "北京")]
