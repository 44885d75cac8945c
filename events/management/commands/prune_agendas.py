import datetime

from django.core.management.base import BaseCommand

from events.services import agendas_prune


class Command(BaseCommand):
    help = "Delete personal agendas left empty for 30 days (run daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="How long an agenda must have been empty.")

    def handle(self, *args, days, **options):
        count = agendas_prune(empty_for=datetime.timedelta(days=days))
        self.stdout.write(f"Deleted empty agendas: {count}")
