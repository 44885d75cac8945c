"""CSV files for spreadsheets. Every CSV the portal writes goes through `csv_response`, so a
cell someone else typed (a company name such as `=HYPERLINK(...)`) never runs as a formula."""

import csv

from django.http import HttpResponse

# OWASP's rule: a cell starting with one of these is a formula to spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet shows as text: a leading quote disarms a would-be formula.
    Numbers and dates are ours, not typed by anyone, and go out as they are."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def csv_response(*, filename, header, rows):
    """A downloadable UTF-8 CSV of `header` then `rows`, every cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(str(title)) for title in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return response
