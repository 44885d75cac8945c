from django import forms
from django.utils.translation import gettext_lazy as _

from common import search
from common.forms import query_field

# The order of the result groups when they score alike: the programme first, as most
# visitors look for it.
KIND_ORDER = ("session", "speaker", "exhibitor", "equipment", "standard", "article", "publication")


class SearchForm(forms.Form):
    q = query_field(_("Search"), _("Sessions, speakers, companies, equipment, standards…"))
    kind = forms.ChoiceField(label=_("Show"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = sorted(search.KINDS.values(), key=lambda kind: KIND_ORDER.index(kind.name))
        self.fields["kind"].choices = [("", _("Everything")), *((kind.name, kind.label) for kind in kinds)]
