from django.core.management.base import BaseCommand

from common import search


class Command(BaseCommand):
    help = (
        "Build the site search index anew from every public page's data. Saves keep it current; "
        "run this after restoring a database or loading rows with bulk inserts."
    )

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index: {count} entries."))
