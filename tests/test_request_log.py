"""One structured line per request; never passwords, query strings or bodies."""

import json
import logging
import sys

from kpu_iku.logformat import FormatJSON


def _baris(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kpu_iku.permintaan"]


def test_each_request_is_one_line_with_user_satker_status_and_duration(
    masuk, operator, lampiran, caplog
):
    with caplog.at_level(logging.INFO, logger="kpu_iku.permintaan"):
        masuk(operator).get("/?tahun=2023&token=rahasia-di-url")
    (catatan,) = _baris(caplog)
    data = json.loads(FormatJSON().format(catatan))
    assert data["method"] == "GET"
    assert data["path"] == "/"
    assert data["status"] == 200
    assert data["user"] == "operator"
    assert data["satker_id"] == lampiran.satker_id
    assert isinstance(data["duration_ms"], float)
    assert "rahasia-di-url" not in json.dumps(data)


def test_anonymous_requests_are_logged_without_a_user(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="kpu_iku.permintaan"):
        client.get("/healthz")
    (catatan,) = _baris(caplog)
    assert (catatan.user, catatan.status) == ("-", 200)


def test_a_login_never_logs_the_password(client, operator, caplog):
    formatter = FormatJSON()
    with caplog.at_level(logging.DEBUG):
        client.post("/accounts/login/", {"username": "operator", "password": "kpu-mesuji-demo"})
        client.post("/accounts/login/", {"username": "operator", "password": "sandi-salah-123"})
    keluaran = "\n".join(formatter.format(r) for r in caplog.records)
    assert "kpu-mesuji-demo" not in keluaran
    assert "sandi-salah-123" not in keluaran
    assert '"path": "/accounts/login/"' in keluaran


def test_errors_are_logged_with_their_traceback():
    try:
        raise RuntimeError("rusak")
    except RuntimeError:
        catatan = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "x", (), None)
        catatan.exc_info = sys.exc_info()
    data = json.loads(FormatJSON().format(catatan))
    assert data["level"] == "ERROR"
    assert "Traceback" in data["trace"] and "RuntimeError: rusak" in data["trace"]


def test_a_crashing_page_logs_its_traceback_and_shows_the_indonesian_500_page(
    operator, lampiran, caplog, monkeypatch
):
    from django.test import Client

    from indicators.models import Indikator

    def rusak(*args, **kwargs):
        raise RuntimeError("kesalahan program")

    monkeypatch.setattr(type(Indikator.objects.all()), "dari_penetapan", rusak)
    client = Client(raise_request_exception=False)
    client.force_login(operator)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/?tahun=2023")
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()
    (catatan,) = [r for r in caplog.records if r.name == "django.request"]
    data = json.loads(FormatJSON().format(catatan))
    assert "RuntimeError: kesalahan program" in data["trace"]
    assert data["status_code"] == 500
