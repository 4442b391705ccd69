"""The Sekretaris's review queue: each submitted entry with its numbers, filters
kept in the URL, and verify/return row by row (JSON for the page's script, a
redirect without it) through the workflow with the version check and year lock."""

import pytest
from django.urls import reverse

from indicators.demo import isi_unit_kerja
from indicators.models import NilaiIndikator, RiwayatStatus, TahunKinerja, UnitKerja
from indicators.reviu import services as alur

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def _nilai_2023(lampiran):
    return NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=lampiran, tahun=2023
    ).order_by("indikator__kode")


@pytest.fixture
def diajukan(lampiran_bernilai, operator):
    """Every 2023 entry explained and submitted by the Operator."""
    isi_unit_kerja(lampiran_bernilai)
    for n in _nilai_2023(lampiran_bernilai).select_related("indikator"):
        for kolom in n.penjelasan_kurang:
            setattr(n, kolom, "Dijelaskan.")
        n.save()
    pk_list = list(_nilai_2023(lampiran_bernilai).values_list("pk", flat=True))
    alur.nilai_ajukan(satker=lampiran_bernilai.satker, tahun=2023, pk_list=pk_list, oleh=operator)
    return _nilai_2023(lampiran_bernilai)


def _verifikasi(client, nilai, versi=None, **extra):
    data = {"pilih": nilai.pk, f"versi-{nilai.pk}": nilai.versi if versi is None else versi}
    return client.post(reverse("antrean_verifikasi_nilai"), data, **extra)


def test_the_queue_shows_each_entry_with_target_realisasi_capaian_kategori_and_evidence(
    diajukan, sekretaris, masuk
):
    halaman = masuk(sekretaris).get(reverse("antrean"))
    assert halaman.status_code == 200
    daftar = halaman.context["menunggu_verifikasi"]
    assert len(daftar) == 71
    teks = halaman.content.decode()
    n = daftar[0]
    assert f'id="a{n.pk}"' in teks
    assert "Capaian" in teks and "Kategori" in teks and 'class="kategori kategori-' in teks
    assert f'href="{reverse("nilai_detail", args=[n.pk])}">0 berkas' in teks
    assert "Menunggu verifikasi (<span data-jumlah-antrean>71</span>)" in teks


def test_a_long_explanation_is_cut_and_the_whole_text_opens_on_demand(diajukan, sekretaris, masuk):
    n = diajukan.first()
    panjang = "Kegiatan sosialisasi diperluas ke semua kecamatan. " * 6
    NilaiIndikator.objects.filter(pk=n.pk).update(analisis=panjang.strip())
    teks = masuk(sekretaris).get(reverse("antrean")).content.decode()
    assert '<details class="teks-ringkas"><summary>Kegiatan sosialisasi' in teks
    assert panjang.strip() in teks  # whole, inside the details


def test_the_queue_is_filtered_by_kegiatan_and_unit_kerja_kept_in_the_url(
    diajukan, sekretaris, masuk
):
    client = masuk(sekretaris)
    n = diajukan.select_related("indikator__sasaran__kegiatan").first()
    kegiatan = n.indikator.sasaran.kegiatan
    r = client.get(reverse("antrean"), {"kegiatan": kegiatan.pk})
    daftar = r.context["menunggu_verifikasi"]
    assert daftar and len(daftar) < 71
    assert {x.indikator.sasaran.kegiatan_id for x in daftar} == {kegiatan.pk}
    assert f'<option value="{kegiatan.pk}" selected>' in r.content.decode()

    unit = UnitKerja.objects.get(pk=n.indikator.penanggung_jawab_id)
    r = client.get(reverse("antrean"), {"unit": unit.pk})
    assert {x.indikator.penanggung_jawab_id for x in r.context["menunggu_verifikasi"]} == {unit.pk}
    # A row's form carries the filters, so the answer without script keeps them.
    r = client.get(reverse("antrean"), {"kegiatan": kegiatan.pk, "unit": unit.pk})
    assert f'name="kegiatan" value="{kegiatan.pk}"' in r.content.decode()


def test_verifying_one_row_answers_the_script_and_writes_its_history(diajukan, sekretaris, masuk):
    n = diajukan.first()
    r = _verifikasi(masuk(sekretaris), n, **JSON)
    assert r.status_code == 200
    assert r.json() == {"ok": True, "pesan": f"{n.indikator.kode} (2023) diverifikasi."}
    n.refresh_from_db()
    assert n.status == "diverifikasi"
    terakhir = RiwayatStatus.objects.filter(nilai=n).latest("pk")
    assert (terakhir.dari, terakhir.ke, terakhir.oleh) == ("diajukan", "diverifikasi", sekretaris)


