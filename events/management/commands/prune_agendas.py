import datetime

from django.core.management.base import BaseCommand

from events.services import agendas_prune


class Command(BaseCommand):
    help = (
        "Delete personal agendas left empty for 30 days, and agendas nobody has opened, starred "
        "or fetched as a calendar for 180 days (run daily from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="How long an agenda must have been empty.")
        parser.add_argument(
            "--unused-days", type=int, default=180, help="How long an agenda with stars must be unused."
        )

    def handle(self, *args, days, unused_days, **options):
        deleted = agendas_prune(
            empty_for=datetime.timedelta(days=days), unused_for=datetime.timedelta(days=unused_days)
        )
        self.stdout.write(f"Deleted empty agendas: {deleted['empty']}; unused agendas: {deleted['unused']}")
