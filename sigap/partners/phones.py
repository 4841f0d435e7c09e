"""Phone numbers in the service directory: whether what a user typed can be a number, and the
links a phone can dial (``tel:``) or open in WhatsApp.

Pure: no Django. Numbers are kept as the user wrote them ("0370-555-0101") because that is how
people read them aloud; the links use the international form (+62…), which works from any phone,
including one with a foreign SIM.
"""

import re

ALLOWED = re.compile(r"^\+?[0-9(][0-9 ().\-]*$")
MIN_DIGITS, MAX_DIGITS = 3, 15  # 3: hotlines such as SAPA 129 or 110; 15: the E.164 maximum


def digits_of(number: str) -> str:
    return "".join(c for c in number or "" if c.isdigit())


def is_plausible(number: str) -> bool:
    """True for digits with spaces, dots, dashes or parentheses between them and an optional
    leading +, 3 to 15 digits in all."""
    text = (number or "").strip()
    return bool(ALLOWED.match(text)) and MIN_DIGITS <= len(digits_of(text)) <= MAX_DIGITS


def international(number: str) -> str:
    """``0812-0000-0101`` → ``+6281200000101``; ``(0370) 555-0101`` → ``+623705550101``; a short
    hotline (``129``) stays as it is; an empty or implausible number gives ``""``."""
    if not is_plausible(number):
        return ""
    digits = digits_of(number)
    if number.strip().startswith("+"):
        return "+" + digits
    if digits.startswith("0") and len(digits) >= 8:
        return "+62" + digits[1:]
    if digits.startswith("62") and len(digits) >= 10:
        return "+" + digits
    return digits


def tel_uri(number: str) -> str:
    """A ``tel:`` link for the number, or ``""`` when it cannot be dialled."""
    dialled = international(number)
    return f"tel:{dialled}" if dialled else ""


def is_indonesian_mobile(number: str) -> bool:
    """Indonesian mobile numbers are 08… (10 to 13 digits), +628… in international form."""
    dialled = international(number)
    return dialled.startswith("+628") and 11 <= len(dialled) - 1 <= 14


def whatsapp_uri(number: str) -> str:
    """A ``https://wa.me/…`` link (opens the WhatsApp app on a phone) for an Indonesian mobile or
    a number written in international form abroad; ``""`` for landlines and hotlines."""
    dialled = international(number)
    if is_indonesian_mobile(number) or (
        dialled.startswith("+") and not dialled.startswith("+62") and len(dialled) > 8
    ):
        return f"https://wa.me/{dialled[1:]}"
    return ""
