from django.db import transaction
from django.utils import timezone

from common import pagecache, search

from .enums import ArticleStatus
from .models import Article


@transaction.atomic
def article_publish(*, articles, now=None):
    """Publish articles; one without a publish time goes live now, a scheduled one keeps its time."""
    now = now or timezone.now()
    changed = 0
    for article in Article.objects.select_for_update().filter(pk__in=[a.pk for a in articles]):
        if article.status == ArticleStatus.PUBLISHED and article.published_at:
            continue
        article.status = ArticleStatus.PUBLISHED
        article.published_at = article.published_at or now
        article.full_clean()
        article.save(update_fields=["status", "published_at", "updated"])
        changed += 1
    return changed


@transaction.atomic
def article_unpublish(*, articles):
    """Take articles back to draft; their publish time is kept for when they return."""
    pagecache.retire("standards")
    ids = [article.pk for article in articles]
    changed = (
        Article.objects.filter(pk__in=ids)
        .exclude(status=ArticleStatus.DRAFT)
        .update(status=ArticleStatus.DRAFT, updated=timezone.now())
    )
    search.reindex("article", ids)
    return changed
