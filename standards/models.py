from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.models import TimeStampedModel

from .enums import ArticleStatus, StandardCategory, StandardStatus


class Standard(TimeStampedModel):
    """A national (or other) standard relevant to smart cities, such as GB/T 36333-2018."""

    code = models.CharField(
        pgettext_lazy("standard", "code"), max_length=50, unique=True, help_text=_("Such as GB/T 36333-2018.")
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=20, choices=StandardStatus)
    category = models.CharField(_("category"), max_length=20, choices=StandardCategory, blank=True)
    issuing_bodies = models.CharField(_("issuing bodies"), max_length=300, blank=True)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    effective_on = models.DateField(_("effective date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=3_000)
    official_url = models.URLField(_("official link"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(effective_on__gte=F("issued_on")),
                name="standards_standard_effective_after_issue",
                violation_error_message=_("A standard cannot take effect before it is issued."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("standards:standard_detail", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published articles whose publish time has come; scheduled ones wait for it."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=now or timezone.now())


class Article(TimeStampedModel):
    """Standards news. The body is Markdown, rendered and sanitised when shown."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    summary = models.TextField(_("summary"), blank=True, max_length=1_000)
    body = models.TextField(
        _("body"), blank=True, max_length=50_000, help_text=_("Markdown. Scripts and styles are removed.")
    )
    cover = models.ImageField(_("cover image"), upload_to="news/", blank=True)
    cover_thumbnail = models.ImageField(_("cover thumbnail"), upload_to="news/", blank=True, editable=False)
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("A later time schedules the article: it stays hidden until then."),
    )
    status = models.CharField(_("status"), max_length=20, choices=ArticleStatus, default=ArticleStatus.DRAFT)
    related_standards = models.ManyToManyField(
        Standard, blank=True, related_name="articles", verbose_name=_("related standards")
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ArticleStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="standards_article_published_has_time",
                violation_error_message=_("A published article needs a publish time."),
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"], name="standards_article_live")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("standards:article_detail", kwargs={"slug": self.slug})

    @property
    def is_live(self):
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class Publication(TimeStampedModel):
    """White papers and reports, such as the Whitepaper on New Smart City Development 2018."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    abstract = models.TextField(_("abstract"), blank=True, max_length=5_000)
    table_of_contents = models.TextField(
        _("table of contents"), blank=True, max_length=10_000, help_text=_("One entry per line.")
    )
    pdf = models.FileField(_("PDF"), upload_to="publications/", blank=True)
    released_on = models.DateField(_("release date"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-released_on", "pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("standards:publication_detail", kwargs={"slug": self.slug})

    @property
    def contents(self):
        return [line.strip() for line in self.table_of_contents.splitlines() if line.strip()]
