"""Password reset by e-mail: offered only where e-mail is configured (or while
debugging), in Indonesian from the request to the new password."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
SANDI_BARU = "Rapat-Pleno-2025-aman"


@pytest.fixture
def email_aktif(settings):
    settings.RESET_SANDI_AKTIF = True


@pytest.fixture
def budi(buat_pengguna, mesuji):
    return buat_pengguna("budi", "Operator", mesuji, email="budi@kpu-contoh.go.id")


def test_the_whole_flow_request_mail_new_password_login(email_aktif, budi, client):
    masuk = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password_reset/">Lupa kata sandi?</a>' in masuk

    formulir = client.get("/accounts/password_reset/")
    assert "Tulis alamat e-mail akun Anda" in formulir.content.decode()
    response = client.post("/accounts/password_reset/", {"email": "BUDI@kpu-contoh.go.id"})
    assert response.status_code == 302
    selesai = client.get(response["Location"]).content.decode()
    assert "Periksa e-mail Anda" in selesai and "Tautan berlaku 3 hari" in selesai

    (surat,) = mail.outbox
    assert surat.subject == "Atur ulang kata sandi KPU IKU"
    assert surat.to == ["budi@kpu-contoh.go.id"]
    assert 'akun "budi"' in surat.body and "abaikan e-mail ini" in surat.body
    (tautan,) = re.findall(r"http://testserver(/accounts/reset/\S+/)", surat.body)

    halaman = client.get(tautan, follow=True)
    assert "Buat kata sandi baru" in halaman.content.decode()
    atur = halaman.redirect_chain[-1][0]
    response = client.post(atur, {"new_password1": SANDI_BARU, "new_password2": SANDI_BARU})
    assert response.status_code == 302
    assert "Kata sandi tersimpan" in client.get(response["Location"]).content.decode()

    assert (
        Client().post("/accounts/login/", {"username": "budi", "password": SANDI_BARU}).status_code
        == 302
    )
    # The link is spent.
    assert "Tautan tidak berlaku" in client.get(tautan, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(email_aktif, budi, client):
    response = client.post("/accounts/password_reset/", {"email": "orang@lain.example"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_new_password_is_checked_in_indonesian(email_aktif, budi, client):
    client.post("/accounts/password_reset/", {"email": budi.email})
    (tautan,) = re.findall(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body)
    atur = client.get(tautan, follow=True).redirect_chain[-1][0]
    response = client.post(atur, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert "Kata sandi ini terlalu umum" in response.content.decode()


def test_without_e_mail_there_is_no_link_and_the_form_says_whom_to_ask(settings, budi, client):
    settings.RESET_SANDI_AKTIF = False
    assert "Lupa kata sandi" not in client.get("/accounts/login/").content.decode()
    response = client.get("/accounts/password_reset/")
    assert response.status_code == 404
    assert "belum disiapkan" in response.content.decode()
    assert client.post("/accounts/password_reset/", {"email": budi.email}).status_code == 404
    assert mail.outbox == []


def _setelan(**env) -> dict:
    dasar = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    dasar.update(DJANGO_SECRET_KEY="x" * 60, **env)
    kode = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) "
        "for k in ['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', "
        "'EMAIL_USE_TLS', 'DEFAULT_FROM_EMAIL', 'RESET_SANDI_AKTIF']}))"
    )
    hasil = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", kode],
        cwd=ROOT,
        env=dasar,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode == 0, hasil.stderr
    return json.loads(hasil.stdout.strip().splitlines()[-1])


def test_e_mail_comes_from_the_environment():
    s = _setelan(
        DJANGO_EMAIL_HOST="smtp.kpu-contoh.go.id",
        DJANGO_EMAIL_PORT="465",
        DJANGO_EMAIL_HOST_USER="iku",
        DJANGO_EMAIL_HOST_PASSWORD="rahasia",
        DJANGO_EMAIL_USE_TLS="0",
        DJANGO_DEFAULT_FROM_EMAIL="KPU IKU <iku@kpu-contoh.go.id>",
    )
    assert s == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.kpu-contoh.go.id",
        "EMAIL_PORT": 465,
        "EMAIL_HOST_USER": "iku",
        "EMAIL_USE_TLS": False,
        "DEFAULT_FROM_EMAIL": "KPU IKU <iku@kpu-contoh.go.id>",
        "RESET_SANDI_AKTIF": True,
    }


def test_debugging_without_e_mail_prints_messages_to_the_console():
    s = _setelan(DJANGO_DEBUG="1")
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert s["RESET_SANDI_AKTIF"] is True


def test_production_without_e_mail_offers_no_reset():
    s = _setelan()
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.dummy.EmailBackend"
    assert s["RESET_SANDI_AKTIF"] is False
