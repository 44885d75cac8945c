from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from common.admin import MalformedPostMixin
from common.forms import HTTPS_URL_FIELDS
from common.uploads import ImageRenditionsMixin, validate_pdf

from . import services
from .models import Article, Publication, Standard


@admin.register(Standard)
class StandardAdmin(MalformedPostMixin, TranslationAdmin):
    list_display = ["code", "title", "status", "category", "issued_on", "effective_on"]
    list_display_links = ["code", "title"]
    list_filter = ["status", "category"]
    search_fields = ["code", "title_zh_hans", "title_en"]
    prepopulated_fields = {"slug": ["code"]}
    date_hierarchy = "issued_on"
    formfield_overrides = HTTPS_URL_FIELDS


class ArticleAdminForm(ImageRenditionsMixin, forms.ModelForm):
    image_renditions = {"cover": {"cover": 1600, "cover_thumbnail": 480}}

    class Meta:
        model = Article
        # ArticleAdmin.fieldsets lists the rest.
        fields = ["cover"]


@admin.register(Article)
class ArticleAdmin(MalformedPostMixin, TranslationAdmin):
    form = ArticleAdminForm
    list_display = ["title", "status", "published_at", "is_live", "preview"]
    list_filter = ["status"]
    search_fields = ["title_zh_hans", "title_en", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["related_standards"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "cover"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "related_standards"]}),
    ]

    @admin.display(description=_("live"), boolean=True)
    def is_live(self, article):
        return article.is_live

    @admin.display(description=_("preview"))
    def preview(self, article):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', article.get_absolute_url(), _("Preview")
        )

    @admin.action(description=_("Publish selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        changed = services.article_publish(articles=queryset)
        self.message_user(
            request,
            ngettext("%(count)d article published.", "%(count)d articles published.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected articles (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        changed = services.article_unpublish(articles=queryset)
        self.message_user(
            request,
            ngettext("%(count)d article unpublished.", "%(count)d articles unpublished.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )


class PublicationAdminForm(forms.ModelForm):
    class Meta:
        model = Publication
        # PublicationAdmin.fields lists the rest.
        fields = ["pdf"]

    def clean_pdf(self):
        pdf = self.cleaned_data.get("pdf")
        if isinstance(pdf, UploadedFile):
            return validate_pdf(pdf)
        return pdf


@admin.register(Publication)
class PublicationAdmin(MalformedPostMixin, TranslationAdmin):
    form = PublicationAdminForm
    list_display = ["title", "year", "released_on", "has_pdf"]
    search_fields = ["title_zh_hans", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    fields = ["title", "slug", "year", "publisher", "released_on", "abstract", "table_of_contents", "pdf"]

    @admin.display(description=_("PDF"), boolean=True)
    def has_pdf(self, publication):
        return bool(publication.pdf)
