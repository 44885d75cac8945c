"""Names in the order readers expect: Chinese by pinyin (as dictionaries and phone books sort
them), not by code point, which put 孙 before 宋 before 戴 before 王."""

from django.conf import settings
from django.db.models.signals import pre_save
from django.utils.translation import get_language
from pypinyin import lazy_pinyin


def pinyin_key(text):
    """A sort key: the text's syllables in pinyin (other characters as they are), lower case,
    then the text itself to keep apart names that read alike."""
    text = (text or "").strip()
    return f"{' '.join(lazy_pinyin(text)).casefold()} {text}"[:300]


def keep_sort_key(model, *, source, target):
    """Before each save of `model`, set `target` to the pinyin key of `source` (connected in
    the app's ready(); bulk inserts do not send the signal)."""

    def update(instance, **kwargs):
        setattr(instance, target, pinyin_key(getattr(instance, source)))

    pre_save.connect(update, sender=model, weak=False, dispatch_uid=f"sort-key:{model._meta.label}:{target}")


def name_order(sort_field, name_field="name"):
    """order_by() arguments for a list of names: by pinyin key in Chinese, by the name in the
    visitor's language otherwise."""
    if get_language() == settings.LANGUAGE_CODE:
        return (sort_field, "pk")
    return (name_field, "pk")


def sorted_by_pinyin(values):
    """Strings (regions, say) in the order of the visitor's language."""
    if get_language() == settings.LANGUAGE_CODE:
        return sorted(values, key=pinyin_key)
    return sorted(values, key=str.casefold)
