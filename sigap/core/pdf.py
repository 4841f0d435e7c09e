"""Printable documents as PDF (WeasyPrint): letters, case files, certificates, reports.

A document is a Django template that extends ``pdf/base.html`` (A4, the house fonts, a header
and page numbers). Fonts come from the system (DejaVu or Liberation, installed by ``.ci/run`` and
named in the README); nothing is fetched from the network or the disk: only ``data:`` URIs
(an embedded logo) are read, any other URL a template names is skipped.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, request=None) -> bytes:
    # Imported late: loading Pango takes a moment, and only PDF views need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template, context, request=request)
    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=1)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
