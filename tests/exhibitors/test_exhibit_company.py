import pytest
from django.conf import settings
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exhibitors.models import Equipment, EquipmentImage, Exhibitor
from exhibitors.services import exhibitor_create
from tests.factories import CategoryFactory, EquipmentFactory, ExhibitorFactory, StandardFactory
from tests.utils import company_form, equipment_form, image_bytes, member_client, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def test_a_user_without_a_company_is_sent_to_create_one(newcomer):
    response = newcomer.get("/en/exhibit/", follow=True)

    assert response.redirect_chain[-1][0] == reverse("exhibitors:company")


def test_anonymous_visitors_are_sent_to_sign_in(client, conference):
    for url in ["/en/exhibit/", "/en/exhibit/booths/", "/en/exhibit/company/", "/en/exhibit/equipment/new/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/exhibit/sign-in/?next=")


def test_create_the_company_with_a_logo(newcomer, settings, tmp_path):
    category = CategoryFactory()

    response = newcomer.post(
        "/en/exhibit/company/",
        company_form(categories=[category.pk], logo=upload(content=image_bytes(format="PNG", mode="RGBA"))),
    )

    assert response.status_code == 302
    exhibitor = Exhibitor.objects.get()
    assert (exhibitor.slug, exhibitor.review_status, exhibitor.website) == (
        "acme-sensing",
        "pending",
        "https://acme.example",
    )
    assert [user.email for user in exhibitor.users.all()] == ["li@acme.example"]
    assert exhibitor.logo.name.endswith(".png")
    assert exhibitor.logo_thumbnail.name.endswith(".png")


def test_company_with_a_fake_logo_is_a_form_error_and_nothing_is_saved(newcomer):
    response = newcomer.post(
        "/en/exhibit/company/", company_form(logo=upload(name="logo.png", content=b"<svg onload=x>"))
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["logo"]
    assert not Exhibitor.objects.exists()


@pytest.mark.parametrize("field", ["description_zh_hans", "description_en"])
def test_company_with_a_2_mib_description_is_a_form_error_saying_the_limit(newcomer, field):
    response = newcomer.post("/en/exhibit/company/", company_form(**{field: "x" * (2 * 1024 * 1024)}))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        field: ["Ensure this value has at most 5000 characters (it has 2097152)."]
    }
    assert not Exhibitor.objects.exists()


def test_company_without_a_chinese_name_is_a_form_error(newcomer):
    response = newcomer.post("/en/exhibit/company/", company_form(name_zh_hans=""))

    assert "name_zh_hans" in response.context["form"].errors
    assert not Exhibitor.objects.exists()


def test_invite_a_colleague_who_joins_with_the_link(
    conference, django_capture_on_commit_callbacks, client, django_user_model
):
    exhibitor = ExhibitorFactory(conference=conference)
    owner = member_client(exhibitor, "li@acme.example")
    with django_capture_on_commit_callbacks(execute=True):
        owner.post("/en/exhibit/company/invite/", {"email": "Wang@Acme.example"})
    link = mail.outbox[0].body.split(settings.SITE_URL)[1].split()[0]
    colleague = django_user_model.objects.create_user("wang@acme.example", "wang@acme.example", "pw")
    client.force_login(colleague)

    client.get(link)

    assert set(exhibitor.users.values_list("email", flat=True)) == {"li@acme.example", "wang@acme.example"}


def test_an_invitation_for_another_address_is_refused(conference, client, django_user_model):
    exhibitor = ExhibitorFactory(conference=conference)
    token = signing.dumps({"exhibitor": exhibitor.pk, "email": "wang@acme.example"}, salt="exhibitors.invite")
    client.force_login(django_user_model.objects.create_user("eve@evil.example", "eve@evil.example", "pw"))

    response = client.get(f"/en/exhibit/join/{token}/")

    assert response.status_code == 403
    assert not exhibitor.users.exists()


