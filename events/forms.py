from django import forms
from django.utils.translation import gettext_lazy as _


class StarChoiceForm(forms.Form):
    """One public session of the edition, and the page to go back to."""

    session = forms.ModelChoiceField(
        queryset=None,
        error_messages={
            "required": _("Say which session to star."),
            "invalid_choice": _("That session is not in the published programme."),
        },
    )
    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = conference.sessions.public()


class StarForm(StarChoiceForm):
    """Star or unstar one public session of the edition."""

    STAR = "star"
    UNSTAR = "unstar"

    action = forms.ChoiceField(
        choices=[(STAR, _("Add to my agenda")), (UNSTAR, _("Remove from my agenda"))],
        error_messages={
            "required": _("Say whether to add or remove the session."),
            "invalid_choice": _("Say whether to add or remove the session."),
        },
    )
