from django.core.management.base import BaseCommand

from exhibitors.services import reservations_expire


class Command(BaseCommand):
    help = "Mark booth holds past their deadline expired and tell the exhibitors (run from cron)."

    def handle(self, *args, **options):
        count = reservations_expire()
        self.stdout.write(f"Expired holds: {count}")