def test_a_forged_invitation_is_400(conference, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("eve@evil.example", "eve@evil.example", "pw"))
    forged = signing.dumps({"exhibitor": 1, "email": "eve@evil.example"}, salt="not-the-real-salt")

    assert client.get(f"/en/exhibit/join/{forged}/").status_code == 400


def test_create_submit_and_edit_a_listing(conference):
    exhibitor = ExhibitorFactory(conference=conference, slug="acme")
    owner = member_client(exhibitor, "li@acme.example")
    category = CategoryFactory(parent=CategoryFactory())
    standard = StandardFactory()

    owner.post("/en/exhibit/equipment/new/", equipment_form(category, standards=[standard.pk]))
    item = Equipment.objects.get()
    standards = list(item.standards.all())
    owner.post(reverse("exhibitors:equipment_submit", args=[item.pk]))
    item.refresh_from_db()
    submitted = item.status
    item.status = "published"
    item.save()
    owner.post(
        reverse("exhibitors:equipment_edit", args=[item.pk]),
        equipment_form(category, name_en="Air sensor v2"),
    )
    item.refresh_from_db()

    assert (item.slug, standards, submitted) == ("acme-air-sensor", [standard], "submitted")
    assert (item.name_en, item.status) == ("Air sensor v2", "draft")


def test_add_and_remove_a_picture(conference):
    item = EquipmentFactory(exhibitor=ExhibitorFactory(conference=conference))
    owner = member_client(item.exhibitor, "li@acme.example")

    owner.post(
        reverse("exhibitors:image_add", args=[item.pk]),
        {
            "image": upload(content=image_bytes(size=(2000, 1500))),
            "alt_text_zh_hans": "图",
            "alt_text_en": "Picture",
        },
    )
    image = EquipmentImage.objects.get()
    owner.post(reverse("exhibitors:image_delete", args=[item.pk, image.pk]))

    assert (image.image.width, image.thumbnail.width) == (1600, 480)
    assert not EquipmentImage.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"not an image", image_bytes(format="GIF", mode="P"), b"\xff" * (5 * 1024 * 1024 + 10)],
    ids=["text", "gif", "too-big"],
)
def test_bad_pictures_are_refused_with_a_message(conference, content):
    item = EquipmentFactory(exhibitor=ExhibitorFactory(conference=conference))
    owner = member_client(item.exhibitor, "li@acme.example")

    response = owner.post(
        reverse("exhibitors:image_add", args=[item.pk]), {"image": upload(content=content)}, follow=True
    )

    assert not EquipmentImage.objects.exists()
    assert next(m.level_tag for m in response.context["messages"]) == "error"


