"""Every URL pattern in the URLconf, walked as a prober would walk it: real and malformed path
values, malformed query strings, junk posts, HEAD, OPTIONS and TRACE, as a visitor, an
exhibitor and an organiser. No answer may be a 5xx. The walk reads the resolver (through the
includes and the language prefix), so a page added later is walked too; CI runs it on
PostgreSQL as well, which refuses NUL in strings where SQLite does not.

Each request starts from the same state: it runs in a savepoint that is rolled back, with the
user's own session cookie and an empty cache, so a sign-out, a deletion or a rate limit met on
the way changes nothing for the requests after it, and a failure can be replayed alone."""

import re
from collections import defaultdict
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from events.models import Session
from events.tokens import agenda_subscription_token
from exhibitors.enums import ReservationStatus
from exhibitors.models import EquipmentImage
from exhibitors.tokens import INVITE_SALT, address_confirmation_token
from tests.factories import (
    AgendaFactory,
    ArticleFactory,
    BoothFactory,
    CategoryFactory,
    EquipmentFactory,
    ExhibitorFactory,
    LeadFactory,
    MeetingFactory,
    PublicationFactory,
    RegistrationFactory,
    ReservationFactory,
    SessionChangeFactory,
    SessionFactory,
    SessionSpeakerFactory,
    StandardFactory,
    TrackFactory,
)
from tests.utils import close_file, pdf_bytes, upload
from visitors.tokens import badge_token, confirmation_token

pytestmark = pytest.mark.django_db

USERS = ["anonymous", "exhibitor", "organiser"]
METHODS = ["get", "post", "head", "options", "trace"]
# Path values no page has; each fills every parameter of a pattern.
MALFORMED_VALUES = [
    "does-not-exist",
    "99999999999999999999",
    "-1",
    "%E4%B8%AD%E6%96%87%E2%80%AE",
    "%00",
    "..%2F..",
    "x" * 2000,
]
MALFORMED_QUERIES = [
    "page=-1",
    "page=abc",
    "day=2018-13-45",
    "q=%00",
    "q=a&q=b&page=1&page=2",
    "q=%FF%FE",
    f"q={'x' * 3000}",
    "p=99999999999999999999&o=abc.-x",
    "_to_field=password&_popup=1",
    "e=1&all=&status__exact=%E2%80%AE",
]
# Signed-in users meet this many of the malformed values and queries on each pattern (a
# different few from pattern to pattern); the visitor meets them all.
SIGNED_IN_SAMPLE = 3
# What a junk post puts in the fields a page's forms would send, and the fields it makes up.
POST_VALUES = ["99999999999999999999", "-1", "x" * 2000, "城市\u202e", "..%2F..", "2018-13-45", ""]
MADE_UP_FIELDS = ["junk", "id[]", "__class__"]

ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")
ADMIN_MODEL_PAGE = re.compile(r"^/admin/(\w+)/(\w+)/")


def _patterns(patterns, prefix="", namespace="", language=None):
    """Every URL pattern as (template, parameter names, URL name, language); the template holds
    `{}` where a parameter goes."""
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            parts, names = [("", settings.LANGUAGE_CODE), ("en/", "en")], []
        elif isinstance(pattern, RoutePattern):
            route = str(pattern)
            parts, names = [(ROUTE_PARAMETER.sub("{}", route), language)], ROUTE_PARAMETER.findall(route)
        elif isinstance(pattern, RegexPattern):
            source = pattern.regex.pattern
            text = REGEX_GROUP.sub("{}", source).lstrip("^").rstrip("$").replace("\\.", ".")
            if re.search(r"[\\()\[\]?*+|]", text):
                raise AssertionError(f"The walk cannot build addresses for {source!r}; teach it how.")
            parts, names = [(text, language)], REGEX_GROUP.findall(source)
        else:
            raise AssertionError(f"The walk does not know patterns like {pattern!r}; teach it how.")
        for part, part_language in parts:
            if isinstance(entry, URLResolver):
                inner_namespace = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                for template, inner_names, name, inner_language in _patterns(
                    entry.url_patterns, prefix + part, inner_namespace, part_language
                ):
                    yield template, (*names, *inner_names), name, inner_language
            elif isinstance(entry, URLPattern):
                yield "/" + prefix + part, tuple(names), entry.name and namespace + entry.name, part_language


PATTERNS = sorted(set(_patterns(get_resolver().url_patterns)))


