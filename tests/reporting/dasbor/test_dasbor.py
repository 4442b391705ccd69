import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from indicators import sidik
from indicators.angka import persen
from indicators.capaian import hitung_capaian
from indicators.demo import isi_nilai, salin_iku
from indicators.models import (
    BuktiDukung,
    Kegiatan,
    NilaiIndikator,
    Program,
    Satker,
    SkalaKategori,
    StatusReviu,
    StatusTahun,
    TahunKinerja,
)
from reporting.dasbor import views


@pytest.fixture(autouse=True)
def media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _rata_rata_capaian(tahun: int) -> Decimal:
    daftar = [
        hitung_capaian(n.target, n.realisasi, n.indikator.polaritas, n.indikator.rumus_negatif)
        for n in NilaiIndikator.objects.filter(tahun=tahun, triwulan=0).select_related("indikator")
    ]
    daftar = [c for c in daftar if c is not None]
    return sum(daftar) / len(daftar)


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get("/dasbor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["ketua", "sekretaris", "operator", "admin_user"])
def test_every_role_of_the_satker_may_open_it(request, masuk, lampiran_bernilai, persona):
    user = request.getfixturevalue(persona)
    assert masuk(user).get("/dasbor/?tahun=2023").status_code == 200


def test_the_ketua_lands_on_the_dashboard_after_login(client, ketua):
    response = client.post("/accounts/login/", {"username": "ketua", "password": "kpu-mesuji-demo"})
    assert response.status_code == 302
    assert response["Location"] == "/dasbor/"


def test_it_shows_the_tiles_with_the_capaian_of_the_year(masuk, ketua, lampiran_bernilai):
    response = masuk(ketua).get("/dasbor/?tahun=2023")
    html = response.content.decode()
    r = response.context["r"]
    assert r.jumlah_indikator == 71
    assert r.jumlah_realisasi == 71
    assert r.capaian == _rata_rata_capaian(2023)
    assert persen(r.capaian) in html
    assert "Dasbor Kinerja 2023" in html
    assert sum(jumlah for _, jumlah in r.per_kategori) + r.tanpa_capaian == 71
    for kategori, jumlah in r.per_kategori:
        assert re.search(rf">{kategori.nama}</span> <strong>{jumlah}</strong>", html)


def test_it_opens_on_the_year_every_page_opens_on(masuk, ketua, lampiran_bernilai):
    assert masuk(ketua).get("/dasbor/").context["tahun"] == lampiran_bernilai.tahun_bawaan()


@pytest.mark.parametrize(
    ("hari_ini", "tahun"),
    [(date(2022, 6, 1), 2022), (date(2026, 12, 2), 2024), (date(2019, 1, 1), 2020)],
)
def test_the_default_year_is_this_year_within_the_period_else_the_nearest(
    lampiran, hari_ini, tahun
):
    assert lampiran.tahun_bawaan(hari_ini) == tahun


def test_a_year_outside_the_period_or_a_bad_parameter_is_not_found(masuk, ketua, lampiran):
    client = masuk(ketua)
    assert client.get("/dasbor/?tahun=2019").status_code == 404
    assert client.get("/dasbor/?tahun=dua").status_code == 404
    assert client.get("/dasbor/?tahun=2023&program=x").status_code == 404


def test_charts_are_server_rendered_svg_with_written_categories(masuk, ketua, lampiran_bernilai):
    html = masuk(ketua).get("/dasbor/?tahun=2023").content.decode()
    assert html.count("<svg") == 4
    assert "Sangat Baik" in re.search(r"<svg.*?</svg>", html, re.S).group(0)
    # No script draws anything; the only one is the Cetak button's.
    assert re.findall(r'<script src="([^"]+)"', html) == [
        re.search(r"/static/js/cetak[.\w]*\.js", html).group(0)
    ]
    assert html.count("<script") == 1 and " style=" not in html and "<style" not in html
    assert html.count('class="tabel-alternatif') == 3


def test_a_program_bar_leads_to_its_kegiatan_and_a_kegiatan_to_its_indicators(
    masuk, ketua, lampiran_bernilai
):
    client = masuk(ketua)
    program = Program.objects.get(penetapan=lampiran_bernilai, kode="2")
    html = client.get("/dasbor/?tahun=2023").content.decode()
    assert f'href="/dasbor/?tahun=2023&amp;program={program.pk}#rincian"' in html

    response = client.get(f"/dasbor/?tahun=2023&program={program.pk}")
    kegiatan = list(Kegiatan.objects.filter(program=program))
    assert [k.objek.pk for k in response.context["program_pilih"].anak] == [k.pk for k in kegiatan]
    html = response.content.decode()
    assert f"program={program.pk}" in html and f"kegiatan={kegiatan[0].pk}" in html

    response = client.get(f"/dasbor/?tahun=2023&kegiatan={kegiatan[0].pk}")
    html = response.content.decode()
    indikator = NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan=kegiatan[0], tahun=2023
    ).select_related("indikator")
    for nilai in indikator:
        assert f'href="/indikator/{nilai.indikator_id}/?tahun=2023"' in html
        assert persen(nilai.capaian) in html


