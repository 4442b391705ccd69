"""The 400, 403, 404, 500 and 503 pages and the CSRF failure page are in
Indonesian, in the application's layout; the 403 page says why; 500 and 503
never touch the database."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client

from kpu_iku.views import akses_ditolak, galat_server, halaman_basis_data_terputus


@pytest.fixture(autouse=True)
def tanpa_debug(settings):
    settings.DEBUG = False


def _html(response) -> str:
    return response.content.decode()


def test_a_bad_request_gets_the_indonesian_400_page(db):
    response = Client().get("/", HTTP_HOST="bukan-host-kami.example")
    assert response.status_code == 400
    html = _html(response)
    assert "Permintaan tidak dapat diproses" in html
    assert 'class="kepala"' in html and "Bad Request" not in html


def test_the_403_page_says_why_in_the_layout(masuk, buat_pengguna):
    tanpa_satker = buat_pengguna("baru", "Operator", None)
    response = masuk(tanpa_satker).get("/target/")
    assert response.status_code == 403
    html = _html(response)
    assert "<h1>Akses ditolak</h1>" in html
    assert "Akun Anda belum ditautkan ke satuan kerja. Hubungi Admin satker Anda." in html
    assert 'aria-label="Menu utama"' in html  # base.html, with the user's menu
    assert "Forbidden" not in html


def test_the_403_reason_is_escaped(rf, operator):
    request = rf.get("/")
    request.user = operator
    response = akses_ditolak(request, PermissionDenied('<script>alert("x")</script> & lain'))
    assert response.status_code == 403
    html = _html(response)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; lain" in html
    assert "<script>alert" not in html


def test_an_unknown_address_gets_the_indonesian_404_page(masuk, operator):
    response = masuk(operator).get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = _html(response)
    assert "Halaman tidak ditemukan" in html
    assert "<code>/tidak-ada-halaman-ini/</code>" in html
    assert 'aria-label="Menu utama"' in html and "Not Found" not in html


# No database fixture: any query in these would raise.
def test_the_500_page_is_indonesian_styled_and_queries_nothing(rf):
    try:
        raise ValueError("bug")
    except ValueError:
        response = galat_server(rf.get("/"))
    assert response.status_code == 500
    html = _html(response)
    assert "Terjadi kesalahan pada server" in html
    assert 'class="merek"' in html and 'class="kaki"' in html and "img/logo" in html


def test_the_503_page_is_indonesian_styled_and_queries_nothing(rf):
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = galat_server(rf.get("/"))
    assert response.status_code == 503
    html = _html(response)
    assert "Layanan sementara tidak tersedia" in html
    assert 'class="kaki"' in html and "img/logo" in html
    assert _html(halaman_basis_data_terputus()) == html


def test_an_expired_form_gets_an_indonesian_page_saying_how_to_continue(db):
    klien = Client(enforce_csrf_checks=True)
    klien.get("/accounts/login/")  # the CSRF cookie is set
    response = klien.post(
        "/accounts/login/",
        {"username": "x", "password": "y", "csrfmiddlewaretoken": "kedaluwarsa" * 6},
    )
    assert response.status_code == 403
    html = _html(response)
    assert "Formulir tidak dapat dikirim" in html
    assert "halaman terlalu lama terbuka" in html
    assert "muat ulang halaman itu" in html and "Masuk kembali" in html
    assert "DEBUG" not in html and "CSRF" not in html and 'class="kepala"' in html


def test_blocked_cookies_get_their_own_explanation(db):
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "x", "password": "y"}
    )
    assert response.status_code == 403
    html = _html(response)
    assert "Cookie mungkin diblokir" in html and "Izinkan cookie" in html
    assert "DEBUG" not in html