@pytest.fixture
def world(conference):
    """One of everything a page can show, the exhibitor's own company among them; the users the
    walk signs in as; and the real path values of every visitor and exhibitor page."""
    users = get_user_model().objects
    track = TrackFactory(conference=conference)
    session = SessionFactory(conference=conference, track=track, slug="keynote")
    speaker = SessionSpeakerFactory(session=session).speaker
    SessionChangeFactory(session=session)
    agenda = AgendaFactory(conference=conference, sessions=[session])
    exhibitor = ExhibitorFactory(conference=conference, slug="acme")
    held = ReservationFactory(
        booth=BoothFactory(hall__conference=conference, code="A-101"),
        exhibitor=exhibitor,
        status=ReservationStatus.HELD,
    )
    free = BoothFactory(hall=held.booth.hall, booth_type=held.booth.booth_type, code="A-102")
    standard = StandardFactory(slug="gb-t-36333-2018")
    equipment = EquipmentFactory(
        exhibitor=exhibitor, category=CategoryFactory(parent=CategoryFactory()), slug="acme-sensor"
    )
    equipment.standards.add(standard)
    equipment.spec_sheet.save("spec.pdf", ContentFile(pdf_bytes()))
    image = EquipmentImage.objects.create(
        equipment=equipment, image=upload("sensor.jpg"), thumbnail=upload("sensor-small.jpg")
    )
    article = ArticleFactory(slug="news", standards=[standard])
    publication = PublicationFactory(slug="white-paper")
    registration = RegistrationFactory(conference=conference)
    registration.confirmed_at = registration.created
    registration.save()
    lead = LeadFactory(exhibitor=exhibitor, registration=registration)
    meeting = MeetingFactory(exhibitor=exhibitor, registration=registration)

    member = users.create_user("li@acme.example", "li@acme.example", "pw-for-tests")
    exhibitor.users.add(member)
    organiser = users.create_user("organiser", "organiser@expo.example", "pw-for-tests", is_staff=True)
    organiser.groups.add(Group.objects.get(name="Organiser"))
    newcomer = users.create_user("new@acme.example", "new@acme.example", "pw-for-tests", is_active=False)
    path_values = {
        "events:session_detail": {"slug": session.slug},
        "events:session_calendar": {"slug": session.slug},
        "events:speaker_detail": {"slug": speaker.slug},
        "events:agenda_calendar": {"token": agenda_subscription_token(agenda)},
        "events:schedule_export": {"fmt": "ics"},
        "standards:standard_detail": {"slug": standard.slug},
        "standards:article_detail": {"slug": article.slug},
        "standards:publication_detail": {"slug": publication.slug},
        "exhibitors:exhibitor_detail": {"slug": exhibitor.slug},
        "exhibitors:equipment_detail": {"slug": equipment.slug},
        "exhibitors:confirm_address": {
            "uidb64": urlsafe_base64_encode(force_bytes(newcomer.pk)),
            "token": address_confirmation_token.make_token(newcomer),
        },
        "exhibitors:password_reset_confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
            "token": default_token_generator.make_token(member),
        },
        "exhibitors:join": {
            "token": signing.dumps({"exhibitor": exhibitor.pk, "email": member.email}, salt=INVITE_SALT)
        },
        "exhibitors:booth_detail": {"pk": free.pk},
        "exhibitors:reserve": {"pk": free.pk},
        "exhibitors:reservation_cancel": {"pk": held.pk},
        "exhibitors:equipment_edit": {"pk": equipment.pk},
        "exhibitors:equipment_submit": {"pk": equipment.pk},
        "exhibitors:equipment_delete": {"pk": equipment.pk},
        "exhibitors:image_add": {"pk": equipment.pk},
        "exhibitors:image_delete": {"pk": equipment.pk, "image_pk": image.pk},
        "django.contrib.sitemaps.views.sitemap": {"section": "equipment"},
        "visitors:confirm": {"token": confirmation_token(registration)},
        "visitors:badge": {"token": badge_token(registration)},
        "visitors:lead_edit": {"pk": lead.pk},
        "visitors:follow_exhibitor": {"pk": exhibitor.pk},
        "visitors:follow_equipment": {"pk": equipment.pk},
        "visitors:meeting_request": {"slug": exhibitor.slug},
        "visitors:meeting_cancel": {"pk": meeting.pk},
        "visitors:meeting_answer": {"pk": meeting.pk},
        "private_file": {"name": equipment.spec_sheet.name},
    }
    return {
        "users": {"anonymous": None, "exhibitor": member, "organiser": organiser},
        "path_values": path_values,
    }


def admin_url(template):
    """A back-office address with real values: the first row of the page's model, an app's
    index, a row's "view on site" link; None for the catch-all, which takes any path."""
    if template == "/admin/{}/":
        return "/admin/events/"
    if template == "/admin/r/{}/{}/":
        return f"/admin/r/{ContentType.objects.get_for_model(Session).pk}/{Session.objects.get().pk}/"
    page = ADMIN_MODEL_PAGE.match(template)
    if page is None:
        return None
    row = apps.get_model(*page.groups())._default_manager.order_by("pk").first()
    return template.replace("{}", str(row.pk))


def real_url(world, template, parameters, name, language):
    """The pattern's address with real path values, or None when the walk knows none."""
    if not parameters:
        return template
    if template.startswith("/admin/"):
        return admin_url(template)
    if name not in world["path_values"]:
        return None
    with translation.override(language):
        return reverse(name, kwargs=world["path_values"][name])


def sample(values, index, user):
    """All the values for the visitor; for a signed-in user a few, starting from `index`."""
    if user == "anonymous":
        return list(values)
    return [values[(index + step) % len(values)] for step in range(SIGNED_IN_SAMPLE)]


