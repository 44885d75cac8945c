import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import (
    CategoryFactory,
    ConferenceFactory,
    ExhibitorFactory,
    LeadFactory,
    RegistrationFactory,
)
from tests.utils import member_client
from visitors import services
from visitors.badges import grouped
from visitors.models import Lead

pytestmark = pytest.mark.django_db


def en(name, *args):
    """The English address of a page (the new strings are English until their translations merge)."""
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def acme(conference):
    return ExhibitorFactory(conference=conference, name_en="Acme")


@pytest.fixture
def team(acme):
    return member_client(acme, "li@acme.example")


def visitor(conference, **fields):
    """A confirmed registration of `conference`."""
    return RegistrationFactory(conference=conference, confirmed_at=timezone.now(), **fields)


def scan(client, code, **fields):
    return client.post(en("visitors:lead_scan"), {"code": code, "note": "", "rating": "", **fields})


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: grouped(code),
        lambda code: grouped(code).lower(),
        lambda code: f"  {code[:4]} {code[4:8]} {code[8:12]} {code[12:]}  ",
        lambda code: code,
    ],
    ids=["grouped", "lower-case", "spaces", "plain"],
)
def test_scan_typed_code_keeps_the_visitor_as_a_lead(team, acme, conference, typed):
    registration = visitor(conference)

    response = scan(team, typed(registration.badge_code), note="Wants a quote", rating="4")

    assert response.status_code == 302
    assert response["Location"] == en("visitors:lead_scan")
    lead = Lead.objects.get()
    assert (lead.exhibitor, lead.registration, lead.note, lead.rating) == (
        acme,
        registration,
        "Wants a quote",
        4,
    )
    assert lead.scanned_by.email == "li@acme.example"


@pytest.mark.parametrize("case", ["unknown", "unconfirmed", "other-edition", "malformed"])
def test_scan_refuses_a_code_that_is_no_confirmed_visitor_of_the_edition(team, conference, case):
    codes = {
        "unknown": lambda: "ABCD-EFGH-JKLM-NPQR",
        "unconfirmed": lambda: RegistrationFactory(conference=conference).badge_code,
        "other-edition": lambda: visitor(ConferenceFactory()).badge_code,
        "malformed": lambda: "not a code",
    }

    response = scan(team, codes[case]())

    assert response.status_code == 200
    assert response.context["form"].has_error("code", code="unknown_badge")
    assert Lead.objects.count() == 0


def test_scan_twice_keeps_one_lead_and_opens_it(team, conference):
    registration = visitor(conference)
    scan(team, registration.badge_code, note="First", rating="3")

    response = scan(team, grouped(registration.badge_code).lower(), note="Second", rating="5")

    lead = Lead.objects.get()
    assert response.status_code == 302
    assert response["Location"] == en("visitors:lead_edit", lead.pk)
    assert (lead.note, lead.rating) == ("First", 3)


def test_lead_capture_twice_returns_the_existing_lead(acme, conference):
    registration = visitor(conference)
    first, created = services.lead_capture(exhibitor=acme, code=registration.badge_code, user=None)

    again, created_again = services.lead_capture(exhibitor=acme, code=registration.badge_code, user=None)

    assert (created, created_again, again) == (True, False, first)


def test_two_exhibitors_may_scan_the_same_badge(acme, conference):
    registration = visitor(conference)
    rival = ExhibitorFactory(conference=conference)

    services.lead_capture(exhibitor=acme, code=registration.badge_code, user=None)
    services.lead_capture(exhibitor=rival, code=registration.badge_code, user=None)

    assert Lead.objects.filter(registration=registration).count() == 2


def test_rating_outside_1_to_5_is_refused_by_the_database(acme):
    lead = LeadFactory(exhibitor=acme)

    with pytest.raises(IntegrityError):
        Lead.objects.filter(pk=lead.pk).update(rating=6)


