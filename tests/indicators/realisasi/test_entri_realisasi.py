from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.angka import baca_angka
from indicators.models import Indikator, Konflik, NilaiIndikator, TahunKinerja, TahunTerkunci

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [("85,5", "85.5"), ("1.250", "1250"), ("1.250,75", "1250.75"), ("100", "100"), ("", None)],
)
def test_it_reads_indonesian_numbers(teks, hasil):
    assert baca_angka(teks) == (Decimal(hasil) if hasil else None)


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("-5", "negatif"),
        ("abc", "Bukan angka"),
        ("85.5", "koma untuk desimal"),
        ("1,23456", "4 angka"),
        ("123456789012345", "terlalu besar"),
        ("90 5", "satu angka"),
        ("90,5\n22\n6", "satu angka"),
        ("1.250\t7", "satu angka"),
    ],
)
def test_it_rejects_bad_numbers_in_indonesian(teks, pesan):
    with pytest.raises(ValueError, match=pesan):
        baca_angka(teks)


def _nilai(lampiran, kode, tahun=2023):
    return NilaiIndikator.objects.get(
        indikator__kode=kode, indikator__sasaran__kegiatan__program__penetapan=lampiran, tahun=tahun
    )


def _data(client, tahun=2023):
    """The grid's form as the page renders it: every input with its value."""
    r = client.get(reverse("realisasi", args=[tahun]))
    assert r.status_code == 200
    data = {}
    for b in r.context["hierarki"]:
        for k in b["kegiatan"]:
            for s in k["sasaran"]:
                for i in s["indikator"]:
                    b_ = i.baris
                    if b_.boleh_ubah:
                        p = f"r{i.pk}-"
                        data[p + "realisasi"] = b_.realisasi_teks
                        data[p + "versi"] = "" if b_.versi is None else str(b_.versi)
                        data[p + "analisis"] = b_.analisis
                        data[p + "kendala"] = b_.kendala
                        data[p + "tindak_lanjut"] = b_.tindak_lanjut
                        data[p + "asal"] = b_.asal
    return data


def test_the_grid_shows_all_71_indicators_with_inputs_for_the_operator(
    lampiran_bernilai, operator, masuk
):
    r = masuk(operator).get(reverse("realisasi", args=[2023]))
    assert r.content.decode().count('class="input-realisasi"') == 71
    assert r.context["jumlah_indikator"] == 71


def test_the_ketua_sees_the_grid_read_only(lampiran_bernilai, ketua, masuk):
    client = masuk(ketua)
    r = client.get(reverse("realisasi", args=[2023]))
    assert r.status_code == 200
    assert 'class="input-realisasi"' not in r.content.decode()
    assert client.post(reverse("realisasi", args=[2023]), {}).status_code == 403


def test_a_year_outside_the_period_is_a_404(lampiran_bernilai, operator, masuk):
    assert masuk(operator).get(reverse("realisasi", args=[2019])).status_code == 404


def test_the_default_url_redirects_to_a_year(lampiran_bernilai, operator, masuk):
    r = masuk(operator).get(reverse("realisasi_bawaan"))
    assert r.status_code == 302
    assert r.url.startswith("/realisasi/20")


def test_it_saves_the_whole_page_in_one_request(lampiran_bernilai, operator, masuk):
    client = masuk(operator)
    data = _data(client)
    n = _nilai(lampiran_bernilai, "1.1.1.1")
    data[f"r{n.indikator_id}-realisasi"] = "85,5"
    data[f"r{n.indikator_id}-kendala"] = "Anggaran pelatihan terbatas"
    r = client.post(reverse("realisasi", args=[2023]), data)
    assert r.status_code == 302
    n.refresh_from_db()
    assert n.realisasi == Decimal("85.5")
    assert n.kendala == "Anggaran pelatihan terbatas"
    assert n.versi == 1
    assert n.diubah_oleh == operator
    assert n.history.count() == 1  # the audit trail has the change
    assert n.history.first().history_user == operator


