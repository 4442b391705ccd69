"""Security headers on every page, secure cookies and HSTS under production
settings, and user-written text that never becomes HTML."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.models import Indikator, NilaiIndikator, Sasaran, StatusReviu

ROOT = Path(__file__).resolve().parents[1]
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


@pytest.mark.parametrize("url", ["/accounts/login/", "/healthz"])
def test_every_response_carries_the_security_headers(client, db, url):
    response = client.get(url)
    directives = sorted(d.strip() for d in response["Content-Security-Policy"].split(";"))
    assert directives == sorted(d.strip() for d in CSP.split(";"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_iku_page_carries_the_policy_too(masuk, operator, lampiran):
    response = masuk(operator).get("/?tahun=2023")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_hsts_is_sent_over_https_only(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    https = client.get("/accounts/login/", secure=True)
    assert https["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Strict-Transport-Security" not in client.get("/accounts/login/")


def _settings_under(**env) -> dict:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.update(env)
    kode = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS, s.DEBUG)"
    )
    hasil = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", kode],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode == 0, hasil.stderr
    nama = ["session", "csrf", "redirect", "hsts", "httponly", "frame", "debug"]
    return dict(zip(nama, hasil.stdout.split()[-7:], strict=True))


def test_production_settings_make_cookies_secure_and_send_hsts():
    nilai = _settings_under(DJANGO_SECRET_KEY="p" * 60, DJANGO_ALLOWED_HOSTS="iku.example.go.id")
    assert nilai == {
        "session": "True",
        "csrf": "True",
        "redirect": "True",
        "hsts": "31536000",
        "httponly": "True",
        "frame": "DENY",
        "debug": "False",
    }


def test_the_session_cookie_is_secure_and_http_only_when_https(client, operator, settings):
    settings.SESSION_COOKIE_SECURE = True
    client.post(
        "/accounts/login/", {"username": "operator", "password": "kpu-mesuji-demo"}, secure=True
    )
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


def test_names_containing_markup_are_shown_escaped_on_the_iku_page(masuk, operator, lampiran):
    serangan = '<script>alert("iku")</script><img src=x onerror=alert(1)>'
    satker = lampiran.satker
    satker.nama = f"KPU {serangan}"
    satker.save()
    Indikator.objects.filter(kode="1.1.1.1").update(nama=f"Indikator {serangan}")
    Sasaran.objects.filter(kode="1.1.1").update(nama=f"Sasaran {serangan}")
    html = masuk(operator).get("/?tahun=2023").content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert html.count("&lt;script&gt;alert(&quot;iku&quot;)&lt;/script&gt;") >= 3


@pytest.mark.parametrize("persona", ["operator", "sekretaris"])
def test_text_containing_markup_is_shown_escaped_on_the_entry_grid(
    request, masuk, lampiran_bernilai, persona
):
    serangan = '<script>alert("iku")</script><img src=x onerror=alert(1)>'
    Indikator.objects.filter(kode="1.1.1.1").update(nama=f"Indikator {serangan}")
    Sasaran.objects.filter(kode="1.1.1").update(nama=f"Sasaran {serangan}")
    NilaiIndikator.objects.filter(indikator__kode="1.1.1.1", tahun=2023).update(
        analisis=f"Analisis {serangan}",
        status=StatusReviu.DIKEMBALIKAN,
        catatan_reviu=f"Catatan {serangan}",
    )
    html = masuk(request.getfixturevalue(persona)).get("/realisasi/2023/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    # Four texts: indicator, sasaran, analisis and the review note (Jinja2 writes " as &#34;).
    assert len(re.findall(r"&lt;script&gt;alert\((&#34;|&quot;)iku(&#34;|&quot;)\)", html)) >= 4
