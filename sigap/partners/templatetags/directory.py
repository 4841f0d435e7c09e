"""Template helpers for the service directory: ``{% load directory %}``.

``{{ number|tel_uri }}`` and ``{{ number|whatsapp_uri }}`` give links a phone can dial or open in
WhatsApp (empty when the number cannot be dialled, or is no mobile); ``{{ text|slash_breaks }}``
lets long labels such as "(BP3MI/LTSA/Disnaker)" wrap after their slashes on a narrow screen
instead of in the middle of a word.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from sigap.partners import phones

register = template.Library()


@register.filter
def tel_uri(number: str) -> str:
    return phones.tel_uri(number or "")


@register.filter
def whatsapp_uri(number: str) -> str:
    return phones.whatsapp_uri(number or "")


@register.filter
def slash_breaks(text) -> str:
    return mark_safe(escape(str(text)).replace("/", "/<wbr>"))  # noqa: S308 (escaped first)
