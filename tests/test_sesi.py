"""Sessions end after an hour without activity; activity keeps them alive, and
the session is written at most once per SESSION_REFRESH_SECONDS, not on every
page view."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone


def _sesi(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_a_session_expires_after_the_idle_time(settings, client, operator, lampiran):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    client.post("/accounts/login/", {"username": "operator", "password": "kpu-mesuji-demo"})
    assert client.get("/?tahun=2023").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/?tahun=2023")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_activity_moves_the_expiry_on_but_not_on_every_request(
    settings, client, operator, lampiran, jam_sesi
):
    umur = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    sebelum = timezone.now()
    client.post("/accounts/login/", {"username": "operator", "password": "kpu-mesuji-demo"})
    client.get("/?tahun=2023")
    pertama = _sesi(client).expire_date
    assert sebelum + umur <= pertama <= timezone.now() + umur
    jam_sesi[0] += settings.SESSION_REFRESH_SECONDS - 1
    client.get("/?tahun=2023")
    client.get("/dasbor/?tahun=2023")
    assert _sesi(client).expire_date == pertama  # within the refresh interval: not written

    # The last refresh is as old as the interval: the next request writes a new expiry.
    jam_sesi[0] += 1
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=10))
    sebelum = timezone.now()
    client.get("/?tahun=2023")
    baru = _sesi(client).expire_date
    assert sebelum + umur <= baru <= timezone.now() + umur


def test_anonymous_visits_create_no_session(client, db):
    client.get("/accounts/login/")
    client.get("/healthz")
    assert not Session.objects.exists()