def test_lead_list_shows_contact_details_only_of_consenting_visitors(team, acme, conference):
    interest = CategoryFactory(name_en="Smart lighting")
    sharing = visitor(
        conference,
        name="Li Ming",
        organisation="City Institute",
        email="li.ming@example.com",
        share_contact=True,
    )
    private = visitor(
        conference,
        name="Wang Fang",
        organisation="Secret Works",
        position="Director",
        email="wang.fang@example.com",
        mobile="+86 139 1111 2222",
    )
    private.interests.add(interest)
    LeadFactory(exhibitor=acme, registration=sharing)
    hidden = LeadFactory(exhibitor=acme, registration=private, note="Asked about lamps", rating=4)

    response = team.get(en("visitors:lead_list"))

    content = response.content.decode()
    assert response.status_code == 200
    for shown in ("Li Ming", "City Institute", "li.ming@example.com"):
        assert shown in content
    for withheld in ("Wang Fang", "Secret Works", "Director", "wang.fang@example.com", "139 1111 2222"):
        assert withheld not in content
    assert response.context["leads"][0] == hidden
    assert "Smart lighting" in content
    assert "Asked about lamps" in content


def test_lead_csv_has_contact_columns_only_for_consenting_visitors(team, acme, conference):
    sharing = visitor(conference, name="Li Ming", email="li.ming@example.com", share_contact=True)
    private = visitor(
        conference, name="Wang Fang", organisation="Secret Works", email="wang.fang@example.com"
    )
    LeadFactory(exhibitor=acme, registration=sharing)
    LeadFactory(exhibitor=acme, registration=private, note="Asked about lamps", rating=4)

    response = team.get(en("visitors:lead_export"))

    rows = csv_rows(response)
    content = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(rows) == 3
    assert [row[1:6] for row in rows[1:]] == [
        ["", "", "", "", ""],
        ["Li Ming", "测试研究院", "工程师", "li.ming@example.com", "+86 138 0000 0000"],
    ]
    assert rows[1][7:9] == ["4", "Asked about lamps"]
    for withheld in ("Wang Fang", "Secret Works", "wang.fang@example.com"):
        assert withheld not in content


def test_lead_csv_neutralises_formulas(team, acme, conference):
    registration = visitor(conference, name="=cmd|' /C calc'!A0", organisation="+Evil", share_contact=True)
    LeadFactory(exhibitor=acme, registration=registration, note="@SUM(1+1)")

    rows = csv_rows(team.get(en("visitors:lead_export")))

    assert rows[1][1:3] == ["'=cmd|' /C calc'!A0", "'+Evil"]
    assert rows[1][8] == "'@SUM(1+1)"


def test_another_exhibitors_lead_is_not_found_nor_listed(team, acme, conference):
    theirs = LeadFactory(exhibitor=ExhibitorFactory(conference=conference), note="Their secret")
    theirs.registration.share_contact = True
    theirs.registration.name = "Zhao Lei"
    theirs.registration.save()

    edit = team.get(en("visitors:lead_edit", theirs.pk))
    post = team.post(en("visitors:lead_edit", theirs.pk), {"note": "Mine now", "rating": "1"})
    listed = team.get(en("visitors:lead_list"))
    exported = team.get(en("visitors:lead_export"))

    theirs.refresh_from_db()
    assert (edit.status_code, post.status_code) == (404, 404)
    assert theirs.note == "Their secret"
    assert list(listed.context["leads"]) == []
    assert "Zhao Lei" not in exported.content.decode("utf-8-sig")
    assert len(csv_rows(exported)) == 1


def test_lead_edit_saves_the_note_and_rating(team, acme):
    lead = LeadFactory(exhibitor=acme)

    response = team.post(en("visitors:lead_edit", lead.pk), {"note": "Send the catalogue", "rating": "5"})

    lead.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == en("visitors:lead_list")
    assert (lead.note, lead.rating) == ("Send the catalogue", 5)


def test_lead_edit_refuses_a_rating_out_of_range_and_a_long_note(team, acme):
    lead = LeadFactory(exhibitor=acme, note="Kept")

    response = team.post(en("visitors:lead_edit", lead.pk), {"note": "x" * 2001, "rating": "6"})

    lead.refresh_from_db()
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"note", "rating"}
    assert lead.note == "Kept"


