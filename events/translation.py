from modeltranslation.translator import TranslationOptions, register

from .models import (
    Conference,
    Organisation,
    Room,
    Session,
    SessionKind,
    SessionLink,
    Speaker,
    SpeakerLink,
    Track,
)


@register(Conference)
class ConferenceTranslationOptions(TranslationOptions):
    fields = ("name", "theme", "venue_name", "venue_address", "description")
    required_languages = ("zh-hans",)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans",)


@register(Room)
class RoomTranslationOptions(TranslationOptions):
    fields = ("name", "floor")
    required_languages = ("zh-hans",)


@register(Track)
class TrackTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans",)


@register(SessionKind)
class SessionKindTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans",)


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ("title", "subtitle", "abstract", "description")
    required_languages = ("zh-hans",)


@register(Speaker)
class SpeakerTranslationOptions(TranslationOptions):
    fields = ("name", "honorific", "position", "organisation", "biography")
    required_languages = ("zh-hans",)


@register(SpeakerLink)
class SpeakerLinkTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(SessionLink)
class SessionLinkTranslationOptions(TranslationOptions):
    fields = ("title",)
