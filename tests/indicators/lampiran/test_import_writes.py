"""How an import writes: every new row with its "+" history row, the same rows
whichever write path is taken, and two imports of one decree at once adding
nothing twice."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from indicators import tulis_massal
from indicators.lampiran import impor, import_lampiran
from indicators.models import Indikator, NilaiIndikator, PenetapanIKU, Satker, StatusReviu
from tests.conftest import isi_data_awal

from .lampiran_xlsx import media_sementara, tulis_tercetak  # noqa: F401

TAHUN = (2020, 2021, 2022, 2023, 2024)


def _berkas() -> bytes:
    return tulis_tercetak(tahun=TAHUN, nilai_target=lambda i, t: (i % 7) * 10 + t - 2000)


def _impor(data: bytes, pengguna) -> impor.HasilImpor:
    return import_lampiran(
        data=data,
        nama_berkas="lampiran.xlsx",
        satker=Satker.objects.get(kode="1811"),
        tahun_awal=2020,
        tahun_akhir=2024,
        pengguna=pengguna,
    )


def _isi() -> list[tuple]:
    """Every value and indicator with its history, comparable between databases."""
    nilai = [
        (
            n.indikator.kode,
            n.tahun,
            n.triwulan,
            n.target,
            n.realisasi,
            n.status,
            n.versi,
            n.analisis,
            n.diubah_oleh.username,
            [(h.history_type, h.target, h.history_user.username) for h in n.history.all()],
        )
        for n in NilaiIndikator.objects.select_related("indikator", "diubah_oleh").order_by(
            "indikator__kode", "tahun"
        )
    ]
    indikator = [
        (i.kode, i.nama, i.satuan, i.polaritas, i.definisi, i.target_akhir, i.urutan)
        + tuple((h.history_type, h.nama, h.history_user.username) for h in i.history.all())
        for i in Indikator.objects.order_by("kode")
    ]
    return nilai + indikator


@pytest.mark.django_db
def test_every_new_value_and_indicator_has_its_creation_in_the_history(buat_pengguna):
    admin_user = buat_pengguna("pengimpor", "Admin", Satker.objects.get(kode="1811"))
    hasil = _impor(_berkas(), admin_user)
    assert hasil.berhasil, hasil.masalah
    assert NilaiIndikator.objects.count() == 355
    for n in NilaiIndikator.objects.all():
        (h,) = n.history.all()
        assert (h.history_type, h.history_user, h.target, h.tahun) == (
            "+",
            admin_user,
            n.target,
            n.tahun,
        )
        assert n.status == StatusReviu.DRAF and n.versi == 0 and n.diubah_oleh == admin_user
        assert n.diubah_pada is not None and n.analisis == ""
    assert NilaiIndikator.objects.get(indikator__kode="1.1.1.1", tahun=2023).target == Decimal(23)
    assert all(i.history.get().history_type == "+" for i in Indikator.objects.all())


@pytest.mark.django_db
def test_the_bulk_copy_and_the_orm_write_the_same_rows(buat_pengguna, monkeypatch):
    admin_user = buat_pengguna("pengimpor", "Admin", Satker.objects.get(kode="1811"))
    data = _berkas()
    assert _impor(data, admin_user).berhasil
    cepat = _isi()
    Indikator.objects.all().delete()
    Indikator.history.all().delete()
    NilaiIndikator.history.all().delete()
    monkeypatch.setattr(tulis_massal, "_TIPE_LANGSUNG", set())  # every model takes the ORM path
    assert _impor(data, admin_user).berhasil
    assert _isi() == cepat
    assert len(cepat) == 355 + 71


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_one_decree_at_once_add_nothing_twice(buat_pengguna):
    isi_data_awal()  # transactional tests start from an emptied database
    satker = Satker.objects.get(kode="1811")
    admin_user = buat_pengguna("pengimpor", "Admin", satker)
    # The decree exists already (entered by hand, or an earlier file's period).
    PenetapanIKU.objects.create(satker=satker, tahun_awal=2020, tahun_akhir=2024, nomor="18")
    data = _berkas()
    mulai = threading.Barrier(2)
    hasil = []

    def jalankan():
        try:
            mulai.wait()
            hasil.append(_impor(data, admin_user))
        finally:
            connection.close()

    benang = [threading.Thread(target=jalankan) for _ in range(2)]
    for b in benang:
        b.start()
    for b in benang:
        b.join(timeout=120)
    assert len(hasil) == 2 and all(h.berhasil for h in hasil), [h.masalah for h in hasil]
    assert Indikator.objects.count() == 71
    assert NilaiIndikator.objects.count() == 355
    assert sorted(h.jumlah["indikator"].baru for h in hasil) == [0, 71]
