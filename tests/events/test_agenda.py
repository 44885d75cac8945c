import datetime
import io

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from events import services
from events.enums import SessionStatus
from events.exports import session_guid
from events.models import Agenda
from events.selectors import agenda_session_key
from events.tokens import agenda_subscription_token
from tests.factories import AgendaFactory, ConferenceFactory, SessionFactory, SessionSpeakerFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(conference):
    """Two overlapping sessions, one after them, a cancelled one at the same time and a draft."""
    return {
        "keynote": SessionFactory(
            conference=conference, slug="keynote", title_en="Keynote", start=at("2030-06-20 09:00")
        ),
        "forum": SessionFactory(
            conference=conference,
            slug="forum",
            title_en="Forum",
            start=at("2030-06-20 09:30"),
            end=at("2030-06-20 11:00"),
        ),
        "later": SessionFactory(
            conference=conference, slug="later", title_en="Later", start=at("2030-06-20 14:00")
        ),
        "cancelled": SessionFactory(
            conference=conference,
            slug="cancelled",
            title_en="Called off",
            start=at("2030-06-20 09:00"),
            status=SessionStatus.CANCELLED,
        ),
        "draft": SessionFactory(
            conference=conference, slug="draft", title_en="Draft", status=SessionStatus.DRAFT
        ),
    }


def star(client, session_id, action="star", **extra):
    return client.post("/en/agenda/star/", {"session": session_id, "action": action, **extra})


def star_json(client, session_id, action="star"):
    return client.post(
        "/en/agenda/star/", {"session": session_id, "action": action}, HTTP_ACCEPT="application/json"
    )


def starred_titles(client):
    return [session.title_en for session in client.get("/en/agenda/").context["sessions"]]


def test_star_from_a_plain_form_returns_to_the_card(client, programme):
    response = star(client, programme["keynote"].pk, next="/en/schedule/?day=2030-06-20")

    assert response.status_code == 302
    assert response["Location"] == f"/en/schedule/?day=2030-06-20#session-{programme['keynote'].pk}"
    agenda = Agenda.objects.get()
    assert list(agenda.sessions.all()) == [programme["keynote"]]
    assert client.session[agenda_session_key(programme["keynote"].conference)] == agenda.pk


def test_star_from_the_script_answers_json(client, programme):
    first = star_json(client, programme["keynote"].pk)
    second = star_json(client, programme["later"].pk)

    assert first.json() == {"session": programme["keynote"].pk, "starred": True, "count": 1}
    assert second.json() == {"session": programme["later"].pk, "starred": True, "count": 2}


def test_unstar_removes_the_session(client, programme):
    star(client, programme["keynote"].pk)
    star(client, programme["later"].pk)

    response = star_json(client, programme["keynote"].pk, action="unstar")

    assert response.json() == {"session": programme["keynote"].pk, "starred": False, "count": 1}
    assert starred_titles(client) == ["Later"]


def test_starring_twice_keeps_one_star(client, programme):
    star(client, programme["keynote"].pk)
    star(client, programme["keynote"].pk)

    assert Agenda.objects.get().sessions.count() == 1


def test_unstar_before_any_star_stores_nothing(client, programme):
    response = star(client, programme["keynote"].pk, action="unstar")

    assert response.status_code == 302
    assert Agenda.objects.count() == 0


@pytest.mark.parametrize(
    ("session_id", "action", "message"),
    [
        ("999999", "star", "That session is not in the published programme."),
        ("abc", "star", "That session is not in the published programme."),
        ("1.5", "star", "That session is not in the published programme."),
        ("99999999999999999999999999", "star", "That session is not in the published programme."),
        ("", "star", "Say which session to star."),
        ("KEYNOTE", "delete", "Say whether to add or remove the session."),
        ("KEYNOTE", "", "Say whether to add or remove the session."),
        ("DRAFT", "star", "That session is not in the published programme."),
    ],
)
def test_bad_star_is_a_400_and_stores_nothing(client, programme, session_id, action, message):
    session_id = {"KEYNOTE": programme["keynote"].pk, "DRAFT": programme["draft"].pk}.get(
        session_id, session_id
    )

    page = star(client, session_id, action=action)
    script = star_json(client, session_id, action=action)

    assert page.status_code == 400
    assert message in page.content.decode()
    assert script.status_code == 400
    assert script.json() == {"error": message}
    assert Agenda.objects.count() == 0


