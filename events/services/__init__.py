"""The events app's writes, by subject: the programme (programme.py), the visitor's personal
agenda (agenda.py) and importing a programme from a frab file (importing.py). Every service is
imported here, so `from events import services; services.session_save(...)` works wherever it
lives; a test that changes a module's setting (AGENDA_MAX_SESSIONS, say) patches that module."""

from .agenda import (
    agenda_create,
    agenda_merge,
    agenda_renew_link,
    agenda_star,
    agenda_touch,
    agenda_unstar,
    agendas_prune,
)
from .importing import ImportReport, schedule_import
from .programme import (
    conference_make_current,
    session_change_record,
    session_kinds_ensure_defaults,
    session_save,
    session_set_languages,
    session_set_status,
)
from .uploads import (
    programme_upload_apply,
    programme_upload_discard,
    programme_upload_preview,
    programme_uploads_prune,
)

__all__ = [
    "ImportReport",
    "agenda_create",
    "agenda_merge",
    "agenda_renew_link",
    "agenda_star",
    "agenda_touch",
    "agenda_unstar",
    "agendas_prune",
    "conference_make_current",
    "programme_upload_apply",
    "programme_upload_discard",
    "programme_upload_preview",
    "programme_uploads_prune",
    "schedule_import",
    "session_change_record",
    "session_kinds_ensure_defaults",
    "session_save",
    "session_set_languages",
    "session_set_status",
]
