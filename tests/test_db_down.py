"""While the database is unreachable, pages answer 503 with an Indonesian page
(never a 500 or a traceback), and answer normally again once it is back."""

import logging
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from kpu_iku.views import galat_server


def _database_down(galat=OperationalError):
    # Every query fails as it does when PostgreSQL is stopped or restarting.
    return mock.patch(
        "django.db.backends.utils.CursorWrapper._execute",
        side_effect=galat("server closed the connection unexpectedly"),
    )


@pytest.fixture
def klien(operator):
    client = Client(raise_request_exception=False)
    client.force_login(operator)
    return client


@pytest.mark.parametrize("galat", [OperationalError, InterfaceError])
def test_a_page_answers_503_with_an_indonesian_explanation(klien, lampiran_bernilai, galat):
    with _database_down(galat):
        response = klien.get("/?tahun=2023")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Layanan sementara tidak tersedia" in html
    assert "tidak dapat menghubungi basis data" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert response["Retry-After"] == "30"
    # The security headers are still there.
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_login_form_post_answers_503_too(db):
    client = Client(raise_request_exception=False)
    with _database_down():
        response = client.post(
            "/accounts/login/", {"username": "operator", "password": "kpu-mesuji-demo"}
        )
    assert response.status_code == 503


def test_it_answers_normally_again_once_the_database_is_back(klien, lampiran_bernilai):
    with _database_down():
        assert klien.get("/?tahun=2023").status_code == 503
    response = klien.get("/?tahun=2023")
    assert response.status_code == 200
    assert response.content.decode().count('class="baris-indikator"') == 71


def test_the_outage_is_logged_with_a_trace(klien, lampiran, caplog):
    with caplog.at_level(logging.ERROR, logger="kpu_iku.ops"), _database_down():
        klien.get("/?tahun=2023")
    (catatan,) = [r for r in caplog.records if r.name == "kpu_iku.ops"]
    assert catatan.exc_info and catatan.exc_info[0] is OperationalError


def test_a_database_error_outside_a_view_gets_the_503_page_too(rf):
    try:
        raise OperationalError("terminating connection due to administrator command")
    except OperationalError:
        response = galat_server(rf.get("/"))
    assert response.status_code == 503
    assert "Layanan sementara tidak tersedia" in response.content.decode()


def test_other_errors_get_an_indonesian_500_page(rf):
    try:
        raise ValueError("bug")
    except ValueError:
        response = galat_server(rf.get("/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()


def test_a_session_that_cannot_be_saved_because_the_database_left_answers_503(klien, lampiran):
    # The view ran; the database went away before the session was saved.
    # Django would call that "session deleted, logged out elsewhere" (400).
    with mock.patch(
        "django.contrib.sessions.models.Session.save",
        side_effect=OperationalError("terminating connection due to administrator command"),
    ):
        response = klien.get("/?tahun=2023")
    assert response.status_code == 503
    assert "Layanan sementara tidak tersedia" in response.content.decode()


def test_other_bad_requests_stay_400(db):
    client = Client(raise_request_exception=False)
    assert client.get("/healthz", HTTP_HOST="penyerang.example").status_code == 400
