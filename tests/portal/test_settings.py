"""Settings are read once per process, so each case starts a fresh Python with its own
environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "example.org",
}


def run_django(args, **env):
    # Only the system's variables: none of the test-only ones pytest-env sets.
    clean = {
        key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG", "DATABASE_URL"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_value(name, **env):
    result = run_django(
        [
            "-c",
            f"import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings'; "
            f"from django.conf import settings; print(repr(settings.{name}))",
        ],
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_missing_secret_key_with_debug_off_stops_start_up_with_a_clear_message():
    result = run_django(["manage.py", "check"], DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY is not set." in result.stderr


def test_debug_on_runs_without_a_secret_key():
    result = run_django(["manage.py", "check"], DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_under_production_variables():
    result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_unreadable_boolean_is_a_clear_error():
    result = run_django(["manage.py", "check"], DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG must be 1/0, true/false, yes/no or on/off, not 'maybe'." in result.stderr


@pytest.mark.parametrize(
    ("name", "env", "expected"),
    [
        ("SECURE_SSL_REDIRECT", PRODUCTION, "True"),
        ("SECURE_SSL_REDIRECT", {**PRODUCTION, "SECURE_SSL_REDIRECT": "0"}, "False"),
        ("SECURE_HSTS_SECONDS", PRODUCTION, "31536000"),
        ("SESSION_COOKIE_SECURE", PRODUCTION, "True"),
        (
            "SECURE_PROXY_SSL_HEADER",
            {**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "1"},
            "('HTTP_X_FORWARDED_PROTO', 'https')",
        ),
        (
            "ALLOWED_HOSTS",
            {**PRODUCTION, "ALLOWED_HOSTS": "a.example, b.example"},
            "['a.example', 'b.example']",
        ),
        (
            "CSRF_TRUSTED_ORIGINS",
            {**PRODUCTION, "CSRF_TRUSTED_ORIGINS": "https://a.example"},
            "['https://a.example']",
        ),
        ("EMAIL_BACKEND", PRODUCTION, "'django.core.mail.backends.console.EmailBackend'"),
        (
            "EMAIL_BACKEND",
            {**PRODUCTION, "EMAIL_HOST": "smtp.example"},
            "'django.core.mail.backends.smtp.EmailBackend'",
        ),
        (
            "DATABASES['default']['ENGINE']",
            {**PRODUCTION, "DATABASE_URL": "postgres://u@db.example/expo"},
            "'django.db.backends.postgresql'",
        ),
        ("CACHES['default']['BACKEND']", PRODUCTION, "'django.core.cache.backends.locmem.LocMemCache'"),
        (
            "CACHES['default']['BACKEND']",
            {**PRODUCTION, "REDIS_URL": "redis://127.0.0.1:6379/1"},
            "'common.cache.ForgivingRedisCache'",
        ),
        ("MEDIA_ROOT", {**PRODUCTION, "MEDIA_ROOT": "/srv/media"}, "PosixPath('/srv/media')"),
        ("TIME_ZONE", PRODUCTION, "'Asia/Shanghai'"),
        ("LANGUAGE_CODE", PRODUCTION, "'zh-hans'"),
        (
            "STORAGES['staticfiles']['BACKEND']",
            PRODUCTION,
            "'whitenoise.storage.CompressedManifestStaticFilesStorage'",
        ),
        ("SECURE_SSL_REDIRECT", {"DEBUG": "1"}, "False"),
        ("MAX_REQUEST_BYTES", PRODUCTION, "26214400"),
        ("MAX_REQUEST_BYTES", {**PRODUCTION, "MAX_REQUEST_BYTES": "10485760"}, "10485760"),
        ("TRUSTED_PROXIES", PRODUCTION, "[]"),
        (
            "TRUSTED_PROXIES",
            {**PRODUCTION, "TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8, ::1"},
            "[IPv4Network('127.0.0.1/32'), IPv4Network('10.0.0.0/8'), IPv6Network('::1/128')]",
        ),
    ],
)
def test_settings_follow_the_environment(name, env, expected):
    assert settings_value(name, **env) == expected


def test_job_retry_intervals_are_read_as_whole_numbers():
    assert settings_value("JOB_RETRY_SECONDS", DEBUG="1", JOB_RETRY_SECONDS="10, 60") == "[10, 60]"
    assert settings_value("JOB_RETRIES", DEBUG="1", JOB_RETRY_SECONDS="10, 60") == "2"
    assert settings_value("JOB_RETRY_SECONDS", DEBUG="1") == "[30, 120, 600]"


def test_job_retry_intervals_that_are_not_numbers_stop_start_up_naming_the_variable():
    result = run_django(["manage.py", "check"], DEBUG="1", JOB_RETRY_SECONDS="soon")

    assert result.returncode != 0
    assert "JOB_RETRY_SECONDS must be whole numbers separated by commas, not ['soon']." in result.stderr


def test_a_trusted_proxy_that_is_not_an_address_stops_start_up_naming_the_variable():
    result = run_django(["manage.py", "check"], DEBUG="1", TRUSTED_PROXIES="nginx")

    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'nginx' does not appear to be an IPv4 or IPv6 network" in result.stderr
