import csv
import io
from decimal import Decimal

import pytest

from common.csvfiles import csv_response, safe_cell


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+86 10 1234 5678", "+86 10 1234 5678"),
        ("+86 138 0000 0000", "+86 138 0000 0000"),
        ("+8613800000000", "+8613800000000"),
        ("+1-1", "'+1-1"),
        ("+86 138 0000 0000 =1+1", "'+86 138 0000 0000 =1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t'=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("艾克米 = 好", "艾克米 = 好"),
        ("x;=1+1", "x;'=1+1"),
        ('a, "=1', "a, \"'=1"),
        ("Li; Wang", "Li; Wang"),
        ("", ""),
    ],
)
def test_safe_cell_disarms_text_that_starts_like_a_formula(typed, written):
    assert safe_cell(typed) == written


def test_safe_cell_keeps_numbers_and_empty_values():
    assert safe_cell(Decimal("-5.00")) == Decimal("-5.00")
    assert safe_cell(None) == ""


def test_csv_response_makes_every_cell_safe_and_starts_with_a_byte_order_mark():
    response = csv_response(filename="x.csv", header=["=name"], rows=[["=1+1", 3]])

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff")))) == [["'=name"], ["'=1+1", "3"]]
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_a_formula_after_any_separator_stays_inside_its_cell(separator):
    typed = ["x;=1+1", "x,=1+1", "x\t=1+1", "a; @SUM(A1)"]
    response = csv_response(filename="x.csv", header=["a", "b", "c", "d"], rows=[typed])

    text = response.content.decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))

    # Read with any separator, no cell starts a formula.
    assert all(not cell.lstrip(' \t"').startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    if separator == ",":
        assert rows[1] == ["x;'=1+1", "x,'=1+1", "x\t'=1+1", "a; '@SUM(A1)"]


def test_a_telephone_number_reads_back_exactly_as_stored():
    stored = ["+86 138 0000 0000", "+86-10-1234-5678", "010 1234 5678"]
    response = csv_response(filename="x.csv", header=["mobile"], rows=[[number] for number in stored])

    text = response.content.decode("utf-8").lstrip("\ufeff")

    assert [row[0] for row in csv.reader(io.StringIO(text))][1:] == stored
    assert '"+86 138 0000 0000"' in text
