from django.test import RequestFactory

from conftest import login_client
from sigap.core.errors import server_error


def test_an_unknown_page_is_a_friendly_404_in_indonesian(personas, settings):
    settings.DEBUG = False
    response = login_client(personas["kader"]).get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert "Ke beranda" in html


def test_the_500_page_needs_no_database_or_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi gangguan" in html and "Something went wrong" in html
