import pytest
from django.core.management import call_command

from events.models import Session
from exhibitors.models import Equipment, Exhibitor


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_pages_run_under_the_content_security_policy_without_violations(visit, demo):
    # Chromium reports every blocked script, style or picture as a console error.
    pages = [
        "/",
        "/en/schedule/",
        "/schedule/grid/?day=2018-06-20",
        f"/sessions/{Session.objects.filter(status='published').first().slug}/",
        "/floor-plan/?booth=A-101",
        f"/en/exhibitors/{Exhibitor.objects.filter(review_status='approved').first().slug}/",
        f"/equipment/{Equipment.objects.filter(status='published').first().slug}/",
        "/news/",
        "/en/exhibit/sign-in/",
        "/admin/login/",
    ]

    for path in pages:
        response = visit.goto(path)
        assert "script-src 'self';" in response.headers["content-security-policy"] + ";", path

    assert [error for error in visit.console_errors if "Content Security Policy" in error] == []
