"""A comparable picture of everything a backup must carry: every row of the
domain and its history, users with password hashes and groups, group
permissions, evidence bytes and the text of rendered pages.

Run as `python -m tests.potret` it prints the picture of the configured
database as JSON, so a test can compare a restored database in another process.
"""

import hashlib
import json
import os
import re


def teks_halaman(klien, url: str) -> str:
    from django.utils.html import strip_tags

    response = klien.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return re.sub(r"\s+", " ", strip_tags(response.content.decode())).strip()


def teks_lakip(tahun: int) -> str:
    """The text of the LAKIP as laid out for the PDF (its HTML, before WeasyPrint:
    what the data decides; the layout is tested with the documents)."""
    from django.utils.html import strip_tags

    from indicators.models import PenetapanIKU, Satker
    from reporting.laporan.pdf import lakip_html
    from reporting.laporan.selectors import susun_laporan

    penetapan = PenetapanIKU.objects.untuk_tahun(Satker.objects.get(kode="1811"), tahun)
    return re.sub(r"\s+", " ", strip_tags(lakip_html(susun_laporan(penetapan, tahun)))).strip()


def _baris(model) -> list[dict]:
    return [
        {k: str(v) for k, v in row.items()}
        for row in model._default_manager.order_by("pk").values()
    ]


def potret(username: str = "operator") -> dict:
    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.test import Client

    from indicators.models import BuktiDukung, JejakPerubahan, Pengguna

    hasil: dict = {"tabel": {}}
    # Every table of the domain app, historical tables included; not the
    # change log the database keeps for itself (not backed up: a restore
    # writes its own).
    for model in apps.get_app_config("indicators").get_models():
        if model is not JejakPerubahan:
            hasil["tabel"][model._meta.label_lower] = _baris(model)
    hasil["pengguna"] = {
        u.username: {
            "password": u.password,
            "grup": sorted(g.name for g in u.groups.all()),
            "hak": sorted(p.natural_key() for p in u.user_permissions.all()),
            "satker": u.satker.kode if u.satker else None,
        }
        for u in Pengguna.objects.prefetch_related("groups", "user_permissions")
    }
    hasil["grup"] = {
        g.name: sorted(".".join(p.natural_key()) for p in g.permissions.all())
        for g in Group.objects.prefetch_related("permissions__content_type")
    }
    hasil["bukti"] = {}
    for bukti in BuktiDukung.objects.order_by("pk"):
        with bukti.berkas.open("rb") as f:
            isi = f.read()
        hasil["bukti"][bukti.berkas.name] = [len(isi), hashlib.sha256(isi).hexdigest()]
    # Pages last: logging in touches the user's last_login.
    klien = Client()
    klien.force_login(Pengguna.objects.get(username=username))
    hasil["halaman"] = {
        "iku_2023": teks_halaman(klien, "/?tahun=2023"),
        "lakip_2023": teks_lakip(2023),
    }
    return hasil


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpu_iku.settings")
    django.setup()
    print(json.dumps(potret(), ensure_ascii=False))