def plan(world, user):
    """(method, address, the real address of its pattern) for one user: the real address with
    every method and with malformed query strings; one malformed path value (a different one
    from pattern to pattern) with every method, and more with GET."""
    requests = []
    for index, (template, parameters, name, language) in enumerate(PATTERNS):
        real = real_url(world, template, parameters, name, language)
        every_method = [real] if real else []
        if real:
            requests += [("get", f"{real}?{query}", real) for query in sample(MALFORMED_QUERIES, index, user)]
        if parameters:
            first = index % len(MALFORMED_VALUES)
            every_method.append(template.replace("{}", MALFORMED_VALUES[first]))
            others = [value for number, value in enumerate(MALFORMED_VALUES) if number != first]
            requests += [
                ("get", template.replace("{}", value), real) for value in sample(others, index, user)
            ]
        requests += [(method, url, real) for url in every_method for method in METHODS]
    return requests


class PageForms(HTMLParser):
    """The fields of a page's forms, by the path each form posts to: (name, kind, value), where
    the kind is the input's type (or select, textarea) and a select's value is its last option."""

    def __init__(self, page_url, html):
        super().__init__()
        self.page_url, self.action, self.fields = page_url, None, defaultdict(list)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.action = urlsplit(urljoin(self.page_url, attrs.get("action") or self.page_url)).path
        elif self.action and tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            kind = attrs.get("type", "text") if tag == "input" else tag
            self.fields[self.action].append((attrs["name"], kind, attrs.get("value") or ""))
        elif self.action and tag == "option" and self.fields[self.action]:
            name, kind, _ = self.fields[self.action][-1]
            if kind == "select":
                self.fields[self.action][-1] = (name, kind, attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.action = None


def nul_post(fields):
    """Every field of the forms, and a few made up, holding a NUL."""
    return dict.fromkeys([*(name for name, _, _ in fields), *MADE_UP_FIELDS], "a\x00b")


def tampered_post(fields, offset):
    """The forms as a browser would send them, hidden fields and choices of lists kept, with every
    other field (a check box's value too) malformed, and a few fields made up. The values rotate,
    so a field meets a different one from page to page."""
    data = defaultdict(list)
    for number, (name, kind, value) in enumerate([*fields, *((name, "text", "") for name in MADE_UP_FIELDS)]):
        if kind in ("hidden", "select", "submit"):
            data[name].append(value)
        elif kind == "file":
            data[name].append(SimpleUploadedFile("junk.jpg", b"\x00junk", "image/jpeg"))
        else:
            data[name].append(POST_VALUES[(number + offset) % len(POST_VALUES)])
    return dict(data)


def send(client, cookies, method, url, data=None):
    """One request from the walk's starting state; nothing it does outlives it."""
    client.cookies = SimpleCookie(cookies)
    cache.clear()
    with transaction.atomic():
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        transaction.set_rollback(True)
    close_file(response)
    return response


def describe(user, method, url, response):
    exception = response.exc_info[1] if response.exc_info else None
    cause = f" ({type(exception).__name__}: {str(exception)[:200]})" if exception else ""
    return f"{user} {method.upper()} {url[:160]} -> {response.status_code}{cause}"


def test_url_walk_reads_every_part_of_the_urlconf():
    templates = {template for template, *_ in PATTERNS}

    assert {
        "/speakers/",
        "/en/speakers/{}/",
        "/exhibit/equipment/{}/pictures/{}/delete/",
        "/en/schedule/export/schedule.{}",
        "/admin/",
        "/admin/events/session/{}/change/",
        "/admin/{}/",
        "/sitemap.xml",
        "/sitemap-{}.xml",
    } <= templates


def test_url_walk_has_real_path_values_for_every_pattern_but_the_admin_catch_all(world):
    missing = [
        template
        for template, parameters, name, language in PATTERNS
        if real_url(world, template, parameters, name, language) is None
    ]

    assert missing == ["/admin/{}"]


@pytest.mark.parametrize("user", USERS)
def test_url_walk_finds_no_server_error(world, user):
    # CSRF checks are off (the test client's default), so junk posts reach the views themselves.
    client = Client(raise_request_exception=False)
    if world["users"][user]:
        client.force_login(world["users"][user])
    cookies = client.cookies.output(header="", sep=";")
    requests = plan(world, user)
    failures = []
    # First every real page with GET, learning what its forms send and where.
    forms = defaultdict(list)
    for url in dict.fromkeys(url for method, url, real in requests if method == "get" and url == real):
        response = send(client, cookies, "get", url)
        if response.status_code >= 500:
            failures.append(describe(user, "get", url, response))
        if response.get("Content-Type", "").startswith("text/html"):
            for action, fields in PageForms(url, response.content.decode()).fields.items():
                forms[action] += fields
    for number, (method, url, real) in enumerate(requests):
        if method == "get" and url == real:
            continue
        fields = forms.get(urlsplit(url).path) or forms.get(real, [])
        bodies = [nul_post(fields), tampered_post(fields, number)] if method == "post" else [None]
        for body in bodies:
            response = send(client, cookies, method, url, body)
            if response.status_code >= 500:
                failures.append(describe(user, method, url, response))

    assert failures == [], "\n".join(failures)
