import pytest

from portal.i18n import path_in_language


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/", "en", "/en/"),
        ("/", "zh-hans", "/"),
        ("/en/", "zh-hans", "/"),
        ("/en", "zh-hans", "/"),
        ("/en/", "en", "/en/"),
        ("/speakers/", "en", "/en/speakers/"),
        ("/en/speakers/wang/", "zh-hans", "/speakers/wang/"),
        ("/english/", "en", "/en/english/"),
        ("/zh-hans/news/", "en", "/en/news/"),
        ("//evil.example/", "zh-hans", "/evil.example/"),
        ("/en//evil.example/", "zh-hans", "/evil.example/"),
    ],
)
def test_path_in_language(path, language, expected):
    assert path_in_language(path, language) == expected
