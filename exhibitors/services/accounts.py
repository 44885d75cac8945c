"""Writes of the exhibitor portal's accounts and the companies they manage: signing up and
confirming the address, registering and editing the company, inviting colleagues and joining."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from common.addresses import normalised_email
from common.slugs import save_with_unique_slug

from .. import notifications, tokens
from ..models import Exhibitor


@transaction.atomic
def account_create(*, email, password):
    """Open an inactive account for `email` (its user name too) and e-mail the link that
    confirms the address and activates it. The same address signed up a moment ago, in another
    request, raises IntegrityError."""
    email = normalised_email(email)
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password, is_active=False
    )
    notifications.address_confirmation(user)
    return user


@transaction.atomic
def account_activate(*, uidb64, token):
    """Activate the inactive account an address-confirmation link names, or return None when the
    link is malformed, used or expired."""
    # The row is locked, so two posts of one link cannot both activate it: the second finds the
    # account active, and its link dead.
    user = tokens.unconfirmed_account(uidb64, token, users=get_user_model().objects.select_for_update())
    if user is None:
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def exhibitor_create(*, exhibitor, user, save_related=None):
    """Register the user's company (an unsaved Exhibitor of an edition) with the user as its
    first manager. A user has one company per edition: a second request racing the first
    (a double click) gets the company the first created, and `created` False."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    existing = Exhibitor.objects.filter(conference=exhibitor.conference, users=user).first()
    if existing is not None:
        return existing, False
    save_with_unique_slug(
        exhibitor,
        text=exhibitor.name_en,
        fallback="company",
        siblings=Exhibitor.objects.filter(conference=exhibitor.conference),
        max_length=100,
    )
    if save_related:
        save_related()
    exhibitor.users.add(user)
    return exhibitor, True


@transaction.atomic
def exhibitor_update(*, exhibitor, save_related=None):
    """Save the edits to a company's profile, with its categories (`save_related`)."""
    exhibitor.save()
    if save_related:
        save_related()
    return exhibitor


def team_invite(*, exhibitor, inviter, email):
    """E-mail `email` the link by which the account with that address joins the company's
    managers (team_join), for seven days; returns the address as invited. Nothing is stored:
    the link carries the invitation."""
    email = normalised_email(email)
    notifications.team_invitation(exhibitor=exhibitor, inviter=inviter, email=email)
    return email


@transaction.atomic
def team_join(*, user, exhibitor_pk, email):
    """Add `user` to the managers of the company an invitation to `email` names. The invitation
    is for that address alone: another account is refused with PermissionDenied, and a company
    deleted since raises Exhibitor.DoesNotExist."""
    if normalised_email(email) != normalised_email(user.email):
        raise PermissionDenied("The invitation is for another address.")
    exhibitor = Exhibitor.objects.get(pk=exhibitor_pk)
    exhibitor.users.add(user)
    return exhibitor
