from django.core.management.base import BaseCommand, CommandError

from common import jobs


class Command(BaseCommand):
    help = (
        "Run the jobs (e-mails) that requests put on the queue at JOB_QUEUE_URL, retrying failures "
        "at the intervals of JOB_RETRY_SECONDS. Run one or more per machine, beside the app."
    )

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Stop once the queue is empty.")

    def handle(self, *args, burst, **options):
        queue = jobs.queue()
        if queue is None:
            raise CommandError("JOB_QUEUE_URL is not set: jobs run in the app's own processes.")
        # The scheduler puts retries back on the queue when their interval is up.
        worker = jobs.Worker([queue], connection=queue.connection)
        worker.work(burst=burst, with_scheduler=True)
