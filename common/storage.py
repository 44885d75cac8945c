"""Where uploads live. Local folders by default (`make run`); with MEDIA_BUCKET, an S3-compatible
object store shared by every app process, through django-storages:

- public media (logos, photos, equipment pictures, covers, publications) under `public/` in the
  bucket, readable by anyone at `MEDIA_URL` + key (the proxy maps it to the bucket), stored with
  a year-long immutable Cache-Control: every upload gets a new random name, never rewritten;
- private files (spec sheets, which go public only with their listing) under `private/`, which
  the bucket policy does not open: the site's own address for them (`PRIVATE_MEDIA_URL`) checks
  who asks and hands out a signed link that expires in minutes."""

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class PrivateStorage(LazyObject):
    """storages["private"], looked up when first used and again after the settings change (as
    Django's default_storage is), so that a field's storage follows the settings."""

    def _setup(self):
        self._wrapped = storages["private"]


private_files = PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_files._wrapped = empty


def private_storage():
    """The storage of files that only some may read (for a field's `storage`)."""
    return private_files


class PublicMediaStorage(S3Storage):
    """Public objects, linked through the site's MEDIA_URL (same origin, so the pages' security
    policy need not name another host)."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return f"{settings.MEDIA_URL}{self._normalize_name(clean_name(name))}"

    def direct_url(self, name):
        """The object's address in the store itself (for checks; visitors use `url`)."""
        return super().url(name)


class PrivateMediaStorage(S3Storage):
    """Private objects: linked through the site, which checks who asks (PRIVATE_MEDIA_URL),
    then served by a signed link that expires."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return f"{settings.PRIVATE_MEDIA_URL}{clean_name(name)}"

    def signed_url(self, name):
        return super().url(name)
