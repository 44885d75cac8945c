from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class SearchEntry(models.Model):
    """One public page in the site search (common.search): what a result shows, in both
    languages, kept by the search index whenever its object changes."""

    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("object"))
    slug = models.CharField(_("slug"), max_length=150)
    # The edition a programme or expo page belongs to (no foreign key: this package sits below
    # the apps); empty for standards and news, which every edition shows.
    edition_id = models.PositiveIntegerField(_("edition"), null=True, blank=True)
    # A scheduled article is found from its publish time on, without being indexed again.
    available_from = models.DateTimeField(_("shown from"), null=True, blank=True)
    title_zh_hans = models.CharField(_("title (Chinese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    detail_zh_hans = models.CharField(_("detail (Chinese)"), max_length=300, blank=True)
    detail_en = models.CharField(_("detail (English)"), max_length=300, blank=True)
    excerpt_zh_hans = models.CharField(_("excerpt (Chinese)"), max_length=300, blank=True)
    excerpt_en = models.CharField(_("excerpt (English)"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="common_searchentry_unique_object"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title_zh_hans}"


class SearchTerm(models.Model):
    """A word (or a pair of Chinese characters) of an entry, with the weight of the field it
    came from: the index a query is looked up in, term by term."""

    term = models.CharField(_("term"), max_length=32)
    entry = models.ForeignKey(
        SearchEntry, on_delete=models.CASCADE, related_name="terms", verbose_name=_("entry")
    )
    weight = models.PositiveSmallIntegerField(_("weight"))

    class Meta:
        ordering = ["term", "entry"]
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [
            # A query reads its terms' postings (entry and weight) from this index alone. A
            # term is written once per entry (the index builds them from a dict).
            models.Index(fields=["term", "entry", "weight"], name="common_searchterm_lookup"),
        ]

    def __str__(self):
        return self.term
