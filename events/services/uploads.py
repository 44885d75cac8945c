"""The back office's programme import in two steps: an upload is read and imported as a dry
run, kept with what the import would do (a preview), and imported for real only when its
uploader confirms it; until then, or once it expires, nothing has changed."""

from django.core.files.base import ContentFile
from django.db import transaction

from .. import frab
from ..models import ProgrammeUpload
from .importing import schedule_import


def programme_upload_preview(*, user, content, name, edition, language, time_zone, make_current):
    """Read the file and import it as a dry run; keep it, its options and the report for the
    confirmation. Raises frab.ProgrammeInvalid or ValidationError as the import would, keeping
    nothing. Expired uploads go at the same time."""
    programme_uploads_prune()
    report = schedule_import(
        programme=frab.read(content, time_zone=time_zone or None),
        edition=edition,
        make_current=make_current,
        language=language,
        dry_run=True,
    )
    upload = ProgrammeUpload(
        uploaded_by=user,
        name=name[:255],
        edition=edition,
        language=language,
        time_zone=time_zone,
        make_current=make_current,
        report=report.as_dict(),
    )
    # Named by the random id: nothing to guess, nothing to collide with.
    upload.file.save(str(upload.pk), ContentFile(content), save=False)
    upload.save()
    return upload


def programme_upload_apply(*, upload_id, user):
    """Import a waiting upload of `user`'s for real, and drop it; the ImportReport, or None when
    there is no such upload (another tab applied it, it expired, it is someone else's). A file
    the database no longer takes raises as the import does, and the upload stays."""
    with transaction.atomic():
        # The row lock lets one of two confirmations (a double click, two tabs) import; the
        # other finds nothing.
        upload = (
            ProgrammeUpload.objects.waiting()
            .select_for_update()
            .filter(pk=upload_id, uploaded_by=user)
            .first()
        )
        if upload is None:
            return None
        with upload.file.open("rb") as source:
            content = source.read()
        report = schedule_import(
            programme=frab.read(content, time_zone=upload.time_zone or None),
            edition=upload.edition,
            make_current=upload.make_current,
            language=upload.language,
        )
        upload.discard()
    return report


def programme_upload_discard(*, upload_id, user):
    """Drop a waiting upload of `user`'s, file and all; whether there was one."""
    upload = ProgrammeUpload.objects.filter(pk=upload_id, uploaded_by=user).first()
    if upload is None:
        return False
    upload.discard()
    return True


def programme_uploads_prune():
    """Delete the uploads nobody confirmed in time, files and all; how many."""
    expired = list(ProgrammeUpload.objects.expired())
    for upload in expired:
        upload.discard()
    return len(expired)
