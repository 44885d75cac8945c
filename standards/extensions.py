"""The list other apps plug into to add to the standards' pages without standards importing them
(standards sits at the bottom, above only common). It is filled once, in the plugging app's
AppConfig.ready(); today the expo (exhibitors/apps.py) adds the equipment that conforms to a
standard.

STANDARD_PAGE_EXTENSIONS holds callables (standard) that give a dict of extra context for the
standard's page; the template shows what it knows of (`conforming_equipment`)."""

STANDARD_PAGE_EXTENSIONS = []