def test_a_row_changed_since_the_queue_was_opened_is_not_verified(diajukan, sekretaris, masuk):
    n = diajukan.first()
    r = _verifikasi(masuk(sekretaris), n, versi=n.versi - 1, **JSON)
    assert r.status_code == 409
    assert "telah diubah orang lain" in r.json()["pesan"] and n.indikator.kode in r.json()["pesan"]
    n.refresh_from_db()
    assert n.status == "diajukan"


def test_a_row_verified_or_returned_by_someone_else_meanwhile_is_refused_by_name(
    diajukan, sekretaris, buat_pengguna, mesuji, masuk
):
    lain = buat_pengguna("sekretaris2", "Sekretaris", mesuji, first_name="Rina")
    n = diajukan.first()
    alur.nilai_kembalikan(nilai=n, oleh=lain, catatan="Lampirkan SK")
    client = masuk(sekretaris)
    r = _verifikasi(client, n, **JSON)
    assert r.status_code == 409
    assert f"{n.indikator.kode}: sudah dikembalikan oleh Rina" in r.json()["pesan"]
    r = client.post(
        reverse("antrean_kembalikan_nilai", args=[n.pk]),
        {"catatan": "Lagi", f"versi-{n.pk}": n.versi},
        **JSON,
    )
    assert r.status_code == 409 and "tidak lagi menunggu verifikasi" in r.json()["pesan"]
    assert RiwayatStatus.objects.filter(nilai=n, ke="dikembalikan").count() == 1


def test_returning_from_the_queue_needs_a_note(diajukan, sekretaris, masuk):
    n = diajukan.first()
    client = masuk(sekretaris)
    url = reverse("antrean_kembalikan_nilai", args=[n.pk])
    r = client.post(url, {"catatan": "  ", f"versi-{n.pk}": n.versi}, **JSON)
    assert r.status_code == 400 and "wajib diisi" in r.json()["pesan"]
    r = client.post(url, {"catatan": "Lampirkan SK tim", f"versi-{n.pk}": n.versi}, **JSON)
    assert r.json()["ok"] is True
    n.refresh_from_db()
    assert (n.status, n.catatan_reviu) == ("dikembalikan", "Lampirkan SK tim")


def test_queue_actions_are_refused_while_the_year_is_with_the_ketua(
    diajukan, sekretaris, lampiran_bernilai, masuk
):
    TahunKinerja.objects.filter(satker=lampiran_bernilai.satker, tahun=2023).update(
        status="diajukan"
    )
    n = diajukan.first()
    r = _verifikasi(masuk(sekretaris), n, **JSON)
    assert r.status_code == 409 and "sudah diajukan kepada Ketua" in r.json()["pesan"]
    n.refresh_from_db()
    assert n.status == "diajukan"


def test_another_satkers_sekretaris_cannot_act_on_these_entries(
    diajukan, buat_pengguna, satker_lain, masuk
):
    luar = buat_pengguna("sek-luar", "Sekretaris", satker_lain)
    n = diajukan.first()
    client = masuk(luar)
    assert _verifikasi(client, n, **JSON).status_code == 404
    url = reverse("antrean_kembalikan_nilai", args=[n.pk])
    assert client.post(url, {"catatan": "x", f"versi-{n.pk}": n.versi}).status_code == 404
    n.refresh_from_db()
    assert n.status == "diajukan"


def test_without_script_the_queue_comes_back_with_its_filters_at_the_next_row(
    diajukan, sekretaris, masuk
):
    pertama, kedua = list(diajukan[:2])
    kegiatan = pertama.indikator.sasaran.kegiatan_id
    r = masuk(sekretaris).post(
        reverse("antrean_verifikasi_nilai"),
        {
            "pilih": pertama.pk,
            f"versi-{pertama.pk}": pertama.versi,
            "berikut": kedua.pk,
            "kegiatan": kegiatan,
        },
    )
    assert r.status_code == 302
    assert r.url == f"{reverse('antrean')}?kegiatan={kegiatan}#a{kedua.pk}"


def test_verifying_every_row_shown_asks_first(diajukan, sekretaris, masuk):
    client = masuk(sekretaris)
    data = {"semua": "1", "pilih": [n.pk for n in diajukan[:3]]}
    data.update({f"versi-{n.pk}": n.versi for n in diajukan[:3]})
    r = client.post(reverse("antrean_verifikasi_nilai"), data)
    assert r.status_code == 200 and "Ya, verifikasi semua" in r.content.decode()
    assert not NilaiIndikator.objects.filter(status="diverifikasi").exists()
    r = client.post(reverse("antrean_verifikasi_nilai"), {**data, "konfirmasi": "1"})
    assert r.status_code == 302
    assert NilaiIndikator.objects.filter(status="diverifikasi").count() == 3