@pytest.mark.parametrize("name", ["visitors:lead_list", "visitors:lead_scan", "visitors:lead_export"])
def test_leads_pages_send_anonymous_users_to_sign_in(client, conference, name):
    response = client.get(en(name))

    assert response.status_code == 302
    assert response["Location"].startswith(en("exhibitors:sign_in"))


def test_lead_edit_and_scan_post_send_anonymous_users_to_sign_in(client, conference):
    lead = LeadFactory(exhibitor=ExhibitorFactory(conference=conference))

    responses = [client.get(en("visitors:lead_edit", lead.pk)), scan(client, lead.registration.badge_code)]

    assert [response.status_code for response in responses] == [302, 302]
    assert all(response["Location"].startswith(en("exhibitors:sign_in")) for response in responses)
    assert Lead.objects.count() == 1


@pytest.mark.parametrize("name", ["visitors:lead_list", "visitors:lead_scan", "visitors:lead_export"])
def test_leads_pages_send_users_without_a_company_to_create_one(client, conference, name):
    client.force_login(get_user_model().objects.create_user("solo@example.com", "solo@example.com", "pw"))

    response = client.get(en(name))

    assert response.status_code == 302
    assert response["Location"] == en("exhibitors:company")


def test_user_without_a_company_cannot_scan(client, conference):
    registration = visitor(conference)
    client.force_login(get_user_model().objects.create_user("solo@example.com", "solo@example.com", "pw"))

    response = scan(client, registration.badge_code)

    assert response.status_code == 302
    assert Lead.objects.count() == 0


def test_forged_scan_and_edit_without_csrf_token_are_refused(acme, conference):
    user = get_user_model().objects.create_user("li@acme.example", "li@acme.example", "pw")
    acme.users.add(user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    registration = visitor(conference)
    lead = LeadFactory(exhibitor=acme, note="Kept")

    scanned = scan(client, registration.badge_code)
    edited = client.post(en("visitors:lead_edit", lead.pk), {"note": "Forged", "rating": ""})

    lead.refresh_from_db()
    assert (scanned.status_code, edited.status_code) == (403, 403)
    assert Lead.objects.count() == 1
    assert lead.note == "Kept"


def test_scan_posts_are_rate_limited_per_user(team, acme, conference, settings):
    settings.LEAD_SCANS_PER_MINUTE = 3
    registration = visitor(conference)
    for _ in range(3):
        assert scan(team, "ABCD-EFGH-JKLM-NPQR").status_code == 200

    response = scan(team, registration.badge_code)

    assert response.status_code == 429
    assert int(response["Retry-After"]) <= 60
    assert Lead.objects.count() == 0
    colleague = member_client(acme, "zhao@acme.example")
    assert scan(colleague, registration.badge_code).status_code == 302


@pytest.mark.parametrize("size", [2, 30])
def test_lead_list_query_count_does_not_grow(team, acme, conference, size, django_assert_num_queries):
    interests = [CategoryFactory(), CategoryFactory()]
    for number in range(size):
        registration = visitor(conference, share_contact=number % 2 == 0)
        registration.interests.set(interests)
        LeadFactory(exhibitor=acme, registration=registration, scanned_by=get_user_model().objects.first())
    team.get(en("visitors:lead_list"))

    # Session, user, company; count and page of leads with registrations and scanners; interests.
    with django_assert_num_queries(6):
        response = team.get(en("visitors:lead_list"))

    assert len(response.context["leads"]) == min(size, 20)


@pytest.mark.parametrize("size", [2, 30])
def test_lead_export_query_count_does_not_grow(team, acme, conference, size, django_assert_num_queries):
    for _ in range(size):
        LeadFactory(exhibitor=acme, registration=visitor(conference)).registration.interests.add(
            CategoryFactory()
        )

    team.get(en("visitors:lead_export"))

    # Session, user, company; the leads with registrations and scanners; interests.
    with django_assert_num_queries(5):
        response = team.get(en("visitors:lead_export"))

    assert len(csv_rows(response)) == size + 1


def test_the_dashboard_leads_to_the_scan_page_and_the_leads(team):
    content = team.get(en("exhibitors:dashboard")).content.decode()

    assert f'href="{en("visitors:lead_scan")}"' in content
    assert f'href="{en("visitors:lead_list")}"' in content
