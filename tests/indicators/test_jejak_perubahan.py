"""The change log the database keeps behind the fingerprints of pages across
satker (JejakPerubahan, migration 0008): every statement that writes a
decree's tree or values adds to that decree and year, whatever wrote it, and
only there; rows fold as they go; writers never wait for each other."""

import threading

import pytest
from django.db import connection, transaction

from indicators.demo import isi_nilai, salin_iku
from indicators.models import (
    Indikator,
    JejakPerubahan,
    Kegiatan,
    NilaiIndikator,
    PenetapanIKU,
    Program,
    Sasaran,
)
from indicators.sidik import sidik_penetapan_tahun, sidik_pohon_satker, sidik_tahun


def _sidik(penetapan, tahun: int) -> str:
    return sidik_penetapan_tahun([penetapan.pk], tahun)[penetapan.pk]


def _nilai(penetapan, kode: str, tahun: int) -> NilaiIndikator:
    return NilaiIndikator.objects.get(
        indikator__sasaran__kegiatan__program__penetapan=penetapan,
        indikator__kode=kode,
        tahun=tahun,
        triwulan=0,
    )


def _simpan(n: NilaiIndikator) -> None:
    n.realisasi = 1
    n.save()


def _sql(sql: str, parameter: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, parameter)


def _buat_massal(p) -> None:
    NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=p, tahun=2021
    ).delete()
    NilaiIndikator.objects.bulk_create(
        NilaiIndikator(indikator=i, tahun=2021, target=90)
        for i in Indikator.objects.dari_penetapan(p)
    )


# Each write and the years whose fingerprint it must change (None: every year).
TULIS = {
    "nilai disimpan": (lambda p: _simpan(_nilai(p, "1.1.1.1", 2021)), {2021}),
    "nilai diubah massal": (
        lambda p: NilaiIndikator.objects.filter(
            indikator__sasaran__kegiatan__program__penetapan=p, tahun=2021
        ).update(realisasi=2),
        {2021},
    ),
    "nilai dihapus lalu dibuat massal": (_buat_massal, {2021}),
    "nilai diubah dengan SQL": (
        lambda p: _sql(
            "UPDATE indicators_nilaiindikator SET realisasi = 3 WHERE id = %s",
            [_nilai(p, "1.1.1.1", 2021).pk],
        ),
        {2021},
    ),
    "tahun nilai dipindah": (
        lambda p: NilaiIndikator.objects.filter(pk=_nilai(p, "1.1.1.1", 2024).pk).update(
            tahun=2025
        ),
        {2024, 2025},
    ),
    "indikator": (
        lambda p: Indikator.objects.dari_penetapan(p).filter(kode="1.1.1.1").update(nama="X"),
        None,
    ),
    "sasaran": (
        lambda p: Sasaran.objects.filter(kegiatan__program__penetapan=p, kode="1.1.1").update(
            nama="X"
        ),
        None,
    ),
    "kegiatan": (lambda p: Kegiatan.objects.filter(program__penetapan=p).update(urutan=9), None),
    "program": (lambda p: Program.objects.filter(penetapan=p, kode="1").update(nama="X"), None),
    "indikator baru": (
        lambda p: Indikator.objects.create(
            sasaran=Sasaran.objects.filter(kegiatan__program__penetapan=p).first(),
            urutan=99,
            kode="9.9",
            nama="Indikator baru",
            satuan="Persen",
        ),
        None,
    ),
}


@pytest.mark.parametrize("tulis", list(TULIS))
def test_every_write_changes_its_decree_and_year_and_nothing_else(
    lampiran_bernilai, satker_lain, tulis
):
    lain = salin_iku(lampiran_bernilai, satker_lain)
    isi_nilai(lain, tahun_realisasi_penuh=2023, sebagian=None)
    fungsi, tahun_kena = TULIS[tulis]
    tahun = [2021, 2022, 2024, 2025]
    awal = {t: _sidik(lampiran_bernilai, t) for t in tahun}
    awal_lain = {t: _sidik(lain, t) for t in tahun}
    awal_tahun = {t: sidik_tahun(t) for t in tahun}
    fungsi(lampiran_bernilai)
    for t in tahun:
        berubah = tahun_kena is None or t in tahun_kena
        assert (_sidik(lampiran_bernilai, t) != awal[t]) == berubah, t
        assert (sidik_tahun(t) != awal_tahun[t]) == berubah, t
        assert _sidik(lain, t) == awal_lain[t], t
    if tulis not in ("indikator baru", "tahun nilai dipindah"):
        kedua = _sidik(lampiran_bernilai, 2021)
        fungsi(lampiran_bernilai)  # again, in the same transaction: a new fingerprint again
        assert _sidik(lampiran_bernilai, 2021) != kedua


