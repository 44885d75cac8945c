from modeltranslation.translator import TranslationOptions, register

from .models import Conference, Organisation


@register(Conference)
class ConferenceTranslationOptions(TranslationOptions):
    fields = ("name", "theme", "venue_name", "venue_address", "description")
    required_languages = ("zh-hans",)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans",)
