"""The report narrative: drafted from data, edited by the Sekretaris, always escaped."""

from decimal import Decimal

import pytest

from indicators.models import NarasiLaporan, NilaiIndikator, StatusTahun, TahunKinerja
from reporting.laporan import narasi, pdf
from reporting.laporan.selectors import susun_laporan

URL = "/laporan/2023/narasi/"


def test_the_drafts_are_written_from_the_data(lampiran_bernilai):
    laporan = susun_laporan(lampiran_bernilai, 2023, grafik_sasaran=False)
    ringkasan = narasi.draf(NarasiLaporan.Bagian.RINGKASAN, laporan)
    assert ringkasan.startswith("Dari 71 indikator kinerja, ")
    n = sum(1 for b in laporan.baris if b.kategori and b.kategori.nama == "Sangat Baik")
    persen = f"{Decimal(n) * 100 / 71:.1f}".replace(".", ",")
    assert f"{n} ({persen}%) berkategori Sangat Baik" in ringkasan
    assert "Sasaran dengan capaian tertinggi adalah" in ringkasan
    assert "tahun 2022 (" in ringkasan  # the trend against last year
    blok = laporan.sasaran[0]
    catatan = narasi.draf_sasaran(blok, laporan)
    assert f"Sasaran ini diukur dengan {len(blok.baris)} indikator" in catatan


def test_missing_values_are_counted_as_not_yet_measurable(lampiran_bernilai):
    NilaiIndikator.objects.filter(tahun=2023, indikator__kode="1.1.1.1").update(realisasi=None)
    laporan = susun_laporan(lampiran_bernilai, 2023, grafik_sasaran=False)
    assert "Sebanyak 1 indikator belum dapat diukur" in narasi.kalimat_sebaran(laporan)


def test_plain_text_becomes_escaped_paragraphs_and_lists():
    html = narasi.ke_html("Satu\nbaris <script>x</script>\n\n- a & b\n- <i>c</i>\nlagi")
    assert html == (
        "<p>Satu baris &lt;script&gt;x&lt;/script&gt;</p>"
        "<ul><li>a &amp; b</li><li>&lt;i&gt;c&lt;/i&gt;</li></ul><p>lagi</p>"
    )


def test_the_sekretaris_sees_the_drafts_and_saves_an_edit(masuk, sekretaris, lampiran_bernilai):
    client = masuk(sekretaris)
    html = client.get(URL).content.decode()
    assert "Dari 71 indikator kinerja" in html and "draf otomatis" in html
    response = client.post(
        URL,
        {"bagian-kata_pengantar": "Puji syukur <script>alert(1)</script>\n\n- satu"},
    )
    assert response.status_code == 302
    simpan = NarasiLaporan.objects.get(tahun=2023, bagian="kata_pengantar")
    assert simpan.isi.startswith("Puji syukur <script>") and simpan.diubah_oleh == sekretaris
    html = client.get(URL).content.decode()
    assert "Puji syukur &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    laporan_html = pdf.lakip_html(susun_laporan(lampiran_bernilai, 2023, grafik_sasaran=False))
    assert "<p>Puji syukur &lt;script&gt;alert(1)&lt;/script&gt;</p><ul><li>satu</li></ul>" in (
        laporan_html
    )


def test_a_section_left_as_drafted_or_emptied_is_not_stored(masuk, sekretaris, lampiran_bernilai):
    client = masuk(sekretaris)
    laporan = susun_laporan(lampiran_bernilai, 2023, grafik_sasaran=False)
    draf = narasi.draf(NarasiLaporan.Bagian.PENUTUP, laporan)
    blok = laporan.sasaran[0]
    client.post(
        URL,
        {
            "bagian-penutup": draf,
            "bagian-kata_pengantar": "",
            f"sasaran-{blok.sasaran.pk}": "Catatan khusus sasaran.",
        },
    )
    assert not NarasiLaporan.objects.filter(bagian__in=["penutup", "kata_pengantar"]).exists()
    catatan = NarasiLaporan.objects.get(bagian="sasaran", sasaran=blok.sasaran)
    assert catatan.isi == "Catatan khusus sasaran."
    halaman = client.get(URL)
    (b,) = [b for b in halaman.context["sasaran"] if b["nama"] == f"sasaran-{blok.sasaran.pk}"]
    client.post(
        URL, {b["nama"]: "", f"tampil-{b['nama']}": b["tampil"], f"asal-{b['nama']}": b["asal"]}
    )
    assert not NarasiLaporan.objects.filter(bagian="sasaran").exists()


@pytest.mark.parametrize("peran", ["operator", "ketua"])
def test_other_roles_read_but_may_not_write(request, masuk, peran, lampiran_bernilai):
    client = masuk(request.getfixturevalue(peran))
    html = client.get(URL).content.decode()
    assert "readonly" in html and "Simpan narasi" not in html
    assert client.post(URL, {"bagian-penutup": "x"}).status_code == 403
    assert not NarasiLaporan.objects.exists()


def test_an_approved_year_is_locked(masuk, sekretaris, lampiran_bernilai):
    TahunKinerja.objects.create(
        satker=lampiran_bernilai.satker, tahun=2023, status=StatusTahun.DISETUJUI
    )
    client = masuk(sekretaris)
    assert "terkunci" in client.get(URL).content.decode()
    assert client.post(URL, {"bagian-penutup": "x"}).status_code == 403
    assert not NarasiLaporan.objects.exists()


def test_a_draft_shown_before_the_data_changed_is_still_not_stored(
    masuk, sekretaris, lampiran_bernilai
):
    client = masuk(sekretaris)
    halaman = client.get(URL)
    bagian = next(b for b in halaman.context["bagian"] if b["nama"] == "bagian-ringkasan")
    NilaiIndikator.objects.filter(tahun=2023).update(realisasi=None)  # the draft now differs
    sidik = {"tampil-bagian-ringkasan": bagian["tampil"], "asal-bagian-ringkasan": bagian["asal"]}
    client.post(URL, {"bagian-ringkasan": bagian["isi"], **sidik})
    assert not NarasiLaporan.objects.exists()
    client.post(URL, {"bagian-ringkasan": bagian["isi"] + " Tambahan.", **sidik})
    assert NarasiLaporan.objects.get(bagian="ringkasan").isi.endswith("Tambahan.")


def test_each_section_saves_alone_and_comes_back_to_its_place(masuk, sekretaris, lampiran_bernilai):
    client = masuk(sekretaris)
    html = client.get(URL).content.decode()
    assert html.count('class="kartu bagian-narasi form-narasi"') == len(narasi.BAGIAN_UMUM)
    assert html.count("Simpan bagian ini") == len(narasi.BAGIAN_UMUM)
    response = client.post(URL, {"bagian-penutup": "Penutup baru."})
    assert response.status_code == 302 and response["Location"] == URL + "#bagian-penutup"
    assert list(NarasiLaporan.objects.values_list("bagian", "isi")) == [
        ("penutup", "Penutup baru.")
    ]
    halaman = client.get(response["Location"]).content.decode()
    assert "Penutup" in halaman and "disimpan." in halaman
