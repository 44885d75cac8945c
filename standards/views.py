from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView, ListView

from common import search
from common.views import FilteredListView, ForgivingPaginationMixin

from .extensions import STANDARD_PAGE_EXTENSIONS
from .filters import StandardFilter
from .forms import ArticleSearchForm
from .models import Article, Publication, Standard
from .selectors import article_for_listing, standard_with_news


class StandardListView(FilteredListView):
    template_name = "standards/standard_list.html"
    filterset_class = StandardFilter
    paginate_by = 30

    def get_queryset(self):
        return Standard.objects.order_by("code")


class StandardDetailView(DetailView):
    template_name = "standards/standard_detail.html"
    context_object_name = "standard"

    def get_queryset(self):
        return standard_with_news(Standard.objects.all())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for extension in STANDARD_PAGE_EXTENSIONS:
            context.update(extension(self.object))
        return context


class ArticleListView(ForgivingPaginationMixin, ListView):
    """The news, newest first; `q` keeps the articles the site search finds for it."""

    template_name = "standards/article_list.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        articles = article_for_listing(Article.objects.published())
        self.form = ArticleSearchForm(self.request.GET)
        if self.form.is_valid() and (text := self.form.cleaned_data["q"].strip()):
            articles = articles.filter(pk__in=search.object_ids("article", text, now=timezone.now()))
        return articles

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, is_filtered=bool(self.form.data.get("q")), **kwargs)


class ArticleDetailView(DetailView):
    template_name = "standards/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return article_for_listing(Article.objects.published())

    def get_object(self, queryset=None):
        # Organisers preview drafts and scheduled articles; visitors see what is live. The user
        # is looked at only for an article that is not live, so live pages stay shared.
        try:
            return super().get_object(queryset)
        except Http404:
            if not self.request.user.has_perm("standards.change_article"):
                raise
            return super().get_object(article_for_listing(Article.objects.all()))


class PublicationListView(ForgivingPaginationMixin, ListView):
    template_name = "standards/publication_list.html"
    context_object_name = "publications"
    paginate_by = 20
    queryset = Publication.objects.all()


class PublicationDetailView(DetailView):
    template_name = "standards/publication_detail.html"
    context_object_name = "publication"
    queryset = Publication.objects.all()
