"""Indonesian formats for money and numbers, independent of the active language's separators.

Pure functions: Rupiah is always written the Indonesian way ("Rp 1.250.000"), whatever the UI
language, because that is how it appears on every receipt and passbook in the village.
"""


def group_thousands(value: int, separator: str = ".") -> str:
    sign = "-" if value < 0 else ""
    digits = f"{abs(int(value)):,}".replace(",", separator)
    return sign + digits


def rupiah(value: int | None) -> str:
    """``1250000`` → ``"Rp 1.250.000"``; ``-5000`` → ``"-Rp 5.000"``; None → ``"–"``."""
    if value is None:
        return "–"
    amount = int(value)
    if amount != value:
        raise ValueError("Rupiah amounts are whole numbers")
    text = "Rp " + group_thousands(abs(amount))
    return "-" + text if amount < 0 else text