def test_bad_input_saves_nothing_and_keeps_every_input(lampiran_bernilai, operator, masuk):
    client = masuk(operator)
    data = _data(client)
    baik = _nilai(lampiran_bernilai, "1.1.1.1")
    buruk = _nilai(lampiran_bernilai, "1.1.2.1")
    panjang = _nilai(lampiran_bernilai, "1.1.2.2")
    data[f"r{baik.indikator_id}-realisasi"] = "77,7"
    data[f"r{buruk.indikator_id}-realisasi"] = "-3"
    data[f"r{panjang.indikator_id}-analisis"] = "x" * 5001
    r = client.post(reverse("realisasi", args=[2023]), data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "Tidak boleh negatif." in html
    assert "Analisis terlalu panjang" in html
    assert 'value="77,7"' in html and 'value="-3"' in html
    baik.refresh_from_db()
    assert baik.realisasi != Decimal("77.7")
    assert baik.versi == 0


def test_a_result_above_target_needs_an_analisis(lampiran_bernilai, operator, masuk):
    client = masuk(operator)
    data = _data(client)
    n = _nilai(lampiran_bernilai, "1.1.1.1")
    data[f"r{n.indikator_id}-realisasi"] = tulis = str(n.target * 2).replace(".", ",")
    data[f"r{n.indikator_id}-analisis"] = ""
    r = client.post(reverse("realisasi", args=[2023]), data)
    assert r.status_code == 400
    assert "jelaskan di analisis" in r.content.decode()
    data[f"r{n.indikator_id}-analisis"] = "Pelatihan tambahan dari provinsi."
    data[f"r{n.indikator_id}-yakin"] = "1"  # twice the target: confirmed as right
    assert client.post(reverse("realisasi", args=[2023]), data).status_code == 302
    n.refresh_from_db()
    assert n.realisasi == baca_angka(tulis)


def test_a_stale_save_is_refused_naming_the_indicator_and_keeps_the_inputs(
    lampiran_bernilai, operator, buat_pengguna, mesuji, masuk, client
):
    data = _data(masuk(operator))
    n = _nilai(lampiran_bernilai, "1.1.1.1")
    lain = _nilai(lampiran_bernilai, "1.1.2.1")
    # Someone else saves the same row first.
    rekan = buat_pengguna("rekan", "Operator", mesuji)
    client.force_login(rekan)
    data_rekan = _data(client)
    data_rekan[f"r{n.indikator_id}-realisasi"] = "50"
    assert client.post(reverse("realisasi", args=[2023]), data_rekan).status_code == 302
    client.force_login(operator)
    data[f"r{n.indikator_id}-realisasi"] = "60"
    data[f"r{lain.indikator_id}-realisasi"] = "3"
    r = client.post(reverse("realisasi", args=[2023]), data)
    assert r.status_code == 409
    html = r.content.decode()
    assert "telah diubah orang lain" in html and "1.1.1.1" in html
    assert 'value="60"' in html
    n.refresh_from_db()
    lain.refresh_from_db()
    assert n.realisasi == Decimal(50)
    assert lain.realisasi != Decimal(3)  # nothing half-saved


def test_rows_someone_else_changed_but_i_did_not_touch_are_not_a_conflict(
    lampiran_bernilai, operator, buat_pengguna, mesuji, masuk, client
):
    data = _data(masuk(operator))
    n = _nilai(lampiran_bernilai, "1.1.1.1")
    lain = _nilai(lampiran_bernilai, "1.1.2.1")
    rekan = buat_pengguna("rekan", "Operator", mesuji)
    client.force_login(rekan)
    d2 = _data(client)
    d2[f"r{n.indikator_id}-realisasi"] = "50"
    client.post(reverse("realisasi", args=[2023]), d2)
    d2 = _data(client)  # the colleague saves the same row a second time
    d2[f"r{n.indikator_id}-realisasi"] = "51"
    client.post(reverse("realisasi", args=[2023]), d2)
    client.force_login(operator)
    data[f"r{lain.indikator_id}-realisasi"] = "3"
    assert client.post(reverse("realisasi", args=[2023]), data).status_code == 302
    n.refresh_from_db()
    lain.refresh_from_db()
    assert n.realisasi == Decimal(51)
    assert lain.realisasi == Decimal(3)


def test_a_row_i_did_not_touch_is_not_validated_against_someone_elses_newer_value(
    lampiran_bernilai, operator, buat_pengguna, mesuji, masuk, client
):
    # My form shows 1.1.1.1 above its target with no analisis (stored that way);
    # a colleague lowers it meanwhile. My save of another row must not be refused
    # for "above target, explain it" on a row I never touched.
    n = _nilai(lampiran_bernilai, "1.1.1.1")
    n.target, n.realisasi, n.analisis = Decimal(80), Decimal(90), ""
    n.save()
    lain = _nilai(lampiran_bernilai, "1.1.2.1")
    data = _data(masuk(operator))
    rekan = buat_pengguna("rekan", "Operator", mesuji)
    client.force_login(rekan)
    d2 = _data(client)
    d2[f"r{n.indikator_id}-realisasi"] = "70"
    assert client.post(reverse("realisasi", args=[2023]), d2).status_code == 302
    client.force_login(operator)
    data[f"r{lain.indikator_id}-realisasi"] = "3"
    assert client.post(reverse("realisasi", args=[2023]), data).status_code == 302
    n.refresh_from_db()
    lain.refresh_from_db()
    assert (n.realisasi, lain.realisasi) == (Decimal(70), Decimal(3))


def test_operators_with_a_unit_edit_only_their_units_indicators(
    lampiran_bernilai, buat_pengguna, mesuji, masuk
):
    from indicators.demo import isi_unit_kerja

    isi_unit_kerja(lampiran_bernilai)
    satu = Indikator.objects.dari_penetapan(lampiran_bernilai).first()
    op = buat_pengguna("op-unit", "Operator", mesuji, unit_kerja=satu.penanggung_jawab)
    r = masuk(op).get(reverse("realisasi", args=[2023]))
    jumlah_unit = Indikator.objects.dari_penetapan(lampiran_bernilai).filter(
        penanggung_jawab=satu.penanggung_jawab
    )
    assert r.content.decode().count('class="input-realisasi"') == jumlah_unit.count() < 71


def test_a_locked_year_refuses_every_save(lampiran_bernilai, operator, masuk):
    from indicators.realisasi.services import BarisRealisasi, nilai_simpan_realisasi

    TahunKinerja.objects.create(satker=lampiran_bernilai.satker, tahun=2023, status="disetujui")
    n = _nilai(lampiran_bernilai, "1.1.1.1")
    baris = BarisRealisasi(
        indikator=n.indikator, nilai=n, boleh_ubah=True, realisasi=Decimal(1), versi=0
    )
    with pytest.raises(TahunTerkunci):
        nilai_simpan_realisasi(
            satker=lampiran_bernilai.satker, tahun=2023, pengguna=operator, baris=[baris]
        )
    client = masuk(operator)
    r = client.get(reverse("realisasi", args=[2023]))
    assert 'class="input-realisasi"' not in r.content.decode()
    r = client.post(
        reverse("realisasi", args=[2023]),
        {f"r{n.indikator_id}-realisasi": "1", f"r{n.indikator_id}-versi": "0"},
    )
    assert "terkunci" in r.content.decode()
    n.refresh_from_db()
    assert n.realisasi != Decimal(1)


def test_konflik_names_the_indicators():
    class Ind:
        kode, nama = "1.2.3.4", "Jumlah laporan"

    assert "1.2.3.4 Jumlah laporan" in str(Konflik([Ind()]))


def _potong(lampiran, sisa: int) -> None:
    hapus = list(Indikator.objects.dari_penetapan(lampiran).values_list("pk", flat=True))[sisa:]
    Indikator.objects.filter(pk__in=hapus).delete()


@pytest.mark.parametrize("metode", ["get", "post"])
def test_the_grid_takes_a_fixed_number_of_queries_whatever_the_row_count(
    lampiran_bernilai, operator, masuk, metode
):
    client = masuk(operator)

    def hitung(isi: str):
        data = _data(client)
        for k in list(data):
            if k.endswith("-realisasi") and data[k]:
                data[k] = isi  # change every row: the worst case for a save
        with CaptureQueriesContext(connection) as q:
            if metode == "get":
                r = client.get(reverse("realisasi", args=[2023]))
                assert r.status_code == 200
            else:
                r = client.post(reverse("realisasi", args=[2023]), data)
                assert r.status_code == 302, r.content.decode()[:500]
        return len(q.captured_queries)

    hitung("2")  # the first save also creates the year's TahunKinerja row
    besar = hitung("1")
    _potong(lampiran_bernilai, 5)
    kecil = hitung("2")
    assert besar == kecil


def test_the_capaian_endpoint_gives_the_servers_computation(lampiran_bernilai, operator, masuk):
    n = _nilai(lampiran_bernilai, "1.1.1.1")
    url = reverse("realisasi_capaian", args=[2023])
    client = masuk(operator)
    d = client.get(url, {"indikator": n.indikator_id, "realisasi": "85,5"}).json()
    assert d["capaian"] == "85,50%" if n.target == 100 else d["capaian"].endswith("%")
    assert d["kategori"] and d["kelas"].startswith("kategori-")
    assert client.get(url, {"indikator": n.indikator_id, "realisasi": "-1"}).json()["galat"]
    assert client.get(url, {"indikator": 0, "realisasi": "1"}).status_code == 404
