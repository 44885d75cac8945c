"""The design's full-size data set for one current edition, built with bulk inserts.

2,000 published sessions over four days (20 rooms, 8 tracks, every session kind), 600 speakers,
1,500 approved exhibitors, 6 halls of 500 booths (1,200 confirmed), 20,000 public equipment
listings in a two-level category tree, 200 standards, 2,000 published articles and a few
publications. Every name says it is sample data.

Call `build()` with Django set up and migrated. It expects a database without an earlier
full-size build (standards, articles, categories and equipment have site-wide unique slugs).
An edition that is already current (bench/exports.py leaves one) stops being current, as with
the admin's "Make current".

The sizes are in bench/sizes.py; the programme, the expo and what the site publishes are built
by bench/programme.py, bench/expo.py and bench/publishing.py, in this order.
"""

from django.db import transaction

from bench import expo, programme, publishing
from common import search
from events.services import conference_make_current


@transaction.atomic
def build():
    """Fill the database with the full-size edition and make it current; returns the edition."""
    conference = programme.conference()
    programme.sessions(conference)
    fields, kinds = expo.categories()
    standards = publishing.standards()
    expo.build(conference, fields, kinds, standards)
    publishing.news(standards)
    # Bulk inserts send no signals: the search index is built once, as after a restore.
    search.rebuild()
    conference_make_current(conference=conference)
    return conference
