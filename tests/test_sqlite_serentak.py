"""On SQLite (make run) two simultaneous saves meet the same rules as on
PostgreSQL: the second waits for the first and gets the conflict message, never
the 503 page of a "database is locked" error."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SKRIP = r"""
import threading
import django
django.setup()
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from indicators.demo import buat_pengguna_demo, muat_lampiran
from indicators.models import NarasiLaporan, Pengguna, TahunKinerja

call_command("migrate", verbosity=0)
call_command("loaddata", "satker_kpu", verbosity=0)
buat_pengguna_demo(muat_lampiran().satker)
sekretaris = Pengguna.objects.get(username="sekretaris")
lain = Pengguna.objects.create_user("sekretaris-2", password="x", satker=sekretaris.satker)
lain.groups.set(sekretaris.groups.all())
URL = "/laporan/2023/narasi/"
klien = []
for u in (sekretaris, lain):
    c = Client()
    c.force_login(u)
    klien.append(c)
data = [{"bagian-penutup": f"Versi {i}", "tampil-bagian-penutup": "x", "asal-bagian-penutup": ""} for i in (1, 2)]
hasil = []
def kirim(c, d):
    try:
        hasil.append(c.post(URL, d).status_code)
    finally:
        connection.close()
utas = [threading.Thread(target=kirim, args=(c, d)) for c, d in zip(klien, data)]
with transaction.atomic():
    TahunKinerja.objects.kunci(sekretaris.satker, 2023)  # both requests meet at the lock
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=0.5)
for u in utas:
    u.join()
print(sorted(hasil), NarasiLaporan.objects.filter(bagian="penutup").count())
"""


def test_two_simultaneous_saves_on_sqlite_are_a_save_and_a_conflict(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kpu_iku.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "testserver,localhost",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    keluar = subprocess.run(
        [sys.executable, "-c", SKRIP], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert keluar.returncode == 0, keluar.stderr[-3000:]
    assert keluar.stdout.strip().splitlines()[-1] == "[302, 409] 1"
