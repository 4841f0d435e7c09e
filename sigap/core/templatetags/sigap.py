"""Template helpers available in every template (registered as builtins in settings)."""

from django import template
from django.utils.formats import number_format

from sigap.core import formatting

register = template.Library()


@register.filter
def rupiah(value):
    """{{ amount|rupiah }} → "Rp 1.250.000"."""
    if value in (None, ""):
        return "–"
    return formatting.rupiah(int(value))


@register.filter
def rupiah_digits(value):
    """{{ amount|rupiah_digits }} → "1.250.000": rupiah in a column headed "(Rp)", grouped the
    Indonesian way whatever the language, like ``rupiah``."""
    if value in (None, ""):
        return "–"
    return formatting.group_thousands(int(value))


@register.filter
def number(value):
    """{{ count|number }} → "12.345" (Indonesian) or "12,345" (English)."""
    if value in (None, ""):
        return "–"
    return number_format(value, force_grouping=True)


@register.filter
def percent(fraction, digits=1):
    """{{ 0.1234|percent }} → "12,3%" (Indonesian) or "12.3%" (English)."""
    if fraction in (None, ""):
        return "–"
    return f"{number_format(fraction * 100, decimal_pos=int(digits))}%"


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with ``changes`` applied (for pagination and filter links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def record_type(content_type):
    """The human name of an audited record's type ("pengguna", "dusun")."""
    if content_type is None:
        return ""
    model = content_type.model_class()
    return str(model._meta.verbose_name) if model else content_type.model


@register.filter
def minutes(duration):
    """A timedelta as whole minutes (rounded up)."""
    if duration is None:
        return ""
    return -(-int(duration.total_seconds()) // 60)
