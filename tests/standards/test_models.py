import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from standards.models import Article
from tests.factories import ArticleFactory, StandardFactory

pytestmark = pytest.mark.django_db


def test_standard_code_is_unique():
    StandardFactory(code="GB/T 36333-2018")

    with pytest.raises(IntegrityError), transaction.atomic():
        StandardFactory(code="GB/T 36333-2018")


def test_standard_cannot_take_effect_before_it_is_issued():
    with pytest.raises(IntegrityError), transaction.atomic():
        StandardFactory(issued_on=datetime.date(2019, 1, 1), effective_on=datetime.date(2018, 1, 1))


def test_standard_without_dates_is_allowed():
    standard = StandardFactory(issued_on=None, effective_on=None, status="planned")

    assert str(standard).startswith(standard.code)


def test_published_article_needs_a_publish_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(status="published", published_at=None)


def test_published_articles_exclude_drafts_and_scheduled_ones():
    now = timezone.now()
    live = ArticleFactory(published_at=now - datetime.timedelta(minutes=1))
    ArticleFactory(published_at=now + datetime.timedelta(minutes=1))
    ArticleFactory(status="draft", published_at=None)

    assert list(Article.objects.published(now)) == [live]


def test_article_is_live_follows_its_publish_time():
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))

    assert scheduled.is_live is False