@pytest.mark.parametrize("content", [b"MZ executable", b"%PDF-1.4 cut short", b"x" * 100])
def test_fake_spec_sheets_are_refused(conference, content):
    exhibitor = ExhibitorFactory(conference=conference)
    owner = member_client(exhibitor, "li@acme.example")

    response = owner.post(
        "/en/exhibit/equipment/new/",
        equipment_form(
            CategoryFactory(parent=CategoryFactory()), spec_sheet=SimpleUploadedFile("spec.pdf", content)
        ),
    )

    assert list(response.context["form"].errors) == ["spec_sheet"]
    assert not Equipment.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"%PDF-1.7\n" + b"0" * (12 * 1024 * 1024),
            "The file is 12.0\xa0MB; the limit is 10.0\xa0MB. Upload a smaller PDF.",
        ),
        (
            pdf_bytes(lambda writer: writer.add_attachment("tool.exe", b"MZ\x90\x00")),
            "This PDF contains scripts, actions that run by themselves or attached files, which could harm "
            "visitors' computers. Export it again as a plain PDF, without scripts or attachments, and upload "
            "that file.",
        ),
    ],
    ids=["over-the-limit", "with-an-attachment"],
)
def test_spec_sheet_refused_is_a_form_error_saying_what_to_do(conference, content, message):
    exhibitor = ExhibitorFactory(conference=conference)
    owner = member_client(exhibitor, "li@acme.example")

    response = owner.post(
        "/en/exhibit/equipment/new/",
        equipment_form(
            CategoryFactory(parent=CategoryFactory()), spec_sheet=SimpleUploadedFile("spec.pdf", content)
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["spec_sheet"] == [message]
    assert not Equipment.objects.exists()


def test_a_plain_spec_sheet_is_stored_under_a_new_name(conference):
    exhibitor = ExhibitorFactory(conference=conference)
    owner = member_client(exhibitor, "li@acme.example")

    response = owner.post(
        "/en/exhibit/equipment/new/",
        equipment_form(
            CategoryFactory(parent=CategoryFactory()),
            spec_sheet=SimpleUploadedFile("../spec.pdf", pdf_bytes()),
        ),
    )

    assert response.status_code == 302
    assert Equipment.objects.get().spec_sheet.name.startswith("equipment/specs/document-")


def test_invitations_are_limited_per_company_and_say_when_to_try_again(
    conference, django_capture_on_commit_callbacks, settings
):
    settings.EXHIBIT_INVITE_LIMIT = 3
    exhibitor = ExhibitorFactory(conference=conference)
    owner = member_client(exhibitor, "li@acme.example")
    colleague = member_client(exhibitor, "wang@acme.example")

    with django_capture_on_commit_callbacks(execute=True):
        for number in range(2):
            owner.post("/en/exhibit/company/invite/", {"email": f"person{number}@example.com"})
        colleague.post("/en/exhibit/company/invite/", {"email": "person2@example.com"})
        refused = colleague.post("/en/exhibit/company/invite/", {"email": "person3@example.com"}, follow=True)

    assert len(mail.outbox) == 3
    message = list(refused.context["messages"])[-1]
    assert message.level_tag == "error"
    assert message.message.startswith("Too many attempts. Try again in ")


def test_registering_a_company_again_returns_the_first_one(conference, django_user_model):
    # What a second request racing the first sees once the first has committed.
    user = django_user_model.objects.create_user("li@acme.example")
    first, created = exhibitor_create(exhibitor=ExhibitorFactory.build(conference=conference), user=user)

    second, created_again = exhibitor_create(
        exhibitor=ExhibitorFactory.build(conference=conference, name_en="Acme again"), user=user
    )

    assert (created, created_again, second) == (True, False, first)
    assert Exhibitor.objects.count() == 1


def test_posting_the_new_listing_form_twice_saves_one_listing(conference):
    exhibitor = ExhibitorFactory(conference=conference, slug="acme")
    owner = member_client(exhibitor, "li@acme.example")
    form = equipment_form(
        CategoryFactory(parent=CategoryFactory()), submission="0123456789abcdef0123456789abcdef"
    )

    first = owner.post("/en/exhibit/equipment/new/", form)
    again = owner.post("/en/exhibit/equipment/new/", form, follow=True)

    assert first.status_code == 302
    assert Equipment.objects.count() == 1
    assert [m.message for m in again.context["messages"]][-1] == (
        "This listing was saved a moment ago; it is in your list."
    )


def test_two_listings_with_one_name_get_their_own_slugs(conference):
    exhibitor = ExhibitorFactory(conference=conference, slug="acme")
    owner = member_client(exhibitor, "li@acme.example")
    category = CategoryFactory(parent=CategoryFactory())

    for _ in range(2):
        owner.post("/en/exhibit/equipment/new/", equipment_form(category))

    assert sorted(Equipment.objects.values_list("slug", flat=True)) == [
        "acme-air-sensor",
        "acme-air-sensor-2",
    ]


def test_new_listing_form_carries_a_one_time_key(conference):
    owner = member_client(ExhibitorFactory(conference=conference), "li@acme.example")

    first = owner.get("/en/exhibit/equipment/new/").context["form"]["submission"].value()
    second = owner.get("/en/exhibit/equipment/new/").context["form"]["submission"].value()

    assert len(first) == 32
    assert first != second


def test_a_new_company_form_offers_china_in_each_language(newcomer):
    form = newcomer.get("/en/exhibit/company/").context["form"]

    assert (form["country_zh_hans"].value(), form["country_en"].value()) == ("中国", "China")
