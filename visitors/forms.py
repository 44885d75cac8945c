import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from common.addresses import EmailAddressField
from common.forms import SubmitOnceMixin
from exhibitors.models import EquipmentCategory

from . import services
from .models import Lead, Registration


class RegistrationForm(SubmitOnceMixin, forms.ModelForm):
    # What an exhibitor receives when it scans the badge of a visitor who ticked the box.
    SHARED = _("name, organisation, position, e-mail and mobile number")

    email_taken = _(
        "This e-mail address is already registered for this edition. Open the link in the e-mail we "
        "sent to it, or register with another address."
    )

    class Meta:
        model = Registration
        fields = ["name", "organisation", "position", "email", "mobile", "interests", "share_contact"]
        field_classes = {"email": EmailAddressField}
        labels = {
            "name": _("Your name"),
            "organisation": _("Organisation"),
            "position": _("Position"),
            "email": _("E-mail"),
            "mobile": _("Mobile number"),
            "interests": _("What equipment interests you"),
        }
        help_texts = {
            "email": _("We send the confirmation link and your badge to this address."),
            "mobile": _("Such as +86 138 0000 0000."),
            "interests": _("Optional. Tick as many as you like."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "mobile": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
            "interests": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "name": {"required": _("Enter your name.")},
            "organisation": {"required": _("Enter your organisation (company, institute or office).")},
            "email": {
                "required": _("Enter your e-mail address."),
                "invalid": _("Enter a whole e-mail address, such as li@example.com."),
            },
            "mobile": {"required": _("Enter your mobile number.")},
            "interests": {"invalid_choice": _("Choose among the categories listed.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the main categories: a visitor's interest is a field, not one kind of device.
        self.fields["interests"].queryset = EquipmentCategory.objects.filter(parent__isnull=True)
        self.fields["share_contact"].label = _(
            "Share my contact details (%(shared)s) with the exhibitors whose badge scanner scans my badge."
        ) % {"shared": self.SHARED}
        self.fields["share_contact"].help_text = _(
            "Optional. Without it, an exhibitor that scans your badge receives none of these details."
        )

    def clean_email(self):
        email = self.cleaned_data["email"]
        if Registration.objects.filter(conference=self.instance.conference, email=email).exists():
            raise forms.ValidationError(self.email_taken, code="email_taken")
        return email

    def is_repeated_post(self):
        """Whether this invalid form is the repeat of one that registered (a double click): the
        only error is the address, which the first post took."""
        return (
            list(self.errors) == ["email"]
            and self.has_error("email", code="email_taken")
            and bool(self.cleaned_data.get("submission"))
            and self.submission_claimed()
        )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Badge code"),
        max_length=40,
        help_text=_("Scan the badge, or type its code; dashes and case do not matter."),
        error_messages={"required": _("Scan or type a badge code.")},
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )


class LeadForm(forms.ModelForm):
    """The team's note and rating of a lead."""

    class Meta:
        model = Lead
        fields = ["note", "rating"]
        labels = {"note": _("Note"), "rating": _("Rating")}
        help_texts = {
            "note": _("What the visitor asked about, what you promised to send. At most 2000 characters."),
            "rating": _("Optional: 1 (cold) to 5 (hot)."),
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "note": {"max_length": _("Keep the note to 2000 characters (it has %(show_value)d).")},
            "rating": {"invalid_choice": _("Choose a rating from 1 to 5, or none.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [("", _("No rating")), *Lead.RATINGS]


class LeadScanForm(LeadForm):
    """A badge code, typed, pasted or filled in by the camera, with a first note and rating."""

    code = forms.CharField(
        label=_("Badge code"),
        max_length=40,
        help_text=_(
            "The code under the QR code, such as ABCD-EFGH-JKLM-NPQR; dashes and case do not matter."
        ),
        error_messages={"required": _("Scan or type a badge code.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    field_order = ["code", "note", "rating"]


class FollowForm(forms.Form):
    FOLLOW, UNFOLLOW = "follow", "unfollow"

    action = forms.ChoiceField(
        choices=[(FOLLOW, FOLLOW), (UNFOLLOW, UNFOLLOW)],
        error_messages={"required": _("Say whether to follow or stop following.")},
    )
    next = forms.CharField(required=False, max_length=2000)


def meeting_times(conference, *, step_minutes=30):
    """The start times offered for a meeting: from the expo's opening, every half hour, to the
    last that leaves half an hour before it closes."""
    opens = datetime.datetime.combine(conference.start_date, conference.expo_opens)
    closes = datetime.datetime.combine(conference.start_date, conference.expo_closes)
    times, moment = [], opens
    while moment + datetime.timedelta(minutes=min(services.MEETING_MINUTES)) <= closes:
        times.append(moment.time())
        moment += datetime.timedelta(minutes=step_minutes)
    return times


class MeetingRequestForm(SubmitOnceMixin, forms.Form):
    """A day of the expo that has not passed, a time within its opening hours, how long, and a
    message for the exhibitor."""

    day = forms.TypedChoiceField(
        label=_("Day"),
        coerce=datetime.date.fromisoformat,
        error_messages={"invalid_choice": _("Choose one of the expo's days listed.")},
    )
    time = forms.TypedChoiceField(
        label=_("Time"),
        coerce=datetime.time.fromisoformat,
        error_messages={"invalid_choice": _("Choose one of the times listed.")},
    )
    minutes = forms.TypedChoiceField(
        label=_("How long"),
        coerce=int,
        initial=30,
        error_messages={"invalid_choice": _("Choose 30 or 60 minutes.")},
    )
    message = forms.CharField(
        label=_("Message to the exhibitor"),
        required=False,
        max_length=1000,
        help_text=_("Optional: what you would like to talk about. At most 1000 characters."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep the message to 1000 characters (it has %(show_value)d).")},
    )

    def __init__(self, *args, conference, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["day"].choices = [(day.isoformat(), date_format(day, "DATE_FORMAT")) for day in days]
        self.fields["time"].choices = [
            (moment.strftime("%H:%M"), moment.strftime("%H:%M")) for moment in meeting_times(conference)
        ]
        self.fields["minutes"].choices = [(30, _("30 minutes")), (60, _("1 hour"))]
        for name in ("day", "time"):
            self.fields[name].error_messages["required"] = _("Choose a day and a time.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("day") and cleaned.get("time"):
            cleaned["start"] = datetime.datetime.combine(
                cleaned["day"], cleaned["time"], tzinfo=self.conference.zone
            )
        return cleaned


class MeetingAnswerForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"

    answer = forms.ChoiceField(
        choices=[(ACCEPT, _("Accept")), (DECLINE, _("Decline"))],
        error_messages={
            "required": _("Choose Accept or Decline."),
            "invalid_choice": _("Choose Accept or Decline."),
        },
    )
    reply = forms.CharField(
        label=_("Reply to the visitor"),
        required=False,
        max_length=1000,
        help_text=_("Optional: who will meet them, or another time that suits you. At most 1000 characters."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the reply to 1000 characters (it has %(show_value)d).")},
    )
