"""Phone links for templates: ``{% load phones %}`` then ``{{ number|tel_uri }}`` and
``{{ number|whatsapp_uri }}`` (empty when the number cannot be dialled or is no mobile)."""

from django import template

from sigap.partners import phones

register = template.Library()


@register.filter
def tel_uri(number: str) -> str:
    return phones.tel_uri(number or "")


@register.filter
def whatsapp_uri(number: str) -> str:
    return phones.whatsapp_uri(number or "")
