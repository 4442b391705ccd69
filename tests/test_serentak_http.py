"""Simultaneous HTTP saves on PostgreSQL lose nothing silently: two saves of
one cell through the entry grid or the target grid come out as one save and
one conflict, and a target grid save beside a Lampiran import ends as one of
the two orders would, each write in the history under its author.

Each test holds the satker-year lock while the requests start, so they meet
at the lock whatever the machine's speed; released, they run one after the
other in whichever order PostgreSQL grants it."""

import threading
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from indicators.demo import SANDI_DEMO, isi_nilai, muat_lampiran
from indicators.lampiran import import_lampiran
from indicators.models import Indikator, NilaiIndikator, Pengguna, TahunKinerja
from tests.conftest import isi_data_awal
from tests.indicators.lampiran.lampiran_xlsx import tulis_tercetak
from tests.indicators.realisasi.test_entri_realisasi import _data as data_realisasi
from tests.indicators.target.test_target_grid import _data as data_target

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def mesuji_bernilai():
    isi_data_awal()  # transactional tests start from an emptied database
    lampiran = muat_lampiran()
    isi_nilai(lampiran, tahun_realisasi_penuh=2023, sebagian=2024)
    return lampiran


def _pengguna(username: str, peran: str, satker) -> Pengguna:
    user = Pengguna.objects.create_user(
        username, password=SANDI_DEMO, satker=satker, first_name=username.title()
    )
    user.groups.add(Group.objects.get(name=peran))
    return user


def _klien(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _serentak(satker, tahun: int, kerja: list) -> list:
    """Run the callables in threads that start while this test holds the
    satker-year lock; return what each returned (or raised)."""
    hasil: list = [None] * len(kerja)

    def jalan(i, f):
        try:
            hasil[i] = f()
        except Exception as e:
            hasil[i] = e
        finally:
            connection.close()

    utas = [threading.Thread(target=jalan, args=(i, f)) for i, f in enumerate(kerja)]
    with transaction.atomic():
        TahunKinerja.objects.kunci(satker, tahun)
        for u in utas:
            u.start()
        for u in utas:
            u.join(timeout=0.5)  # give them time to queue at the lock held here
    for u in utas:
        u.join()
    return hasil


def _nilai(lampiran, kode: str, tahun: int) -> NilaiIndikator:
    return NilaiIndikator.objects.get(
        indikator__kode=kode,
        indikator__sasaran__kegiatan__program__penetapan=lampiran,
        tahun=tahun,
        triwulan=0,
    )


def test_two_simultaneous_realisation_saves_are_one_save_and_one_conflict(mesuji_bernilai):
    satker = mesuji_bernilai.satker
    a = _klien(_pengguna("operator", "Operator", satker))
    b = _klien(_pengguna("operator-2", "Operator", satker))
    n = _nilai(mesuji_bernilai, "1.1.1.1", 2023)
    url = reverse("realisasi", args=[2023])
    fa, fb = data_realisasi(a), data_realisasi(b)
    kunci = f"r{n.indikator_id}-realisasi"
    fa[kunci], fb[kunci] = "71", "72"
    for f in (fa, fb):  # below target: the explanation the rule asks for
        f[f"r{n.indikator_id}-kendala"] = "Kendala"
        f[f"r{n.indikator_id}-tindak_lanjut"] = "Tindak lanjut"
    hasil = _serentak(satker, 2023, [lambda: a.post(url, fa), lambda: b.post(url, fb)])
    assert sorted(r.status_code for r in hasil) == [302, 409], hasil
    kalah = next(r for r in hasil if r.status_code == 409).content.decode()
    assert "1.1.1.1" in kalah
    n.refresh_from_db()
    assert n.realisasi in (Decimal(71), Decimal(72)) and n.versi == 1
    assert n.history.count() == 1


def test_two_simultaneous_target_saves_are_one_save_and_one_conflict(mesuji_bernilai):
    satker = mesuji_bernilai.satker
    a = _klien(_pengguna("sekretaris", "Sekretaris", satker))
    b = _klien(_pengguna("sekretaris-2", "Sekretaris", satker))
    n = _nilai(mesuji_bernilai, "1.1.1.1", 2024)
    fa, fb = data_target(a), data_target(b)
    kunci = f"t{n.indikator_id}-2024"
    fa[kunci], fb[kunci] = "81", "82"
    hasil = _serentak(
        satker,
        2024,
        [lambda: a.post(reverse("target"), fa), lambda: b.post(reverse("target"), fb)],
    )
    assert sorted(r.status_code for r in hasil) == [302, 409], hasil
    n.refresh_from_db()
    assert n.target in (Decimal(81), Decimal(82))
    assert n.history.filter(history_type="~").count() == 1


def test_a_target_save_beside_an_import_ends_as_one_order_would_with_both_in_the_history(
    mesuji_bernilai,
):
    satker = mesuji_bernilai.satker
    sekretaris = _pengguna("sekretaris", "Sekretaris", satker)
    admin = _pengguna("pengimpor", "Admin", satker)
    klien = _klien(sekretaris)
    x = _nilai(mesuji_bernilai, "1.1.1.1", 2024)  # the grid changes it; the file repeats it
    y = _nilai(mesuji_bernilai, "1.1.2.1", 2024)  # the file changes it
    lama_x, baru_y = x.target, y.target + 7
    # The file: every indicator's 2024 target as stored (in the decree's order),
    # but 1.1.2.1's raised.
    urut = list(
        Indikator.objects.dari_penetapan(mesuji_bernilai).dengan_hierarki().dengan_nilai(2024)
    )

    def target_berkas(i, t):
        ind = urut[i]
        return float(baru_y if ind.pk == y.indikator_id else ind.nilai_pada(2024).target)

    berkas = tulis_tercetak(tahun=(2024,), nilai_target=target_berkas)
    form = data_target(klien)
    form[f"t{x.indikator_id}-2024"] = str(lama_x + 3).replace(".", ",")

    def impor():
        return import_lampiran(
            data=berkas,
            nama_berkas="lampiran.xlsx",
            satker=satker,
            tahun_awal=2020,
            tahun_akhir=2024,
            pengguna=admin,
        )

    simpan, hasil_impor = _serentak(
        satker, 2024, [lambda: klien.post(reverse("target"), form), impor]
    )
    assert simpan.status_code == 302, simpan
    assert hasil_impor.berhasil, hasil_impor.masalah
    x.refresh_from_db()
    y.refresh_from_db()
    assert y.target == baru_y
    penulis_x = [h.history_user.username for h in x.history.filter(history_type="~")]
    if x.target == lama_x + 3:  # the import ran first, or found the grid's value and kept it
        assert "sekretaris" in penulis_x
    else:  # the grid saved first; the import then wrote the file's value, visibly
        assert x.target == lama_x and penulis_x[0] == "pengimpor"
