from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from common import search
from portal.demo import conference, expo, programme, standards

DEMO_ORGANISER_USERNAME = "organiser"
DEMO_ORGANISER_PASSWORD = "smartcity-demo-2018"


class Command(BaseCommand):
    help = (
        "Load the demo data: the 12th edition from the seed text, its programme (with marked "
        "samples), standards news and a sample expo. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organiser",
            action="store_true",
            help="Also create a local organiser account for the back office (DEBUG only).",
        )

    def handle(self, *args, organiser, **options):
        if organiser and not settings.DEBUG:
            raise CommandError(
                "The demo organiser has a published password, so it is only created with "
                "DEBUG=1. In production use `manage.py createsuperuser`."
            )
        with transaction.atomic(), search.deferred():
            edition, report = conference.load()
            report += programme.load(edition)
            report += standards.load()
            report += expo.load(edition)
            for line in report:
                self.stdout.write(line)
            if organiser:
                self._create_organiser()

    def _create_organiser(self):
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_ORGANISER_USERNAME, defaults={"is_staff": True}
        )
        if created:
            user.set_password(DEMO_ORGANISER_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name="Organiser"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo organiser: sign in at /admin/ as {DEMO_ORGANISER_USERNAME} / {DEMO_ORGANISER_PASSWORD}"
            )
        )
