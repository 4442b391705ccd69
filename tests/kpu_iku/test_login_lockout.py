"""Five wrong passwords lock that user from that client address only. Behind
nginx the address is the client's (from X-Forwarded-For, believed only when
nginx sent the request); nobody can choose the address a failure counts against."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from indicators.demo import SANDI_DEMO

NGINX = "127.0.0.1"
A, B = "203.0.113.10", "198.51.100.20"


@pytest.fixture
def pengguna(buat_pengguna, mesuji):
    buat_pengguna("x", "Operator", mesuji)
    buat_pengguna("y", "Operator", mesuji)


@pytest.fixture
def di_balik_nginx(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def _masuk(username: str, sandi: str, **meta) -> int:
    return (
        Client()
        .post("/accounts/login/", {"username": username, "password": sandi}, **meta)
        .status_code
    )


def _gagal_lima_kali(username: str, **meta) -> None:
    # The fifth failure is answered with the lockout already.
    assert [_masuk(username, "salah-sandi", **meta) for _ in range(5)] == [200] * 4 + [429]


def lewat_nginx(klien: str, dari_klien: str = "") -> dict:
    """What gunicorn receives from nginx ($proxy_add_x_forwarded_for appends
    the client's address to whatever X-Forwarded-For the client sent)."""
    diteruskan = f"{dari_klien}, {klien}" if dari_klien else klien
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": diteruskan}


def test_behind_nginx_it_locks_the_user_from_that_address_only(pengguna, di_balik_nginx):
    _gagal_lima_kali("x", **lewat_nginx(A))
    terkunci = Client().post(
        "/accounts/login/", {"username": "x", "password": SANDI_DEMO}, **lewat_nginx(A)
    )
    assert terkunci.status_code == 429
    assert "Akun dikunci sementara" in terkunci.content.decode()
    assert _masuk("x", SANDI_DEMO, **lewat_nginx(B)) == 302
    assert _masuk("y", SANDI_DEMO, **lewat_nginx(A)) == 302


def test_behind_nginx_what_the_client_puts_in_the_header_is_ignored(pengguna, di_balik_nginx):
    for i in range(5):
        _masuk("x", "salah-sandi", **lewat_nginx(A, dari_klien=f"10.0.0.{i}"))
    assert _masuk("x", SANDI_DEMO, **lewat_nginx(A)) == 429
    # Nor can the client pin its failures on someone else's address.
    _gagal_lima_kali("y", **lewat_nginx(A, dari_klien=B))
    assert _masuk("y", SANDI_DEMO, **lewat_nginx(B)) == 302


def test_without_a_proxy_the_header_cannot_escape_the_lockout(pengguna):
    for i in range(5):
        _masuk("x", "salah-sandi", REMOTE_ADDR=A, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert _masuk("x", SANDI_DEMO, REMOTE_ADDR=A, HTTP_X_FORWARDED_FOR=B) == 429


def test_without_a_proxy_the_header_cannot_shift_the_lockout_onto_another_address(pengguna):
    _gagal_lima_kali("x", REMOTE_ADDR=A, HTTP_X_FORWARDED_FOR=B)
    assert _masuk("x", SANDI_DEMO, REMOTE_ADDR=B) == 302


def test_a_request_that_does_not_come_from_the_proxy_is_keyed_on_its_own_address(
    pengguna, di_balik_nginx
):
    # Someone reaching gunicorn directly, around nginx, with a forged header.
    for i in range(5):
        _masuk("x", "salah-sandi", REMOTE_ADDR=A, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert _masuk("x", SANDI_DEMO, REMOTE_ADDR=A, HTTP_X_FORWARDED_FOR=B) == 429
    assert _masuk("x", SANDI_DEMO, **lewat_nginx(B)) == 302


@pytest.mark.parametrize(
    ("nama", "nilai", "pesan"),
    [
        ("DJANGO_TRUSTED_PROXY_COUNT", "satu", "DJANGO_TRUSTED_PROXY_COUNT harus bilangan bulat"),
        ("DJANGO_TRUSTED_PROXIES", "127.0.0.1,nginx", "DJANGO_TRUSTED_PROXIES berisi alamat"),
    ],
)
def test_a_bad_proxy_setting_stops_the_start_with_a_clear_message(nama, nilai, pesan):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SECRET_KEY": "x" * 60, nama: nilai})
    hasil = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode != 0
    assert pesan in hasil.stderr
