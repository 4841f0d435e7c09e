"""Checks that the services of every app apply to what a user typed: each raises
``ValidationError`` with a dict naming the field and the rule, in the user's language."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def text(value, field: str, *, label: str, max_length: int, required: bool = True) -> str:
    """Trimmed text (runs of spaces folded on one-line fields, up to 200 characters)."""
    value = " ".join((value or "").split()) if max_length <= 200 else (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("%(label)s wajib diisi.") % {"label": label}})
    if len(value) > max_length:
        raise ValidationError(
            {
                field: _("%(label)s paling panjang %(max)d huruf; yang ditulis %(length)d.")
                % {"label": label, "max": max_length, "length": len(value)}
            }
        )
    return value


def choice(value, choices, field: str, label: str) -> str:
    """``value`` when it is one of ``choices`` (a Django choices class)."""
    if value not in choices.values:
        raise ValidationError({field: _("Pilih %(label)s dari daftar.") % {"label": label}})
    return value
