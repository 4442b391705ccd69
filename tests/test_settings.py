import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_key_when_not_debugging():
    hasil = _manage("check")
    assert hasil.returncode != 0
    assert "DJANGO_SECRET_KEY" in hasil.stderr


def test_debug_is_off_unless_asked_for():
    hasil = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        DJANGO_SECRET_KEY="x" * 60,
    )
    assert hasil.stdout.strip().endswith("False")


def test_check_deploy_is_clean_under_production_variables():
    hasil = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="k" * 20 + "-produksi-" + "z" * 40,
        DJANGO_ALLOWED_HOSTS="iku.kpu-mesujikab.go.id",
        DJANGO_HTTPS="1",
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "WARNING" not in hasil.stderr


def test_it_speaks_indonesian_in_indonesian_time():
    from django.conf import settings
    from django.utils import formats

    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    import datetime

    assert formats.date_format(datetime.date(2022, 4, 21)) == "21 April 2022"
    assert formats.number_format(1250.5, 1, force_grouping=True) == "1.250,5"


def test_make_runs_console_prints_each_request_once(tmp_path):
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    keluaran = tmp_path / "konsol.log"
    with keluaran.open("w") as f:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=f,
            stderr=subprocess.STDOUT,
        )
    try:
        batas = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read()
                break
            except OSError:
                assert time.monotonic() < batas, keluaran.read_text()
                assert server.poll() is None, keluaran.read_text()
                time.sleep(0.2)
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?kedua=1", timeout=5).read()
    finally:
        server.terminate()
        server.wait(timeout=30)
    baris = [b for b in keluaran.read_text().splitlines() if "/healthz" in b]
    assert len(baris) == 2, baris  # one line per request, from the application's log
    assert all('"logger": "kpu_iku.permintaan"' in b for b in baris), baris
