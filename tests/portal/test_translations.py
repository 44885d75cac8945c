"""The Chinese catalogue is complete, and the compiled one in use matches it."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def messages(po_path):
    with po_path.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


def test_there_is_a_chinese_catalogue():
    assert [path.relative_to(LOCALE).as_posix() for path in CATALOGUES] == ["zh_Hans/LC_MESSAGES/django.po"]


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_every_string_is_translated(po_path):
    untranslated = [
        message.id
        for message in messages(po_path)
        if not (all(message.string) if message.pluralizable else message.string)
    ]

    assert untranslated == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_no_translation_is_fuzzy(po_path):
    fuzzy = [message.id for message in messages(po_path) if message.fuzzy]

    assert fuzzy == []


def served(message):
    """What the compiled catalogue in use gives for one entry of the .po file."""
    if message.pluralizable:
        singular, plural = message.id
        if message.context:
            return translation.npgettext(message.context, singular, plural, 1)
        return translation.ngettext(singular, plural, 1)
    if message.context:
        return translation.pgettext(message.context, message.id)
    return translation.gettext(message.id)


def expected(message):
    return message.string[0] if message.pluralizable else message.string


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_compiled_catalogue_is_up_to_date(po_path):
    # A stale or missing .mo would serve English (or an older text) to Chinese visitors.
    with translation.override("zh-hans"):
        stale = [message.id for message in messages(po_path) if served(message) != expected(message)]

    assert stale == []