def test_another_satkers_program_is_not_found(masuk, ketua, lampiran_bernilai, satker_lain):
    salinan = salin_iku(lampiran_bernilai, satker_lain)
    program = Program.objects.filter(penetapan=salinan).first()
    assert masuk(ketua).get(f"/dasbor/?tahun=2023&program={program.pk}").status_code == 404


def test_a_user_of_a_satker_without_iku_gets_not_found(masuk, orang_luar, lampiran_bernilai):
    assert masuk(orang_luar).get("/dasbor/").status_code == 404


def test_only_superusers_choose_the_satker(masuk, ketua, buat_pengguna, lampiran_bernilai):
    lain = Satker.objects.create(kode="9001", nama="KPU Contoh", tingkat="kabkota")
    isi_nilai(salin_iku(lampiran_bernilai, lain), tahun_realisasi_penuh=2022, sebagian=None)
    html = masuk(ketua).get("/dasbor/?tahun=2023&satker=9001").content.decode()
    assert 'name="satker"' not in html and "Kabupaten Mesuji" in html

    pusat = buat_pengguna("pusat", None, None, is_superuser=True)
    response = masuk(pusat).get("/dasbor/?tahun=2023&satker=9001")
    html = response.content.decode()
    assert 'name="satker"' in html
    assert response.context["satker"] == lain
    assert response.context["r"].jumlah_realisasi == 0  # 2023 not filled for the copy
    assert "satker=9001" in html  # drill links keep the chosen satker


def test_the_attention_list_links_to_where_to_act(masuk, ketua, operator, lampiran_bernilai):
    nilai = {
        n.indikator.kode: n
        for n in NilaiIndikator.objects.filter(tahun=2023).select_related("indikator")
    }
    kurang, kosong, kembali, berbukti = (
        nilai["1.1.1.1"],
        nilai["1.1.2.1"],
        nilai["1.2.1.1"],
        nilai["1.3.1.1"],
    )
    kurang.target, kurang.realisasi = Decimal(100), Decimal(40)
    kurang.save()
    kosong.realisasi = None
    kosong.save()
    kembali.status = StatusReviu.DIKEMBALIKAN
    kembali.save()
    BuktiDukung.objects.create(
        nilai=berbukti,
        berkas=SimpleUploadedFile("sk.pdf", b"%PDF-1.4 contoh"),
        nama_asli="sk.pdf",
        jenis="application/pdf",
        ukuran=15,
        diunggah_oleh=operator,
    )
    response = masuk(ketua).get("/dasbor/?tahun=2023")
    p = response.context["r"].perhatian
    pk = kurang.indikator_id
    assert pk in [b.indikator.pk for b in p.kurang]
    assert [b.indikator.pk for b in p.tanpa_realisasi] == [kosong.indikator_id]
    assert [b.indikator.pk for b in p.dikembalikan] == [kembali.indikator_id]
    tanpa_bukti = {b.indikator.pk for b in p.tanpa_bukti}
    assert berbukti.indikator_id not in tanpa_bukti and len(tanpa_bukti) == 69
    html = response.content.decode()
    assert f'href="/indikator/{pk}/?tahun=2023"' in html
    assert f'href="/realisasi/2023/#i{kosong.indikator_id}"' in html
    assert f'href="/realisasi/2023/#i{kembali.indikator_id}"' in html
    assert "Dikembalikan dan belum diperbaiki" in html


