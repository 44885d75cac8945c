from modeltranslation.translator import TranslationOptions, register

from .models import Article, Publication, Standard


@register(Standard)
class StandardTranslationOptions(TranslationOptions):
    fields = ("title", "issuing_bodies", "summary")
    required_languages = ("zh-hans",)


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("zh-hans",)


@register(Publication)
class PublicationTranslationOptions(TranslationOptions):
    fields = ("title", "publisher", "abstract", "table_of_contents")
    required_languages = ("zh-hans",)
