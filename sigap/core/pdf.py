"""Printable documents as PDF (WeasyPrint): letters, case files, certificates, reports.

A document is a Django template that extends ``pdf/base.html`` (A4, the house fonts, a header
and page numbers). Fonts come from the system (DejaVu or Liberation, installed by ``.ci/run`` and
named in the README); nothing is fetched from the network: any URL a template names is refused.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"PDF documents do not load external resources: {url}")


def render_pdf(template: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    html = render_to_string(template, context, request=request)
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
