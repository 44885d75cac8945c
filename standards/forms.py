from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import query_field


class ArticleSearchForm(forms.Form):
    q = query_field(_("Search the news"), _("Standard, topic or title"))
