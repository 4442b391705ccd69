"""Shared helpers for the document tests: build the demo data inside a rolled-back
transaction (module-scoped, so a costly PDF renders once per module) and read PDFs."""

import re
from contextlib import contextmanager
from io import BytesIO

from django.contrib.auth.models import Group
from django.db import transaction
from pypdf import PdfReader

from indicators.demo import SANDI_DEMO, isi_anggaran, isi_nilai, muat_lampiran
from indicators.models import Pengguna
from tests.conftest import isi_data_awal


def normal(teks: str) -> str:
    # Lines wrapped inside a table cell come back as separate lines; a word broken
    # with a hyphen at a line end is joined again.
    teks = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", teks)
    return re.sub(r"\s+", " ", teks).strip()


def halaman(pdf: bytes) -> list[str]:
    return [normal(p.extract_text() or "") for p in PdfReader(BytesIO(pdf)).pages]


def pengguna(username: str, peran: str, satker) -> Pengguna:
    user = Pengguna.objects.create_user(username=username, password=SANDI_DEMO, satker=satker)
    user.groups.add(Group.objects.get(name=peran))
    return user


@contextmanager
def data_sementara(django_db_blocker):
    """Demo data (Lampiran, values 2020–2023, budget) that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        # These module-scoped fixtures may run after a transactional (browser) test
        # flushed the database: put the migration's reference data back first.
        isi_data_awal()
        penetapan = muat_lampiran()
        isi_nilai(penetapan, tahun_realisasi_penuh=2023, sebagian=2024)
        isi_anggaran(penetapan, tahun_realisasi_penuh=2023)
        try:
            yield penetapan
        finally:
            transaction.set_rollback(True)


def hilang_dari(nama: list[str], teks: str) -> list[str]:
    """The names not found in the text. Compared without whitespace and hyphens:
    a line may break after a slash or a hyphen, which extraction turns into a
    space or drops."""

    def rapat(t: str) -> str:
        return re.sub(r"[\s-]+", "", t)

    semua = rapat(teks)
    return [n for n in nama if rapat(n) not in semua]
