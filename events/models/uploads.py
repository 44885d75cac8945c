"""A programme file uploaded in the back office, kept while the organiser looks at what its
import would do, until they confirm it, drop it, or it expires."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.storage import private_storage

# How long a preview waits for its confirmation; older uploads are deleted, file and all.
PREVIEW_LIFETIME = datetime.timedelta(hours=2)


class ProgrammeUploadQuerySet(models.QuerySet):
    def expired(self):
        return self.filter(created__lt=timezone.now() - PREVIEW_LIFETIME)

    def waiting(self):
        return self.filter(created__gte=timezone.now() - PREVIEW_LIFETIME)


class ProgrammeUpload(models.Model):
    """The file (in private storage), the import's options and the preview's report, which
    says what the import would create, update, move and remove. Only its uploader may confirm
    it: its id is random and the views check the uploader too."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    file = models.FileField(_("file"), upload_to="programme-uploads/", storage=private_storage)
    name = models.CharField(_("file name"), max_length=255)
    edition = models.PositiveSmallIntegerField(_("edition number"), null=True, blank=True)
    language = models.CharField(_("language of the file"), max_length=10)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    make_current = models.BooleanField(_("make it the current edition"), default=False)
    report = models.JSONField(_("preview"), default=dict)
    created = models.DateTimeField(_("uploaded"), default=timezone.now, db_index=True)

    objects = ProgrammeUploadQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("programme upload")
        verbose_name_plural = _("programme uploads")

    def __str__(self):
        return self.name

    def discard(self):
        """Delete the upload and its file."""
        self.file.delete(save=False)
        self.delete()
