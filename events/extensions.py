"""The lists other apps plug into to add to the programme's pages without the programme
importing them (events sits below exhibitors and visitors). Each list is filled once, in the
plugging app's AppConfig.ready(); today visitors (visitors/apps.py, visitors/agenda.py) adds
the visitor's part of the personal agenda.

AGENDA_SECTIONS holds callables (request, conference, agenda) that give a section of the
personal agenda page as (template name, context), or None to show nothing; `agenda` is None
before the visitor stars anything. A section whose context has an "intro" says, instead of the
page's own, where the agenda is kept (visitors: with a registration, not only in this browser).

AGENDA_CALENDAR_SOURCES holds callables (agenda, absolute) that give the exports.CalendarEntry
objects (a meeting at a booth, say) the agenda's calendar subscription carries besides its
sessions; `absolute` makes a path into a full address (request.build_absolute_uri)."""

AGENDA_SECTIONS = []
AGENDA_CALENDAR_SOURCES = []
