from modeltranslation.translator import TranslationOptions, register

from .models import BoothType, Equipment, EquipmentCategory, EquipmentImage, Exhibitor, Hall


@register(Hall)
class HallTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans",)


@register(BoothType)
class BoothTypeTranslationOptions(TranslationOptions):
    fields = ("name", "includes")
    required_languages = ("zh-hans",)


@register(EquipmentCategory)
class EquipmentCategoryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans",)


@register(Exhibitor)
class ExhibitorTranslationOptions(TranslationOptions):
    fields = ("name", "description", "country", "region")
    required_languages = ("zh-hans",)


@register(Equipment)
class EquipmentTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description")
    required_languages = ("zh-hans",)


@register(EquipmentImage)
class EquipmentImageTranslationOptions(TranslationOptions):
    fields = ("alt_text",)