def test_the_review_state_of_the_year_is_shown(masuk, ketua, lampiran_bernilai, mesuji):
    TahunKinerja.objects.create(satker=mesuji, tahun=2023, status=StatusTahun.DISETUJUI)
    NilaiIndikator.objects.filter(tahun=2023).update(status=StatusReviu.DIVERIFIKASI)
    response = masuk(ketua).get("/dasbor/?tahun=2023")
    html = response.content.decode()
    assert "Disetujui (terkunci)" in html
    assert ("diverifikasi", "Diverifikasi", 71) in response.context["r"].status_nilai


def test_opening_the_dashboard_writes_nothing(masuk, ketua, lampiran_bernilai):
    masuk(ketua).get("/dasbor/?tahun=2022")
    assert not TahunKinerja.objects.exists()


def test_the_trend_covers_every_year_of_the_period(masuk, ketua, lampiran_bernilai):
    r = masuk(ketua).get("/dasbor/?tahun=2023").context["r"]
    assert [t.tahun for t in r.tren] == [2020, 2021, 2022, 2023, 2024]
    assert r.tren[3].capaian == _rata_rata_capaian(2023)
    assert r.tren[3].ada_realisasi == 71 and 0 < r.tren[4].ada_realisasi < 71


def test_it_runs_a_fixed_number_of_queries_whatever_the_size(masuk, ketua, lampiran_bernilai):
    client = masuk(ketua)

    def kueri(url: str) -> tuple[int, int]:
        """Queries of a freshly computed page, and of the same page served again."""
        cache.clear()
        sidik.lupakan_snapshot()
        with CaptureQueriesContext(connection) as dihitung:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as tersimpan:
            assert client.get(url).status_code == 200
        return len(dihitung), len(tersimpan)

    kecil = kueri("/dasbor/?tahun=2023")
    for nomor in range(3):
        satker = Satker.objects.create(
            kode=f"90{nomor:02d}", nama=f"KPU Contoh {nomor}", tingkat="kabkota"
        )
        isi_nilai(salin_iku(lampiran_bernilai, satker), tahun_realisasi_penuh=2024, sebagian=None)
    program = Program.objects.filter(penetapan=lampiran_bernilai).first()
    kegiatan = Kegiatan.objects.filter(program=program).first()
    besar = kueri("/dasbor/?tahun=2023")
    rinci = kueri(f"/dasbor/?tahun=2023&kegiatan={kegiatan.pk}")
    # Computed: session, user, decree, snapshot + fingerprint, the decree again,
    # its indicators, values, scale, evidence, year states, snapshot + fingerprint
    # again, the satker's periods (the year chooser), the satker's data flag.
    # Served again: session, user, decree, snapshot + fingerprint, the periods,
    # the flag.
    # (This test's transaction has written, so the snapshot memo never spares a
    # fingerprint here.)
    # Both also read, outside the cache, the satker's submitted or reopened years
    # (what awaits the user at the top).
    # Plus, computed, the quarter block: period values, Rencana Aksi and their steps.
    # The menu's count of empty period entries (none here): the satker's
    # catalogue fingerprint, and when computed its indicators and the
    # fingerprint again.
    assert kecil == besar == rinci == (23, 10)  # the role check reads the user's groups once


def test_an_unchanged_dashboard_is_served_without_computing_it_again(
    masuk, ketua, lampiran_bernilai, monkeypatch
):
    dihitung = []
    asli = views._render_isi_dasbor
    monkeypatch.setattr(
        views, "_render_isi_dasbor", lambda *a, **k: dihitung.append(a[1]) or asli(*a, **k)
    )
    client = masuk(ketua)

    def isi(url: str) -> str:  # the page without the header (its CSRF token differs)
        return re.search(r"<main.*</main>", client.get(url).content.decode(), re.S).group(0)

    assert isi("/dasbor/?tahun=2023") == isi("/dasbor/?tahun=2023")
    assert client.get("/dasbor/").context["tahun"] == 2024
    assert client.get("/dasbor/").context["tahun"] == 2024
    assert dihitung == [2023, None]


