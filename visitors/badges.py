"""Badge codes and their QR codes. A code is 16 characters drawn by `secrets` from 32 letters
and digits that cannot be mistaken for one another (no I, O, 0 or 1): 80 random bits, so a
code cannot be guessed or derived from another, and it says nothing about its visitor."""

import re
import secrets

import segno

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 16
GROUP = 4
_SEPARATORS = re.compile(r"[\s\-]+")
_CODE = re.compile(f"^[{ALPHABET}]{{{LENGTH}}}$")


def new_badge_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def grouped(code):
    """ABCDEFGHJKLMNPQR as ABCD-EFGH-JKLM-NPQR, for people to read and type."""
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))


def normalised(typed):
    """A typed, pasted or scanned code as stored (dashes and spaces dropped, upper case), or ""
    when it cannot be a badge code."""
    code = _SEPARATORS.sub("", typed or "").upper()
    return code if _CODE.match(code) else ""


def qr_svg(code):
    """The code as a QR code in inline SVG, sized by CSS through its viewBox. (Segno would make
    a Micro QR code of so short a text, which phone cameras read less readily.)"""
    qr = segno.make(grouped(code), micro=False, error="m")
    svg = qr.svg_inline(
        omitsize=True,
        border=4,
        dark="#000",
        light="#fff",
        svgclass="badge-qr",
        lineclass=None,
        title=grouped(code),
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)
