"""The languages a session is held in: codes as a programme (or an organiser) writes them, in
the order written, and their names in the visitor's language ("German, English" / "德语、英语")."""

import re
import unicodedata

from django.core.validators import RegexValidator
from django.utils.translation import get_language_info, gettext_lazy, pgettext

# A language tag such as zh, en, de, pt-BR or zh-hans (BCP 47's shape, not its registry), as
# long as the column keeps.
MAX_CODE_LENGTH = 20
CODE = re.compile(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*")
validate_language_code = RegexValidator(
    rf"^{CODE.pattern}$", gettext_lazy("Enter a language code such as zh, en or de.")
)

# Programmes separate several languages with commas ("de, en"), and sometimes with / or ;
# (the Chinese enumeration comma 、 too).
SEPARATORS = re.compile(r"[\s,;/、]+")

# The site's own names for the languages of its audience; Django names the others.
OUR_NAMES = {
    "zh": gettext_lazy("Chinese"),
    "zh-cn": gettext_lazy("Chinese"),
    "zh-hans": gettext_lazy("Chinese"),
    "en": gettext_lazy("English"),
}

# What a new session made by hand is held in.
DEFAULT_LANGUAGES = ["zh"]


def split_codes(text):
    """(codes, not_codes) of a list of languages as written: each code once, in its order.
    Full-width letters and commas (typed on a Chinese keyboard: ｄｅ，ｅｎ) read as their ASCII."""
    codes, bad = {}, []
    for word in SEPARATORS.split(unicodedata.normalize("NFKC", text).strip()):
        if not word:
            continue
        if CODE.fullmatch(word) and len(word) <= MAX_CODE_LENGTH:
            codes.setdefault(word.lower(), word)
        else:
            bad.append(word)
    return list(codes.values()), bad


def language_name(code):
    """A code's name in the active language: ours for Chinese and English, Django's for the
    others (a regional code falls back to its language's name), else the code itself."""
    lowered = code.lower()
    if lowered in OUR_NAMES:
        return str(OUR_NAMES[lowered])
    try:
        return str(get_language_info(lowered)["name_translated"])
    except KeyError:
        return code


def language_names(codes):
    """The codes' names joined as the active language lists them: "German, English", "德语、英语"."""
    return pgettext("list separator", ", ").join(language_name(code) for code in codes)
