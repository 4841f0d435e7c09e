"""PDF rendering reads embedded data: URIs only; any other URL is skipped without a fetch and
without breaking the document."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from pypdf import PdfReader

from sigap.core import pdf

PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def _render(body: str, tmp_path, settings) -> bytes:
    (tmp_path / "doc.html").write_text(
        '{% extends "pdf/base.html" %}{% block body %}' + body + "{% endblock %}"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return pdf.render_pdf("doc.html", {"title": "Uji"})


def test_an_embedded_image_renders_and_outside_urls_are_never_fetched(tmp_path, settings):
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the library's name)
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/logo.png"
        content = _render(
            f'<h1>Surat</h1><img src="{PIXEL}" alt=""><img src="{url}" alt="">'
            '<img src="file:///etc/hostname" alt="">',
            tmp_path,
            settings,
        )
    finally:
        server.shutdown()
    assert hits == []
    assert "Surat" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_the_response_names_the_file():
    response = pdf.pdf_response(b"%PDF-1.7", "surat.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="surat.pdf"'
