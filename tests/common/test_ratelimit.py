import ipaddress

import pytest
from django.test import Client, RequestFactory

from common import ratelimit
from common.ratelimit import client_ip
from visitors.models import Registration

pytestmark = pytest.mark.django_db

NGINX = "127.0.0.1"


def request_from(address, forwarded=None):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=address, **headers)


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(NGINX), ipaddress.ip_network("10.0.0.0/8")]


def test_without_trusted_proxies_the_connections_address_is_the_clients(settings):
    settings.TRUSTED_PROXIES = []

    assert client_ip(request_from("203.0.113.7", forwarded="198.51.100.1")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_address_it_forwards_is_the_clients(behind_nginx):
    assert client_ip(request_from(NGINX, forwarded="203.0.113.7")) == "203.0.113.7"


def test_addresses_a_client_wrote_itself_are_passed_over(behind_nginx):
    # The client sent "X-Forwarded-For: 198.51.100.1, 10.1.1.1"; nginx appended its real address.
    forged = request_from(NGINX, forwarded="198.51.100.1, 10.1.1.1, 203.0.113.7")

    assert client_ip(forged) == "203.0.113.7"


def test_a_chain_of_trusted_proxies_is_walked_back_to_the_client(behind_nginx):
    # A TLS terminator at 10.0.0.2 in front of nginx.
    assert client_ip(request_from(NGINX, forwarded="203.0.113.7, 10.0.0.2")) == "203.0.113.7"


def test_an_untrusted_peer_sending_x_forwarded_for_is_taken_as_it_is(behind_nginx):
    assert client_ip(request_from("203.0.113.9", forwarded="127.0.0.1")) == "203.0.113.9"


def test_a_trusted_proxy_that_forwards_nothing_is_the_address(behind_nginx):
    assert client_ip(request_from(NGINX)) == NGINX
    assert client_ip(request_from(NGINX, forwarded="")) == NGINX


def test_a_malformed_forwarded_address_is_a_key_not_an_error(behind_nginx):
    assert client_ip(request_from(NGINX, forwarded="not an address")) == "not an address"
    assert client_ip(request_from(NGINX, forwarded="x" * 5000)) == "x" * 64


def test_behind_nginx_each_visitor_has_a_registration_limit_of_their_own(behind_nginx, settings, conference):
    settings.VISITOR_REGISTRATIONS_PER_IP = 1

    def register(client_address, email):
        data = {"name": "Li Ming", "organisation": "City", "email": email, "mobile": "13800000000"}
        return Client().post("/en/register/", data, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=client_address)

    first = register("203.0.113.7", "li@example.com")
    same_visitor = register("203.0.113.7", "li.2@example.com")
    another = register("203.0.113.8", "wang@example.com")

    assert (first.status_code, same_visitor.status_code, another.status_code) == (200, 429, 200)
    emails = sorted(Registration.objects.values_list("email", flat=True))
    assert emails == ["li@example.com", "wang@example.com"]


@pytest.fixture
def no_warning_given_yet(monkeypatch):
    monkeypatch.setattr(ratelimit, "_unnamed_proxies", set())


def test_a_proxy_that_is_not_named_is_logged_once(settings, no_warning_given_yet, caplog):
    settings.TRUSTED_PROXIES = []

    for _ in range(3):
        assert client_ip(request_from(NGINX, forwarded="203.0.113.7")) == NGINX

    [warning] = [record for record in caplog.records if record.name == "common.ratelimit"]
    assert warning.levelname == "WARNING"
    assert warning.getMessage().startswith("Requests come forwarded from 127.0.0.1, which TRUSTED_PROXIES")


def test_a_client_on_the_internet_sending_x_forwarded_for_is_not_taken_for_a_proxy(
    settings, no_warning_given_yet, caplog
):
    settings.TRUSTED_PROXIES = []

    # A global address (documentation ones count as private).
    client_ip(request_from("58.30.0.1", forwarded="198.51.100.1"))
    client_ip(request_from("10.0.0.7"))

    assert [record for record in caplog.records if record.name == "common.ratelimit"] == []


def test_an_attempt_is_counted_before_it_is_compared():
    limit = ratelimit.RateLimit("test-attempt", 2, 60)

    answers = [limit.attempt("ip:1", now=960) for _ in range(4)]

    assert answers == [0, 0, 60, 60]
    # The refused attempts were counted too: the key stays over its limit for the window.
    assert limit.retry_after("ip:1", now=1000) == 20
    assert limit.attempt("ip:1", now=1020) == 0


def test_an_attempt_past_any_key_limit_is_refused_and_each_key_counts_alone():
    limit = ratelimit.RateLimit("test-keys", 1, 60)

    assert limit.attempt("ip:1", "address:a", now=0) == 0
    assert limit.attempt("ip:2", "address:a", now=0) == 60
    assert limit.attempt("ip:3", "address:b", now=0) == 0


def test_forget_takes_an_attempt_back():
    limit = ratelimit.RateLimit("test-forget", 1, 60)
    limit.attempt("ip:1", now=0)

    limit.forget("ip:1", now=0)

    assert limit.attempt("ip:1", now=0) == 0


def test_address_keys_are_one_for_every_width_and_case():
    assert ratelimit.address_key("V3@ｐｒｏｂｅ.test") == ratelimit.address_key("v3@probe.test")
