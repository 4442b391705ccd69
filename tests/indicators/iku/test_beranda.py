import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indikator, NilaiIndikator, SkalaKategori


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_every_indicator_with_its_numbers_for_the_chosen_year(
    masuk, operator, lampiran_bernilai
):
    response = masuk(operator).get("/?tahun=2023")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="baris-indikator"') == 71
    assert "Indikator Kinerja Utama 2023" in html
    assert "Komisi Pemilihan Umum Kabupaten Mesuji" in html
    nilai = NilaiIndikator.objects.get(indikator__kode="1.1.1.1", tahun=2023)
    nilai.target, nilai.realisasi = Decimal("80"), Decimal("68.4")
    nilai.save()
    html = masuk(operator).get("/?tahun=2023").content.decode()
    assert "68,4" in html and "85,50%" in html and "Baik" in html


def test_it_defaults_to_the_latest_year_with_realisations(masuk, ketua, lampiran_bernilai):
    response = masuk(ketua).get("/")
    assert response.context["tahun"] == 2024


def test_a_year_outside_the_period_is_not_found(masuk, operator, lampiran):
    assert masuk(operator).get("/?tahun=2019").status_code == 404
    assert masuk(operator).get("/?tahun=dua").status_code == 404


def test_missing_values_show_as_a_dash_not_zero(masuk, operator, lampiran):
    html = masuk(operator).get("/?tahun=2022").content.decode()
    assert "—" in html
    assert "0,00%" not in html


def test_the_page_runs_a_fixed_number_of_queries(masuk, operator, lampiran_bernilai):
    client = masuk(operator)
    cache.clear()
    with CaptureQueriesContext(connection) as sedikit:
        client.get("/?tahun=2023")
    NilaiIndikator.objects.filter(tahun=2023).delete()
    cache.clear()  # count the queries of the computed table, not of the cached one
    with CaptureQueriesContext(connection) as kosong:
        client.get("/?tahun=2023")
    # The year chooser's periods; the menu's count of empty period entries
    # (on an empty cache its catalogue fingerprint is read before and after).
    assert len(sedikit) == len(kosong) <= 17


def test_a_user_without_satker_is_refused_politely(masuk, buat_pengguna, lampiran):
    user = buat_pengguna("tanpa-satker", "Operator", None)
    response = masuk(user).get("/")
    assert response.status_code == 403


@pytest.mark.parametrize("ada_contoh", [True, False])
def test_every_page_shows_the_demo_banner_while_demo_data_exists(
    client, masuk, operator, mesuji, ada_contoh
):
    mesuji.data_contoh = ada_contoh
    mesuji.save()
    for url in ["/accounts/login/", "/"]:
        c = masuk(operator) if url == "/" else client
        html = c.get(url).content.decode()
        assert ("Data contoh" in html) is ada_contoh, url


def test_the_category_colours_come_from_the_scale(client, db):
    css = client.get("/kategori.css").content.decode()
    assert "#15803d" in css


def test_every_category_badge_reads_at_wcag_aa_contrast_whatever_its_colour(client, db):
    from indicators.models import kontras

    SkalaKategori.objects.filter(nama="Cukup").update(warna="#ca8a04")  # was 2,93:1 with white
    SkalaKategori.objects.filter(nama="Kurang").update(warna="#777777")  # mid grey: the worst
    css = client.get("/kategori.css").content.decode()
    aturan = dict(re.findall(r"\.kategori-\d+\{background:(#\w+);color:(#\w+)\}", css))
    assert len(aturan) == SkalaKategori.objects.count()
    for latar, teks in aturan.items():
        assert kontras(latar, teks) >= 4.5, (latar, teks)
    assert aturan["#ca8a04"] == "#000"


def test_the_table_is_served_again_until_any_of_its_data_changes(
    masuk, operator, lampiran_bernilai
):
    client = masuk(operator)
    with CaptureQueriesContext(connection) as dihitung:
        pertama = client.get("/?tahun=2023").content.decode()
    with CaptureQueriesContext(connection) as tersimpan:
        assert client.get("/?tahun=2023").content.decode().count('class="baris-indikator"') == 71
    assert len(tersimpan) < len(dihitung)
    # Writes that send no signals and call no save(): the page still shows them.
    Indikator.objects.filter(kode="1.1.1.1").update(nama="Nama yang diganti lewat update()")
    assert "Nama yang diganti lewat update()" in client.get("/?tahun=2023").content.decode()
    NilaiIndikator.objects.filter(tahun=2023, triwulan=0).update(target=100, realisasi=12)
    assert "12,00%" in client.get("/?tahun=2023").content.decode()
    assert "12,00%" not in pertama
    SkalaKategori.objects.filter(batas_bawah=0).update(nama="Jauh di bawah target")
    assert "Jauh di bawah target" in client.get("/?tahun=2023").content.decode()
