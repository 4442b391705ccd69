"""No lost update in the narrative and the budget: a stale form never undoes a
colleague's save, two changes of the same section or row give the loser a
conflict that names who changed what, and two simultaneous HTTP saves on
PostgreSQL come out as one save and one conflict."""

import re
import threading

import pytest
from django.db import transaction
from django.test import Client

from indicators.models import AnggaranKegiatan, Kegiatan, NarasiLaporan, TahunKinerja

NARASI = "/laporan/2023/narasi/"
ANGGARAN = "/laporan/2023/anggaran/"


def formulir(client, url) -> dict:
    """Every input and textarea of the page's form, as the browser would post it."""
    html = client.get(url).content.decode()
    data = {}
    for nama, nilai in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data[nama] = nilai
    for nama, isi in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[nama] = isi.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    data.pop("csrfmiddlewaretoken", None)
    return data


@pytest.fixture
def dua_sekretaris(sekretaris, buat_pengguna, mesuji):
    lain = buat_pengguna("sekretaris-2", "Sekretaris", mesuji, first_name="Rina")
    a, b = Client(), Client()
    a.force_login(sekretaris)
    b.force_login(lain)
    return a, b


@pytest.mark.django_db
def test_a_stale_narrative_form_keeps_a_colleagues_section(dua_sekretaris, lampiran_bernilai):
    a, b = dua_sekretaris
    lama = formulir(a, NARASI)
    baru = formulir(b, NARASI)
    baru["bagian-penutup"] = "Penutup dari Rina."
    assert b.post(NARASI, baru).status_code == 302
    lama["bagian-kata_pengantar"] = "Kata pengantar dari A."
    assert a.post(NARASI, lama).status_code == 302
    isi = dict(NarasiLaporan.objects.filter(tahun=2023).values_list("bagian", "isi"))
    assert isi == {"penutup": "Penutup dari Rina.", "kata_pengantar": "Kata pengantar dari A."}


@pytest.mark.django_db
def test_two_changes_of_one_section_give_the_second_a_conflict(dua_sekretaris, lampiran_bernilai):
    a, b = dua_sekretaris
    lama = formulir(a, NARASI)
    baru = formulir(b, NARASI)
    baru["bagian-penutup"] = "Versi Rina."
    b.post(NARASI, baru)
    lama["bagian-penutup"] = "Versi A."
    r = a.post(NARASI, lama)
    assert r.status_code == 409
    html = r.content.decode()
    assert "diubah orang lain" in html and "Bab IV — Penutup (diubah Rina" in html
    assert "Versi A." in html  # the loser's text is still on the form
    assert NarasiLaporan.objects.get(bagian="penutup").isi == "Versi Rina."
    # Saving again knowingly replaces it.
    assert a.post(NARASI, formulir_dari(html)).status_code == 302
    assert NarasiLaporan.objects.get(bagian="penutup").isi == "Versi A."


def formulir_dari(html: str) -> dict:
    data = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    for nama, isi in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[nama] = isi
    data.pop("csrfmiddlewaretoken", None)
    return data


@pytest.fixture
def kegiatan(lampiran):
    return list(Kegiatan.objects.filter(program__penetapan=lampiran).order_by("pk")[:2])


@pytest.mark.django_db
def test_a_stale_budget_form_does_not_restore_an_old_pagu(dua_sekretaris, kegiatan):
    a, b = dua_sekretaris
    k1, k2 = kegiatan
    AnggaranKegiatan.objects.create(kegiatan=k1, tahun=2023, pagu=1000)
    lama = formulir(a, ANGGARAN)
    baru = formulir(b, ANGGARAN)
    baru[f"pagu-{k1.pk}"] = "2.000"
    assert b.post(ANGGARAN, baru).status_code == 302
    lama[f"pagu-{k2.pk}"] = "500"
    assert a.post(ANGGARAN, lama).status_code == 302
    pagu = dict(AnggaranKegiatan.objects.values_list("kegiatan_id", "pagu"))
    assert pagu == {k1.pk: 2000, k2.pk: 500}
    lama[f"pagu-{k1.pk}"] = "3.000"
    r = a.post(ANGGARAN, lama)
    assert r.status_code == 409 and f"Kegiatan {k1.kode} (diubah Rina" in r.content.decode()
    assert AnggaranKegiatan.objects.get(kegiatan=k1).pagu == 2000


def _serentak(kirim: list) -> list[int]:
    """Run the POSTs in threads while this test holds the satker-year lock, so
    they start together and meet at the lock; return their status codes."""
    hasil: list[int] = [0] * len(kirim)

    def jalan(i, fungsi):
        from django.db import connection

        try:
            hasil[i] = fungsi().status_code
        finally:
            connection.close()

    utas = [threading.Thread(target=jalan, args=(i, f)) for i, f in enumerate(kirim)]
    return utas, hasil


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", [NARASI, ANGGARAN])
def test_two_simultaneous_saves_are_one_save_and_one_conflict(url):
    from django.contrib.auth.models import Group

    from indicators.demo import SANDI_DEMO, isi_nilai, muat_lampiran
    from indicators.models import Pengguna
    from tests.conftest import isi_data_awal  # transactional tests flush the reference data

    isi_data_awal()
    lampiran = muat_lampiran()
    isi_nilai(lampiran, tahun_realisasi_penuh=2023, sebagian=2024)
    mesuji = lampiran.satker
    kegiatan = list(Kegiatan.objects.filter(program__penetapan=lampiran).order_by("pk")[:1])
    sekretaris, lain = (
        Pengguna.objects.create_user(u, password=SANDI_DEMO, satker=mesuji, first_name=u)
        for u in ("sekretaris", "sekretaris-2")
    )
    for u in (sekretaris, lain):
        u.groups.add(Group.objects.get(name="Sekretaris"))
    a, b = Client(), Client()
    a.force_login(sekretaris)
    b.force_login(lain)
    fa, fb = formulir(a, url), formulir(b, url)
    kunci = "bagian-penutup" if url == NARASI else f"pagu-{kegiatan[0].pk}"
    fa[kunci], fb[kunci] = ("Dari A", "Dari B") if url == NARASI else ("111", "222")
    utas, hasil = _serentak([lambda: a.post(url, fa), lambda: b.post(url, fb)])
    with transaction.atomic():
        TahunKinerja.objects.kunci(mesuji, 2023)
        for u in utas:
            u.start()
        for u in utas:
            u.join(timeout=0.5)  # both are now waiting for the lock held here
    for u in utas:
        u.join()
    assert sorted(hasil) == [302, 409]
    if url == NARASI:
        assert NarasiLaporan.objects.get(bagian="penutup").isi in ("Dari A", "Dari B")
    else:
        assert AnggaranKegiatan.objects.get(kegiatan=kegiatan[0]).pagu in (111, 222)
