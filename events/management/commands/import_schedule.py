import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from events import frab
from events.services import schedule_import


class Command(BaseCommand):
    help = (
        "Import a programme in the frab schedule format (XML or JSON, as pretalx and frab export it). "
        "Run it again after the source changed: sessions, speakers and rooms are matched on their "
        "GUIDs and updated in place. The file is checked first; a bad one changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="The schedule file (schedule.xml or schedule.json), or - for standard input."
        )
        parser.add_argument(
            "--edition",
            type=int,
            help="The edition number to fill (created if missing). Default: by acronym.",
        )
        parser.add_argument(
            "--make-current", action="store_true", help="Make the edition the one the public site shows."
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the file's texts (default: %(default)s). Import the same programme "
            "in the other language to fill in its texts.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what the import would create, update, move and remove, "
            "saving nothing.",
        )
        parser.add_argument(
            "--time-zone",
            help="The time zone the file's times are in (an IANA name such as Asia/Shanghai), for a "
            "file that names none and whose times carry no offset, or to override the one it names.",
        )

    def handle(self, *args, path, edition, make_current, language, time_zone, dry_run, **options):
        # Like the other commands, it speaks English (its problems are translated for the admin).
        with translation.override("en"):
            self.run(path, edition, make_current, language, time_zone, dry_run)

    def run(self, path, edition, make_current, language, time_zone, dry_run):
        if path == "-":
            content = sys.stdin.buffer.read(frab.MAX_BYTES + 1)
        else:
            try:
                with Path(path).open("rb") as source:
                    content = source.read(frab.MAX_BYTES + 1)
            except OSError as error:
                raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            programme = frab.read(content, time_zone=time_zone)
            report = schedule_import(
                programme=programme,
                edition=edition,
                make_current=make_current,
                language=language,
                dry_run=dry_run,
            )
        except frab.ProgrammeInvalid as invalid:
            raise CommandError(
                "The file was not imported; nothing changed.\n" + "\n".join(invalid.problems)
            ) from None
        except ValidationError as invalid:
            raise CommandError(
                "The file was not imported; nothing changed.\n" + "\n".join(invalid.messages)
            ) from None
        conference = report.conference
        self.stdout.write(
            f"Edition {conference.number} ({conference.acronym or conference.name}): "
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{report.removed} removed; {report.changes} schedule changes recorded."
        )
        for outcome, titles in report.samples.items():
            self.stdout.write(f"{outcome.capitalize()}: " + "; ".join(titles))
        if dry_run:
            self.stdout.write("Nothing was saved (--dry-run).")
        if report.warnings:
            self.stdout.write(f"Repaired or left out ({len(report.warnings)}):")
            for warning in report.warnings:
                self.stdout.write(f"  {warning}")
