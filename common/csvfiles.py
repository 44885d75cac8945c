"""CSV files for spreadsheets. Every CSV the portal writes goes through `csv_response`, so a
cell someone else typed (a company name such as `=HYPERLINK(...)`) never runs as a formula,
whichever separator the reader's spreadsheet expects."""

import csv
import re

from django.http import HttpResponse

# OWASP's rule: a cell starting with one of these is a formula to spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A telephone number as people write it (+86 138 0000 0000): digits, spaces and dashes after
# a plus can call no function, so it goes out exactly as stored, not as '+86 ...
TELEPHONE = re.compile(r"\+\d{1,4}(?:[ -]?\d){6,14}")
# A formula start after a separator inside a cell: a spreadsheet that splits on that separator
# (`;` in much of Europe, tab) would start a new cell with it.
FORMULA_AFTER_SEPARATOR = re.compile(r"""([,;\t][\s"']*)([=+\-@])""")


def safe_cell(value):
    """Text that a spreadsheet shows as text: a quote disarms a would-be formula at the start
    and after any separator. Numbers and dates are ours, not typed by anyone, and go out as
    they are; so does a telephone number, exactly as stored."""
    if value is None:
        return ""
    if not isinstance(value, str) or TELEPHONE.fullmatch(value):
        return value
    value = FORMULA_AFTER_SEPARATOR.sub(r"\1'\2", value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_response(*, filename, header, rows):
    """A downloadable UTF-8 CSV of `header` then `rows`, every cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
    response.write("\ufeff")
    # Every cell quoted: a spreadsheet set to `;` or tab as the separator (much of Europe)
    # would otherwise split `x;=1+1` into two cells, the second a formula.
    writer = csv.writer(response, quoting=csv.QUOTE_ALL)
    writer.writerow([safe_cell(str(title)) for title in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return response
