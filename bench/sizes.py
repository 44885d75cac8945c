"""The full-size data set in numbers (bench/fullsize.py): the edition and its dates, how many
sessions, speakers, exhibitors, booths, equipment listings, standards and articles, and the
bulk insert every part of the build writes them with, in batches of BATCH rows.
"""

import datetime
import zoneinfo

EDITION = 90
FIRST_DAY = datetime.date(2030, 6, 20)
DAYS = 4
ROOMS = 20
TRACKS = 8
SESSIONS = 2000
SPEAKERS = 600
EXHIBITORS = 1500
HALLS = 6
BOOTHS_PER_HALL = 500
CONFIRMED_BOOTHS = 1200
FIELDS = 8
KINDS_PER_FIELD = 6
EQUIPMENT = 20_000
STANDARDS = 200
ARTICLES = 2000
PUBLICATIONS = 5
SCHEDULE_CHANGES = 40
BATCH = 1000
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def bulk(model, objects):
    return model.objects.bulk_create(objects, batch_size=BATCH)
