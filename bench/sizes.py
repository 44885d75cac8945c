"""The full-size data set in numbers (bench/fullsize.py): the edition and its dates, how many
sessions, speakers, exhibitors, booths, equipment listings, standards and articles, and the
bulk insert every part of the build writes them with, in batches of BATCH rows.
"""

import datetime
import os
import zoneinfo

# SCALE=4 builds four times the design's size: four times the rooms (each room's days stay as
# full), sessions, speakers, exhibitors, booths in each hall, listings, standards and articles.
SCALE = int(os.environ.get("SCALE") or 1)

EDITION = 90
FIRST_DAY = datetime.date(2030, 6, 20)
DAYS = 4
ROOMS = 20 * SCALE
TRACKS = 8
SESSIONS = 2000 * SCALE
SPEAKERS = 600 * SCALE
EXHIBITORS = 1500 * SCALE
HALLS = 6
BOOTHS_PER_HALL = 500 * SCALE
CONFIRMED_BOOTHS = 1200 * SCALE
FIELDS = 8
KINDS_PER_FIELD = 6
EQUIPMENT = 20_000 * SCALE
STANDARDS = 200 * SCALE
ARTICLES = 2000 * SCALE
PUBLICATIONS = 5
SCHEDULE_CHANGES = 40
BATCH = 1000
ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def bulk(model, objects):
    return model.objects.bulk_create(objects, batch_size=BATCH)