def test_session_of_another_edition_cannot_be_starred(client, programme):
    elsewhere = SessionFactory(conference=ConferenceFactory(), slug="elsewhere")

    response = star(client, elsewhere.pk)

    assert response.status_code == 400
    assert Agenda.objects.count() == 0


def test_star_refuses_to_leave_the_site(client, programme):
    response = star(client, programme["keynote"].pk, next="https://evil.example/")

    assert response["Location"] == f"/en/agenda/#session-{programme['keynote'].pk}"


def test_star_button_without_the_script_opens_a_page_that_asks_first(client, programme):
    response = client.get(f"/en/agenda/star/?session={programme['keynote'].pk}&next=/en/schedule/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post" action="/en/agenda/star/" class="actions">' in content
    assert '<input type="hidden" name="action" value="star">' in content
    assert '<input type="hidden" name="next" value="/en/schedule/">' in content
    assert "This session is not in your agenda yet." in content
    assert Agenda.objects.count() == 0


def test_star_page_of_a_starred_session_offers_to_remove_it(client, programme):
    star(client, programme["keynote"].pk)

    content = client.get(f"/en/agenda/star/?session={programme['keynote'].pk}").content.decode()

    assert '<input type="hidden" name="action" value="unstar">' in content
    assert "This session is in your agenda." in content


@pytest.mark.parametrize("query", ["", "session=abc", "session=99999999999999999999", "session=-1"])
def test_star_page_with_a_bad_session_is_a_400(client, programme, query):
    response = client.get(f"/en/agenda/star/?{query}")

    assert response.status_code == 400


def test_star_page_of_a_draft_is_a_400(client, programme):
    assert client.get(f"/en/agenda/star/?session={programme['draft'].pk}").status_code == 400


def test_star_page_never_links_back_off_the_site(client, programme):
    response = client.get(f"/en/agenda/star/?session={programme['keynote'].pk}&next=https://evil.example/")

    assert response.context["next"] == "/en/agenda/"


def test_forged_star_without_the_csrf_token_is_refused_in_the_visitors_language(programme):
    client = Client(enforce_csrf_checks=True)

    response = star(client, programme["keynote"].pk)

    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert Agenda.objects.count() == 0


def test_star_with_the_csrf_token_from_the_state_works(programme):
    client = Client(enforce_csrf_checks=True)
    token = client.get("/en/agenda/state/").json()["csrf"]

    response = star(client, programme["keynote"].pk, csrfmiddlewaretoken=token)

    assert response.status_code == 302
    assert Agenda.objects.get().sessions.count() == 1


def test_full_agenda_refuses_more(client, programme, monkeypatch):
    monkeypatch.setattr("events.services.agenda.AGENDA_MAX_SESSIONS", 1)
    star(client, programme["keynote"].pk)

    response = star_json(client, programme["later"].pk)

    assert response.status_code == 400
    assert response.json() == {
        "error": "Your agenda already holds 1 sessions. Remove some before adding more."
    }
    assert Agenda.objects.get().sessions.count() == 1


def test_agenda_lists_by_time_and_points_out_overlaps(client, programme):
    for name in ("later", "forum", "keynote", "cancelled"):
        star(client, programme[name].pk)

    response = client.get("/en/agenda/")

    sessions = {session.title_en: session for session in response.context["sessions"]}
    assert [session.title_en for session in response.context["sessions"]] == [
        "Keynote",
        "Called off",
        "Forum",
        "Later",
    ]
    assert sessions["Keynote"].overlaps == [programme["forum"]]
    assert sessions["Forum"].overlaps == [programme["keynote"]]
    # A cancelled session takes no time; a later one overlaps nothing.
    assert sessions["Called off"].overlaps == []
    assert sessions["Later"].overlaps == []
    content = response.content.decode()
    assert "2 of your sessions run at the same time as others." in content
    assert content.count('class="overlap-warning"') == 2


def test_agenda_hides_a_session_that_went_back_to_draft(client, programme):
    star(client, programme["keynote"].pk)
    star(client, programme["later"].pk)
    services.session_set_status(sessions=[programme["later"]], status=SessionStatus.DRAFT)

    assert starred_titles(client) == ["Keynote"]


def test_empty_agenda_explains_how_to_fill_it(client, programme):
    response = client.get("/en/agenda/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Your agenda is empty." in content
    assert "subscription-url" not in content
    assert '<meta name="robots" content="noindex">' in content


def test_stars_survive_a_language_switch(client, programme):
    star(client, programme["keynote"].pk)

    chinese = client.get("/agenda/")

    assert [session.pk for session in chinese.context["sessions"]] == [programme["keynote"].pk]
    assert "我的日程" in chinese.content.decode()


def test_stars_survive_signing_in(client, programme):
    get_user_model().objects.create_user("li@example.com", "li@example.com", "pw-for-tests")
    star(client, programme["keynote"].pk)

    signed_in = client.post(
        "/en/exhibit/sign-in/", {"username": "li@example.com", "password": "pw-for-tests"}
    )

    assert signed_in.status_code == 302
    assert "_auth_user_id" in client.session
    assert starred_titles(client) == ["Keynote"]


def test_stars_survive_signing_out(client, programme):
    get_user_model().objects.create_user("li@example.com", "li@example.com", "pw-for-tests")
    client.post("/en/exhibit/sign-in/", {"username": "li@example.com", "password": "pw-for-tests"})
    star(client, programme["keynote"].pk)

    signed_out = client.post("/en/exhibit/sign-out/")

    assert signed_out.status_code == 302
    assert "_auth_user_id" not in client.session
    assert starred_titles(client) == ["Keynote"]


def test_programme_pages_show_nobodys_stars_the_state_says_the_visitors(client, programme):
    urls = ("/en/schedule/", "/en/schedule/grid/?day=2030-06-20", "/en/sessions/keynote/", "/en/")
    before = {url: client.get(url).content for url in urls}
    star(client, programme["keynote"].pk)
    star(client, programme["forum"].pk)

    assert {url: client.get(url).content for url in urls} == before
    assert 'aria-pressed="true"' not in b"".join(before.values()).decode()
    state = client.get("/en/agenda/state/").json()
    assert (state["starred"], state["count"]) == (sorted([programme["keynote"].pk, programme["forum"].pk]), 2)
    assert Client().get("/en/agenda/state/").json()["starred"] == []


def test_state_is_never_cached_and_answers_only_reads(client, programme):
    response = client.get("/en/agenda/state/")

    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert client.post("/en/agenda/state/").status_code == 405


def test_starring_marks_the_browser_for_the_script(client, programme):
    assert "has_agenda" not in client.get("/en/schedule/").cookies

    response = star_json(client, programme["keynote"].pk)

    assert response.cookies["has_agenda"].value == "1"
    assert response.cookies["has_agenda"]["samesite"] == "Lax"


def test_agenda_page_counts_the_stars_in_the_navigation(client, programme):
    star(client, programme["keynote"].pk)
    star(client, programme["forum"].pk)

    content = client.get("/en/agenda/").content.decode()

    assert '<span class="agenda-count" data-agenda-count>2</span>' in content


def test_subscription_serves_the_agenda_as_icalendar(client, programme):
    star(client, programme["keynote"].pk)
    star(client, programme["cancelled"].pk)
    agenda = Agenda.objects.get()

    response = client.get(client.get("/en/agenda/").context["subscription_url"])

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["X-Robots-Tag"] == "noindex"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        f"{session_guid(programme['keynote'])}@smartcity-expo-portal",
        f"{session_guid(programme['cancelled'])}@smartcity-expo-portal",
    }
    assert (
        str(events[f"{session_guid(programme['cancelled'])}@smartcity-expo-portal"]["STATUS"]) == "CANCELLED"
    )
    assert str(calendar["X-WR-CALNAME"]) == f"My agenda · {agenda.conference.name_en}"


def test_subscription_follows_later_stars_and_moves(client, programme):
    star(client, programme["keynote"].pk)
    url = client.get("/en/agenda/").context["subscription_url"]
    star(client, programme["later"].pk)
    moved = programme["keynote"]
    moved.start, moved.end = at("2030-06-20 10:00"), at("2030-06-20 10:30")
    services.session_save(session=moved)

    calendar = icalendar.Calendar.from_ical(Client().get(url).content)

    starts = sorted(event.decoded("DTSTART") for event in calendar.walk("VEVENT"))
    assert starts == [at("2030-06-20 10:00"), at("2030-06-20 14:00")]


def test_renewing_the_link_retires_the_old_one(client, programme):
    star(client, programme["keynote"].pk)
    old = client.get("/en/agenda/").context["subscription_url"]

    response = client.post("/en/agenda/renew/", follow=True)

    new = response.context["subscription_url"]
    assert new != old
    assert "The old one no longer works." in response.content.decode()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_renewing_without_an_agenda_changes_nothing(client, programme):
    response = client.post("/en/agenda/renew/")

    assert response.status_code == 302
    assert Agenda.objects.count() == 0


@pytest.mark.parametrize(
    "token",
    ["nonsense", "a:b", "eyJhIjoxfQ:forged", "%00", "x" * 500],
)
def test_bad_subscription_tokens_are_404(client, programme, token):
    AgendaFactory(conference=programme["keynote"].conference, sessions=[programme["keynote"]])

    assert client.get(f"/en/agenda/{token}/calendar.ics").status_code == 404


def test_tampered_token_is_404(client, programme):
    agenda = AgendaFactory(conference=programme["keynote"].conference, sessions=[programme["keynote"]])
    other = AgendaFactory(conference=agenda.conference)
    token = agenda_subscription_token(agenda)
    signature = token.split(":")[1]
    forged = agenda_subscription_token(other).split(":")[0] + ":" + signature

    assert client.get(f"/en/agenda/{token}/calendar.ics").status_code == 200
    assert client.get(f"/en/agenda/{forged}/calendar.ics").status_code == 404


def test_token_of_a_deleted_agenda_is_404(client, programme):
    agenda = AgendaFactory(conference=programme["keynote"].conference)
    token = agenda_subscription_token(agenda)
    agenda.delete()

    assert client.get(f"/en/agenda/{token}/calendar.ics").status_code == 404


@pytest.mark.parametrize("size", [2, 40])
def test_agenda_query_count_does_not_grow(client, conference, size, django_assert_num_queries):
    sessions = []
    for index in range(size):
        session = SessionFactory(
            conference=conference, start=at("2030-06-20 09:00") + datetime.timedelta(minutes=index)
        )
        SessionSpeakerFactory(session=session)
        sessions.append(session)
    agenda = AgendaFactory(conference=conference, sessions=sessions)
    session = client.session
    session[agenda_session_key(conference)] = agenda.pk
    session.save()
    client.get("/en/")

    # Session row, agenda, its sessions, their speakers.
    with django_assert_num_queries(4):
        response = client.get("/en/agenda/")
    assert len(response.context["sessions"]) == size
    assert sum(len(session.overlaps) for session in response.context["sessions"]) == size * (size - 1)

    # Agenda, its sessions, their speakers, the visitor whose agenda it is (none here).
    with django_assert_num_queries(4):
        client.get(response.context["subscription_url"])


def test_agenda_pages_are_404_without_a_current_edition(client, db):
    assert client.get("/en/agenda/").status_code == 404
    assert client.post("/en/agenda/star/", {"session": "1", "action": "star"}).status_code == 404
    assert client.post("/en/agenda/renew/").status_code == 404
    assert Agenda.objects.count() == 0


def test_pruning_deletes_agendas_left_empty_for_long_and_starred_ones_nobody_uses(programme):
    conference = programme["keynote"].conference
    old_empty = AgendaFactory(conference=conference)
    old_starred = AgendaFactory(conference=conference, sessions=[programme["keynote"]])
    abandoned = AgendaFactory(conference=conference, sessions=[programme["keynote"]])
    new_empty = AgendaFactory(conference=conference)
    Agenda.objects.filter(pk__in=[old_empty.pk, old_starred.pk]).update(
        updated=timezone.now() - datetime.timedelta(days=31)
    )
    Agenda.objects.filter(pk=abandoned.pk).update(last_used=timezone.now() - datetime.timedelta(days=181))
    out = io.StringIO()

    call_command("prune_agendas", stdout=out)

    assert set(Agenda.objects.values_list("pk", flat=True)) == {old_starred.pk, new_empty.pk}
    assert out.getvalue() == "Deleted empty agendas: 1; unused agendas: 1\n"


def test_new_agendas_are_limited_per_ip_and_the_answer_says_when_to_try_again(programme, settings):
    settings.AGENDA_NEW_PER_IP = 3
    session = programme["keynote"].pk

    # A script without cookies: every post would start a new agenda.
    answers = [star(Client(), session).status_code for _ in range(3)]
    refused = star(Client(), session)
    refused_json = star_json(Client(), session)

    assert answers == [302] * 3
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "Too many attempts. Try again in" in refused.content.decode()
    assert refused_json.status_code == 429
    assert refused_json.json()["error"].startswith("Too many attempts. Try again in ")
    assert Agenda.objects.count() == 3


def test_the_limit_on_new_agendas_leaves_existing_agendas_alone(client, programme, settings):
    settings.AGENDA_NEW_PER_IP = 1
    star(client, programme["keynote"].pk)

    again = star(client, programme["forum"].pk)

    assert again.status_code == 302
    assert starred_titles(client) == ["Keynote", "Forum"]


def test_unstarring_without_an_agenda_is_not_counted_as_a_new_agenda(programme, settings):
    settings.AGENDA_NEW_PER_IP = 1

    for _ in range(3):
        star(Client(), programme["keynote"].pk, action="unstar")

    assert star(Client(), programme["keynote"].pk).status_code == 302


def test_reading_the_agenda_or_its_calendar_keeps_it_in_use(client, programme):
    star(client, programme["keynote"].pk)
    agenda = Agenda.objects.get()
    long_ago = timezone.now() - datetime.timedelta(days=100)
    token = agenda_subscription_token(agenda)

    Agenda.objects.update(last_used=long_ago)
    client.get("/en/agenda/")
    after_page = Agenda.objects.get().last_used
    Agenda.objects.update(last_used=long_ago)
    Client().get(f"/en/agenda/{token}/calendar.ics")
    after_calendar = Agenda.objects.get().last_used

    assert after_page > long_ago
    assert after_calendar > long_ago


def test_a_calendar_polling_often_writes_at_most_once_an_hour(programme):
    agenda = AgendaFactory(conference=programme["keynote"].conference)
    first = agenda.last_used

    services.agenda_touch(agenda=agenda, now=first + datetime.timedelta(minutes=59))
    unchanged = Agenda.objects.get().last_used
    services.agenda_touch(agenda=agenda, now=first + datetime.timedelta(minutes=61))

    assert unchanged == first
    assert Agenda.objects.get().last_used == first + datetime.timedelta(minutes=61)


def test_an_agenda_of_300_overlapping_stars_names_a_few_overlaps_per_session(client, conference):
    sessions = SessionFactory.create_batch(
        300, conference=conference, start=at("2030-06-20 09:00"), end=at("2030-06-20 11:00")
    )
    agenda = AgendaFactory(conference=conference, sessions=sessions)
    session = client.session
    session[agenda_session_key(conference)] = agenda.pk
    session.save()

    content = client.get("/en/agenda/").content.decode()

    assert content.count('class="overlap-warning"') == 300
    assert content.count("and 296 more") == 300
    # Naming every overlap made this page 1.3 MB.
    assert len(content.encode()) < 400_000
