"""The fingerprint under which pages of a decree are cached: it changes with
every write to the data those pages read, however written, and only then."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators import sidik
from indicators.demo import isi_nilai, salin_iku
from indicators.models import (
    BuktiDukung,
    Indikator,
    Kegiatan,
    NilaiIndikator,
    PenetapanIKU,
    Program,
    Sasaran,
    SkalaKategori,
    TahunKinerja,
)
from indicators.sidik import sidik_data


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _bukti(nilai, operator):
    return BuktiDukung.objects.create(
        nilai=nilai,
        berkas=SimpleUploadedFile("sk.pdf", b"%PDF-1.4 contoh"),
        nama_asli="sk.pdf",
        jenis="application/pdf",
        ukuran=15,
        diunggah_oleh=operator,
    )


UBAH = {
    "penetapan": lambda p, o: PenetapanIKU.objects.filter(pk=p.pk).update(nomor="19"),
    "program": lambda p, o: Program.objects.filter(penetapan=p, kode="1").update(nama="X"),
    "kegiatan": lambda p, o: Kegiatan.objects.filter(program__penetapan=p).update(urutan=9),
    "sasaran": lambda p, o: Sasaran.objects.filter(
        kegiatan__program__penetapan=p, kode="1.1.1"
    ).update(nama="X"),
    "indikator": lambda p, o: (
        Indikator.objects.dari_penetapan(p).filter(kode="1.1.1.1").update(satuan="Dokumen")
    ),
    "nilai": lambda p, o: NilaiIndikator.objects.filter(
        indikator__kode="1.1.1.1", tahun=2021
    ).update(realisasi=1),
    "nilai dihapus": lambda p, o: NilaiIndikator.objects.filter(
        indikator__kode="1.1.1.1", tahun=2020
    ).delete(),
    "bukti baru": lambda p, o: _bukti(NilaiIndikator.objects.filter(tahun=2023).first(), o),
    "skala": lambda p, o: SkalaKategori.objects.filter(batas_bawah=0).update(warna="#000000"),
    "tahun kinerja": lambda p, o: TahunKinerja.objects.create(satker=p.satker, tahun=2022),
}


@pytest.mark.parametrize("perubahan", list(UBAH))
def test_any_write_to_what_the_pages_read_changes_it(lampiran_bernilai, operator, perubahan):
    awal = sidik_data(lampiran_bernilai)
    assert sidik_data(lampiran_bernilai) == awal
    UBAH[perubahan](lampiran_bernilai, operator)
    kedua = sidik_data(lampiran_bernilai)
    assert kedua != awal
    if perubahan not in {"nilai dihapus", "tahun kinerja"}:  # no second such change
        UBAH[perubahan](lampiran_bernilai, operator)  # again, in the same transaction
        assert sidik_data(lampiran_bernilai) not in (awal, kedua)


def test_deleting_evidence_changes_it(lampiran_bernilai, operator):
    bukti = _bukti(NilaiIndikator.objects.filter(tahun=2023).first(), operator)
    awal = sidik_data(lampiran_bernilai)
    bukti.delete()
    assert sidik_data(lampiran_bernilai) != awal


def test_another_satkers_data_leaves_it_alone(lampiran_bernilai, satker_lain):
    awal = sidik_data(lampiran_bernilai)
    salinan = salin_iku(lampiran_bernilai, satker_lain)
    isi_nilai(salinan, tahun_realisasi_penuh=2023, sebagian=None)
    NilaiIndikator.objects.filter(indikator__sasaran__kegiatan__program__penetapan=salinan).update(
        realisasi=1
    )
    TahunKinerja.objects.create(satker=satker_lain, tahun=2023)
    assert sidik_data(lampiran_bernilai) == awal


def test_a_value_computed_while_the_data_changed_is_not_kept(lampiran_bernilai, monkeypatch):
    disimpan = []
    monkeypatch.setattr(sidik.cache, "set", lambda *a, **k: disimpan.append(a[0]))

    def hitung_sambil_berubah(penetapan):
        NilaiIndikator.objects.filter(indikator__kode="1.1.1.1", tahun=2023).update(realisasi=7)
        return "halaman"

    assert sidik.dari_cache("uji", lampiran_bernilai, (), hitung_sambil_berubah) == "halaman"
    assert disimpan == []
    assert sidik.dari_cache("uji", lampiran_bernilai, (), lambda p: "halaman") == "halaman"
    assert len(disimpan) == 1


def test_the_value_is_computed_from_the_decree_as_it_is_now(lampiran_bernilai):
    lama = PenetapanIKU.objects.get(pk=lampiran_bernilai.pk)
    PenetapanIKU.objects.filter(pk=lama.pk).update(nomor="99 Tahun 2026")
    assert sidik.dari_cache("uji", lama, (), lambda p: p.nomor) == "99 Tahun 2026"


@pytest.mark.django_db(transaction=True)
def test_while_nothing_is_committed_only_the_snapshot_is_read():
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from indicators.demo import muat_lampiran
    from tests.conftest import isi_data_awal

    isi_data_awal()  # transactional tests start from an emptied database
    penetapan = muat_lampiran()
    isi_nilai(penetapan, tahun_realisasi_penuh=2023, sebagian=None)
    # Snapshots are the whole cluster's: other test processes commit all the
    # time. A repeatable-read transaction holds one snapshot, as a quiet
    # server would see between two requests.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        awal = sidik_data(penetapan)
        with CaptureQueriesContext(connection) as kueri:
            assert sidik_data(penetapan) == awal
        assert len(kueri) == 1  # the snapshot: nothing committed since

    # A change committed by another connection: a new snapshot, a new fingerprint.
    def ubah():
        NilaiIndikator.objects.filter(indikator__kode="1.1.1.1", tahun=2023).update(realisasi=5)
        connection.close()

    benang = threading.Thread(target=ubah)
    benang.start()
    benang.join()
    with CaptureQueriesContext(connection) as kueri:
        kedua = sidik_data(penetapan)
    assert kedua != awal and len(kueri) == 2


@pytest.mark.django_db(transaction=True)
def test_a_remembered_snapshot_is_used_for_a_minute_of_its_clock_only(monkeypatch):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from indicators.demo import muat_lampiran
    from tests.conftest import isi_data_awal

    isi_data_awal()
    penetapan = muat_lampiran()
    detik = [1000.0]
    monkeypatch.setattr(sidik, "jam", lambda: detik[0])

    def kueri() -> int:
        with CaptureQueriesContext(connection) as q:
            assert sidik_data(penetapan) == awal
        return len(q)

    # One snapshot held, as in the test above: other test processes commit.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        awal = sidik_data(penetapan)
        detik[0] += 59.9
        assert kueri() == 1  # the snapshot only
        detik[0] += 0.2  # a minute after the entry was taken: read in full again
        assert kueri() == 2
        assert kueri() == 1  # ...and remembered anew
        sidik.lupakan_snapshot()
        assert kueri() == 2