def test_an_indicator_moved_to_another_decree_changes_both(lampiran_bernilai, satker_lain):
    lain = salin_iku(lampiran_bernilai, satker_lain)
    awal = (_sidik(lampiran_bernilai, 2021), _sidik(lain, 2021))
    Indikator.objects.dari_penetapan(lampiran_bernilai).filter(kode="1.1.1.1").update(
        sasaran=Sasaran.objects.filter(kegiatan__program__penetapan=lain).first(), kode="9.9"
    )
    assert _sidik(lampiran_bernilai, 2021) != awal[0] and _sidik(lain, 2021) != awal[1]


def test_deleting_a_decree_or_emptying_a_table_changes_every_fingerprint(
    lampiran_bernilai, satker_lain
):
    lain = salin_iku(lampiran_bernilai, satker_lain)
    awal = (sidik_tahun(2021), _sidik(lampiran_bernilai, 2021), sidik_pohon_satker(satker_lain.pk))
    PenetapanIKU.objects.filter(pk=lain.pk).delete()
    assert sidik_tahun(2021) != awal[0] and sidik_pohon_satker(satker_lain.pk) != awal[2]
    _sql("SET CONSTRAINTS ALL IMMEDIATE", [])  # no checks pending before TRUNCATE
    _sql("TRUNCATE indicators_nilaiindikator CASCADE", [])
    # Rows whose decree can no longer be found count for every decree.
    assert _sidik(lampiran_bernilai, 2021) != awal[1]


def test_the_log_folds_into_one_row_per_decree_and_year(lampiran_bernilai):
    n = _nilai(lampiran_bernilai, "1.1.1.1", 2021)
    for _ in range(5):
        _simpan(n)
    baris = JejakPerubahan.objects.filter(penetapan_id=lampiran_bernilai.pk, tahun=2021)
    assert baris.count() == 1
    bobot = baris.get().bobot
    _simpan(n)
    assert baris.count() == 1 and baris.get().bobot == bobot + 1


def test_the_catalogue_fingerprint_follows_the_tree_and_not_the_values(lampiran_bernilai):
    satker = lampiran_bernilai.satker_id
    awal = sidik_pohon_satker(satker)
    _simpan(_nilai(lampiran_bernilai, "1.1.1.1", 2021))
    assert sidik_pohon_satker(satker) == awal
    Indikator.objects.dari_penetapan(lampiran_bernilai).filter(kode="1.1.1.1").update(
        periode_ukur="triwulan"
    )
    assert sidik_pohon_satker(satker) != awal


@pytest.mark.django_db(transaction=True)
def test_two_writers_of_one_decree_and_year_never_wait_for_each_other():
    from indicators.demo import muat_lampiran
    from tests.conftest import isi_data_awal

    isi_data_awal()  # transactional tests start from an emptied database
    penetapan = muat_lampiran()
    isi_nilai(penetapan, tahun_realisasi_penuh=2023, sebagian=None)
    pertama, kedua = NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=penetapan, tahun=2021, triwulan=0
    ).order_by("pk")[:2]
    sebelum = _sidik(penetapan, 2021)
    bobot = sum(
        JejakPerubahan.objects.filter(penetapan_id=penetapan.pk, tahun=2021).values_list(
            "bobot", flat=True
        )
    )
    terbuka, selesai = threading.Event(), threading.Event()
    urutan = []

    def penulis_pertama():
        try:
            with transaction.atomic():
                _simpan(pertama)
                terbuka.set()
                # The second writer must finish while this transaction is open:
                # were it to wait for this one, the wait below would run out first.
                urutan.append("kedua selesai" if selesai.wait(60) else "kedua menunggu")
            urutan.append("pertama commit")
        finally:
            connection.close()

    def penulis_kedua():
        try:
            terbuka.wait(60)
            with transaction.atomic():
                _simpan(kedua)
            selesai.set()
        finally:
            connection.close()

    benang = [threading.Thread(target=penulis_pertama), threading.Thread(target=penulis_kedua)]
    for b in benang:
        b.start()
    for b in benang:
        b.join()
    assert urutan == ["kedua selesai", "pertama commit"]
    assert _sidik(penetapan, 2021) != sebelum
    assert (
        sum(
            JejakPerubahan.objects.filter(penetapan_id=penetapan.pk, tahun=2021).values_list(
                "bobot", flat=True
            )
        )
        == bobot + 2
    )
