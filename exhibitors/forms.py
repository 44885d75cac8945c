from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.addresses import EmailAddressField
from common.forms import SubmitOnceMixin, https_url_formfield
from common.sites import site_domain
from common.uploads import ImageRenditionsMixin, validate_pdf

from .models import BoothType, Equipment, EquipmentCategory, EquipmentImage, Exhibitor

MAX_SPEC_SHEET_BYTES = 10 * 1024 * 1024
# Stored sizes (longest side in pixels) of the pictures exhibitors upload, here and in the admin.
LOGO_RENDITIONS = {"logo": {"logo": 600, "logo_thumbnail": 160}}
EQUIPMENT_IMAGE_RENDITIONS = {"image": {"image": 1600, "thumbnail": 480}}


class SpecSheetMixin:
    """For an equipment ModelForm: a new spec sheet must be a PDF by content, at most 10 MB."""

    def clean_spec_sheet(self):
        spec_sheet = self.cleaned_data.get("spec_sheet")
        if isinstance(spec_sheet, UploadedFile):
            return validate_pdf(spec_sheet, max_bytes=MAX_SPEC_SHEET_BYTES)
        return spec_sheet


class SignUpForm(forms.Form):
    email = EmailAddressField(label=_("E-mail"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    address_taken = _(
        "An account with this address exists. Sign in, or reset your password if you forgot it."
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(username=email).exists():
            raise forms.ValidationError(self.address_taken)
        return email

    def clean(self):
        cleaned_data = super().clean()
        first, second = cleaned_data.get("password1"), cleaned_data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ. Type the same password twice."))
        elif first and cleaned_data.get("email"):
            user = get_user_model()(username=cleaned_data["email"], email=cleaned_data["email"])
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data


class SignInForm(AuthenticationForm):
    username = EmailAddressField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True}))


class AddressPasswordResetForm(PasswordResetForm):
    email = EmailAddressField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def save(self, **kwargs):
        # The link goes to SITE_URL, never to the Host the request claimed.
        domain, use_https = site_domain()
        return super().save(**{**kwargs, "domain_override": domain, "use_https": use_https})


class CompanyForm(ImageRenditionsMixin, forms.ModelForm):
    image_renditions = LOGO_RENDITIONS

    class Meta:
        model = Exhibitor
        fields = [
            "name_zh_hans",
            "name_en",
            "description_zh_hans",
            "description_en",
            "website",
            "country_zh_hans",
            "country_en",
            "region_zh_hans",
            "region_en",
            "categories",
            "contact_person",
            "email",
            "phone",
            "logo",
        ]
        labels = {
            "name_zh_hans": _("Company name (Chinese)"),
            "name_en": _("Company name (English)"),
            "description_zh_hans": _("Description (Chinese)"),
            "description_en": _("Description (English)"),
            "country_zh_hans": _("Country (Chinese)"),
            "country_en": _("Country (English)"),
            "region_zh_hans": _("Region (Chinese)"),
            "region_en": _("Region (English)"),
        }
        widgets = {"categories": forms.CheckboxSelectMultiple}
        formfield_callback = https_url_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = EquipmentCategory.objects.filter(parent__isnull=True)
        self.fields["name_zh_hans"].required = True
        if self.instance._state.adding:
            # The model's default (中国) is the Chinese name; each language field gets it.
            self.initial.setdefault("country_en", "China")


class InviteForm(forms.Form):
    email = EmailAddressField(label=_("Colleague's e-mail"))


class BoothFilterForm(forms.Form):
    """The booth list of the exhibitor portal, within one hall (chosen by the hall tabs): free
    booths by default, or every booth with its status in words."""

    FREE, ALL = "free", "all"

    booth_type = forms.ModelChoiceField(
        label=_("Booth type"), queryset=BoothType.objects.none(), required=False, empty_label=_("All types")
    )
    show = forms.ChoiceField(
        label=pgettext_lazy("booth list", "Show"),
        choices=[(FREE, _("Free booths")), (ALL, _("All booths"))],
        required=False,
    )

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booth_type"].queryset = BoothType.objects.filter(conference=conference)

    def filters(self):
        """The valid choices (an invalid value is ignored): booth type or None, and whether to
        show booths that are taken."""
        data = self.cleaned_data if self.is_valid() else getattr(self, "cleaned_data", {})
        return data.get("booth_type"), data.get("show") == self.ALL


class EquipmentForm(SubmitOnceMixin, SpecSheetMixin, forms.ModelForm):
    class Meta:
        model = Equipment
        fields = [
            "name_zh_hans",
            "name_en",
            "category",
            "summary_zh_hans",
            "summary_en",
            "description_zh_hans",
            "description_en",
            "standards",
            "spec_sheet",
            "order",
        ]
        labels = {
            "name_zh_hans": _("Product name (Chinese)"),
            "name_en": _("Product name (English)"),
            "summary_zh_hans": _("Summary (Chinese)"),
            "summary_en": _("Summary (English)"),
            "description_zh_hans": _("Description (Chinese)"),
            "description_en": _("Description (English)"),
        }
        widgets = {"standards": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_zh_hans"].required = True
        self.fields["category"].queryset = EquipmentCategory.objects.filter(
            parent__isnull=False
        ).select_related("parent")


class EquipmentImageForm(ImageRenditionsMixin, forms.ModelForm):
    image_renditions = EQUIPMENT_IMAGE_RENDITIONS

    class Meta:
        model = EquipmentImage
        fields = ["image", "alt_text_zh_hans", "alt_text_en"]
        labels = {
            "alt_text_zh_hans": _("What the picture shows (Chinese)"),
            "alt_text_en": _("What the picture shows (English)"),
        }
