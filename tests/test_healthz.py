import json
from unittest import mock

from django.db import OperationalError
from django.urls import reverse


def test_it_answers_ok_without_login_when_the_database_is_reachable(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_it_answers_503_when_the_database_is_unreachable(client, db):
    with mock.patch(
        "kpu_iku.views.connection.cursor", side_effect=OperationalError("could not connect")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_it_tells_nothing_about_the_configuration(client, db, settings):
    tubuh = client.get("/healthz").content.decode()
    assert set(json.loads(tubuh)) == {"status", "database"}
    for rahasia in (settings.SECRET_KEY, settings.DATABASES["default"]["NAME"], "postgres"):
        assert str(rahasia) not in tubuh


def test_a_monitor_on_plain_http_is_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/accounts/login/").status_code == 301