def _ubah_tanpa_save(lampiran_bernilai, mesuji, operator) -> dict:
    """Changes made with QuerySet.update() and bulk writes (no save(), no signals),
    each returning the text it makes appear on /dasbor/?tahun=2023 (for "bukti":
    disappear)."""
    nilai = NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=lampiran_bernilai, tahun=2023
    ).select_related("indikator__sasaran__kegiatan__program")
    satu = nilai.get(indikator__kode="1.1.1.1")

    def realisasi():
        NilaiIndikator.objects.filter(tahun=2023, triwulan=0).update(
            target=Decimal(100), realisasi=Decimal("12.34")
        )
        return "12,34%"

    def nama_program():
        Program.objects.filter(pk=satu.indikator.sasaran.kegiatan.program_id).update(
            nama="Program Yang Baru Saja Diganti"
        )
        return "Program Yang Baru Saja Diganti"

    def nama_kegiatan():
        Kegiatan.objects.filter(pk=satu.indikator.sasaran.kegiatan_id).update(
            nama="Kegiatan Yang Baru Saja Diganti"
        )
        return "Kegiatan Yang Baru Saja Diganti"

    def status_nilai():
        NilaiIndikator.objects.filter(pk=satu.pk).update(status=StatusReviu.DIKEMBALIKAN)
        return "Dikembalikan dan belum diperbaiki"

    def status_tahun():
        TahunKinerja.objects.create(satker=mesuji, tahun=2023, status=StatusTahun.DISETUJUI)
        return "Disetujui (terkunci)"

    def skala():
        SkalaKategori.objects.filter(nama="Sangat Baik").update(nama="Istimewa Sekali")
        return "Istimewa Sekali"

    def bukti():
        NilaiIndikator.objects.filter(tahun=2023, triwulan=0).update(status=StatusReviu.DRAF)
        BuktiDukung.objects.bulk_create(
            BuktiDukung(
                nilai=n,
                berkas=f"bukti/{n.pk}.pdf",
                nama_asli="sk.pdf",
                jenis="application/pdf",
                ukuran=15,
                diunggah_oleh=operator,
            )
            for n in nilai
        )
        return "Realisasi tanpa bukti dukung"

    return {
        "realisasi": realisasi,
        "nama_program": nama_program,
        "nama_kegiatan": nama_kegiatan,
        "status_nilai": status_nilai,
        "status_tahun": status_tahun,
        "skala": skala,
        "bukti": bukti,
    }


@pytest.mark.parametrize(
    "perubahan",
    [
        "realisasi",
        "nama_program",
        "nama_kegiatan",
        "status_nilai",
        "status_tahun",
        "skala",
        "bukti",
    ],
)
def test_any_change_to_the_data_shows_at_once_however_it_was_written(
    masuk, ketua, operator, lampiran_bernilai, mesuji, perubahan
):
    client = masuk(ketua)
    sebelum = client.get("/dasbor/?tahun=2023").content.decode()  # cached now
    ubah = _ubah_tanpa_save(lampiran_bernilai, mesuji, operator)[perubahan]
    with transaction.atomic():
        teks = ubah()
    sesudah = client.get("/dasbor/?tahun=2023").content.decode()
    if perubahan == "bukti":
        assert teks in sebelum and teks not in sesudah
    else:
        assert teks not in sebelum and teks in sesudah


def test_the_program_and_kegiatan_charts_share_one_scale(masuk, ketua, lampiran_bernilai):
    NilaiIndikator.objects.filter(
        tahun=2023, triwulan=0, indikator__sasaran__kegiatan__kode="1.1"
    ).update(target=100, realisasi=150)
    html = masuk(ketua).get("/dasbor/?tahun=2023").content.decode()
    program, kegiatan = re.findall(
        r'<svg[^>]*aria-label="Rata-rata capaian per (?:Program|Kegiatan)[^"]*".*?</svg>',
        html,
        re.S,
    )
    sumbu = [re.findall(r'fill="#6b7280">([^<]*%)</text>', g) for g in (program, kegiatan)]
    assert sumbu[0] == sumbu[1] and sumbu[0][-1] == "150%"
