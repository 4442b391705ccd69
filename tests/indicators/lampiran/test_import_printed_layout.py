"""The Lampiran as offices type it (title rows, Program headings, merged or blank
"same as above" cells) imports into the decree's 3/9/44/71 structure."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from indicators.lampiran import baca_lampiran, import_lampiran
from indicators.models import (
    Indikator,
    Kegiatan,
    NilaiIndikator,
    PenetapanIKU,
    Program,
    RiwayatImpor,
    Sasaran,
    Satker,
)

from .lampiran_xlsx import (
    media_sementara,  # noqa: F401
    struktur_lampiran,
    tabel_sederhana,
    tulis_tercetak,
)

pytestmark = pytest.mark.django_db


def _struktur_db() -> list:
    hasil = []
    for p in Program.objects.order_by("urutan"):
        kegiatan = []
        for k in p.kegiatan.order_by("urutan"):
            sasaran = [
                (s.nama, [i.nama for i in s.indikator.order_by("urutan")])
                for s in k.sasaran.order_by("urutan")
            ]
            kegiatan.append((k.nama, sasaran))
        hasil.append((p.nama, kegiatan))
    return hasil


def _jumlah() -> tuple[int, int, int, int]:
    return tuple(m.objects.count() for m in (Program, Kegiatan, Sasaran, Indikator))


def _impor(tmp_path, data: bytes, *extra: str, nama: str = "lampiran.xlsx") -> str:
    from io import StringIO

    path = tmp_path / nama
    path.write_bytes(data)
    out = StringIO()
    call_command(
        "import_lampiran",
        str(path),
        "--satker",
        "1811",
        "--periode",
        "2020-2024",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_the_decrees_lampiran_typed_with_merged_cells_rebuilds_3_9_44_71(tmp_path):
    keluaran = _impor(tmp_path, tulis_tercetak(gabung=True))
    assert "Program: 3, Kegiatan: 9, Sasaran: 44, Indikator: 71, target tahunan: 0" in keluaran
    assert _jumlah() == (3, 9, 44, 71)
    assert _struktur_db() == struktur_lampiran()
    penetapan = PenetapanIKU.objects.get()
    assert (penetapan.satker.kode, penetapan.tahun_awal, penetapan.tahun_akhir) == (
        "1811",
        2020,
        2024,
    )
    kode = list(Indikator.objects.dengan_hierarki().values_list("kode", flat=True))
    assert kode[:3] == ["1.1.1.1", "1.1.2.1", "1.1.2.2"]


def test_blank_cells_below_mean_same_as_above_like_merged_ones(tmp_path):
    _impor(tmp_path, tulis_tercetak(gabung=False))
    assert _struktur_db() == struktur_lampiran()


def test_importing_the_same_file_twice_adds_and_changes_nothing(tmp_path):
    data = tulis_tercetak(tahun=(2020, 2021), nilai_target=lambda i, t: 80 + i % 7)
    _impor(tmp_path, data)
    sebelum = list(Indikator.objects.values_list("pk", "kode", "nama", "urutan"))
    nilai = list(NilaiIndikator.objects.values_list("pk", "target", "versi"))
    keluaran = _impor(tmp_path, data)
    assert "Indikator: 0 baru, 0 berubah, 71 tetap" in keluaran
    assert "Target tahunan: 0 baru, 0 berubah, 142 tetap" in keluaran
    assert list(Indikator.objects.values_list("pk", "kode", "nama", "urutan")) == sebelum
    assert list(NilaiIndikator.objects.values_list("pk", "target", "versi")) == nilai


def test_importing_over_the_fixtures_lampiran_matches_every_row_by_name(tmp_path, lampiran):
    sebelum = list(Indikator.objects.values_list("pk", "kode", "nama"))
    keluaran = _impor(tmp_path, tulis_tercetak())
    assert "Indikator: 0 baru, 0 berubah, 71 tetap" in keluaran
    assert list(Indikator.objects.values_list("pk", "kode", "nama")) == sebelum


def test_one_sheet_per_program_with_headings_keeps_the_programs_apart(tmp_path):
    _impor(tmp_path, tulis_tercetak(per_sheet=True))
    assert _struktur_db() == struktur_lampiran()


def test_one_sheet_per_program_without_heading_takes_the_name_from_the_sheet_title(tmp_path):
    struktur = [
        ("Dukungan Manajemen", [("Keuangan", [("Laporan tersusun", ["Jumlah laporan"])])]),
        ("Sarana Prasarana", [("Kendaraan", [("Mobilitas", ["Persentase kendaraan"])])]),
    ]
    _impor(tmp_path, tulis_tercetak(struktur, per_sheet=True, heading_program=False))
    assert list(Program.objects.order_by("urutan").values_list("nama", flat=True)) == [
        "Dukungan Manajemen",
        "Sarana Prasarana",
    ]
    assert _struktur_db() == struktur


def test_header_in_another_column_and_upper_case_is_found(tmp_path):
    _impor(tmp_path, tulis_tercetak(kolom_awal=3, huruf_besar=True))
    assert _struktur_db() == struktur_lampiran()


def test_title_rows_naming_kegiatan_and_indikator_are_not_taken_for_the_header():
    bacaan = baca_lampiran(tulis_tercetak(judul_ulang=True))
    assert bacaan.masalah == []
    assert len(bacaan.baris) == 71
    assert bacaan.baris[0].baris > 5


def test_a_header_repeated_per_program_and_a_column_number_row_are_skipped(tmp_path):
    _impor(tmp_path, tulis_tercetak(judul_ulang=True, baris_nomor_kolom=True))
    assert _struktur_db() == struktur_lampiran()


def test_several_programs_in_one_sheet_without_repeated_headers(tmp_path):
    _impor(tmp_path, tulis_tercetak(judul_ulang=False))
    assert _struktur_db() == struktur_lampiran()


def test_stray_spaces_are_trimmed(tmp_path):
    _impor(tmp_path, tulis_tercetak(spasi_liar=True))
    assert _struktur_db() == struktur_lampiran()


def test_targets_as_numbers_percent_cells_and_indonesian_text_are_read(tmp_path):
    def nilai(i, tahun):
        return {
            2020: 85,
            2021: (0.855, "0.0%"),
            2022: "85,5",
            2023: "1.250",
            2024: "1.250,75",
        }[tahun]

    keluaran = _impor(
        tmp_path, tulis_tercetak(tahun=(2020, 2021, 2022, 2023, 2024), nilai_target=nilai)
    )
    assert "target tahunan: 355" in keluaran
    ind = Indikator.objects.dengan_hierarki().first()
    target = dict(ind.nilai.values_list("tahun", "target"))
    assert target == {
        2020: Decimal(85),
        2021: Decimal("85.5"),
        2022: Decimal("85.5"),
        2023: Decimal(1250),
        2024: Decimal("1250.75"),
    }


def test_optional_satuan_polaritas_realisasi_and_target_akhir_columns_are_imported(tmp_path):
    data = tabel_sederhana(
        [
            [1, "Keuangan", "Laporan tersusun", "Jumlah laporan", "Dokumen", "Negatif", 4, 3, "12"],
        ],
        judul=[
            "NO",
            "KEGIATAN",
            "SASARAN (KEGIATAN)",
            "INDIKATOR KINERJA (KEGIATAN)",
            "Satuan",
            "Polaritas",
            "Target 2021",
            "Realisasi 2021",
            "Target akhir",
        ],
    )
    _impor(tmp_path, data)
    ind = Indikator.objects.get()
    assert (ind.satuan, ind.polaritas, ind.target_akhir) == ("Dokumen", "negatif", Decimal(12))
    nilai = ind.nilai.get()
    assert (nilai.tahun, nilai.target, nilai.realisasi) == (2021, Decimal(4), Decimal(3))
    assert Program.objects.get().nama == "Program Uji"


def test_a_dry_run_counts_everything_and_saves_nothing(tmp_path):
    keluaran = _impor(tmp_path, tulis_tercetak(), "--dry-run")
    assert "Program: 3, Kegiatan: 9, Sasaran: 44, Indikator: 71" in keluaran
    assert "Uji coba" in keluaran
    assert _jumlah() == (0, 0, 0, 0)
    assert not PenetapanIKU.objects.exists()
    riwayat = RiwayatImpor.objects.get()
    assert riwayat.uji_coba and riwayat.berhasil


def test_every_import_is_recorded_with_a_stored_copy(tmp_path, buat_pengguna):
    admin_user = buat_pengguna("pengimpor", "Admin", Satker.objects.get(kode="1811"))
    data = tulis_tercetak()
    hasil = import_lampiran(
        data=data,
        nama_berkas="Lampiran IKU.xlsx",
        satker=Satker.objects.get(kode="1811"),
        tahun_awal=2020,
        tahun_akhir=2024,
        pengguna=admin_user,
    )
    riwayat = hasil.riwayat
    riwayat.refresh_from_db()
    assert riwayat.berhasil and not riwayat.uji_coba
    assert riwayat.pengguna == admin_user and riwayat.nama_berkas == "Lampiran IKU.xlsx"
    assert riwayat.jumlah["indikator"]["baru"] == 71
    assert riwayat.berkas.read() == data
    assert riwayat.penetapan == PenetapanIKU.objects.get(satker__kode="1811")


def test_a_changed_name_is_a_new_indicator_in_the_printed_layout_and_nothing_is_deleted(tmp_path):
    struktur = [("Program A", [("Keg", [("Sas", ["Indikator satu", "Indikator dua"])])])]
    _impor(tmp_path, tulis_tercetak(struktur))
    struktur[0][1][0][1][0][1][1] = "Indikator dua (baru)"
    keluaran = _impor(tmp_path, tulis_tercetak(struktur))
    assert "Indikator: 1 baru, 0 berubah, 1 tetap" in keluaran
    assert Indikator.objects.count() == 3


def test_header_names_with_abbreviations_in_brackets_are_recognised():
    data = tabel_sederhana(
        [[1, "Keuangan", "Laporan tersusun", "Jumlah laporan"]],
        judul=["NO.", "KEGIATAN", "SASARAN (KEGIATAN)", "INDIKATOR KINERJA KEGIATAN (IKK)"],
    )
    bacaan = baca_lampiran(data)
    assert bacaan.masalah == []
    assert [b.nama for b in bacaan.baris] == ["Jumlah laporan"]


def _judul_dua_baris(tahun_realisasi=(2021,), tahun_target=(2020, 2021, "2022", 2023, 2024)):
    """A two-row header: "Target" merged over its years, "Realisasi" unmerged with
    blank cells after it, the years in the row below, the level columns merged down."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Lampiran"
    ws.append(["KEGIATAN DAN INDIKATOR KINERJA KEGIATAN"])
    ws.append(["Program Uji"])
    t, r = len(tahun_target), len(tahun_realisasi)
    ws.append(
        ["No.", "Kegiatan", "Sasaran", "Indikator", "Satuan", "Target", *[None] * (t - 1)]
        + ["Realisasi", *[None] * (r - 1)]
    )
    ws.append([None] * 5 + list(tahun_target) + list(tahun_realisasi))
    ws.merge_cells(start_row=3, start_column=6, end_row=3, end_column=5 + t)
    for c in range(1, 6):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.append(
        [
            1,
            "Keuangan",
            "Laporan tersusun",
            "Jumlah laporan",
            "Dokumen",
            *[10 + i for i in range(t)],
            *[7 + i for i in range(r)],
        ]
    )
    ws.append([None, None, None, "Persentase pagu terserap", "Persen", *["85,5"] * t, *[0.9] * r])
    for kolom in range(6 + t, 6 + t + r):  # realisasi as a percent cell: 0.9 shown as 90%
        ws.cell(6, kolom).number_format = "0%"
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def test_a_two_row_header_with_target_over_its_years_is_read(tmp_path):
    keluaran = _impor(tmp_path, _judul_dua_baris())
    assert "Indikator: 2" in keluaran and "target tahunan: 10, realisasi: 2" in keluaran
    jumlah, persen = Indikator.objects.order_by("urutan")
    assert dict(jumlah.nilai.values_list("tahun", "target")) == {
        2020: 10,
        2021: 11,
        2022: 12,
        2023: 13,
        2024: 14,
    }
    assert jumlah.nilai.get(tahun=2021).realisasi == 7
    assert persen.nilai.get(tahun=2021).realisasi == Decimal(90)
    assert set(persen.nilai.values_list("target", flat=True)) == {Decimal("85.5")}


def test_a_year_outside_the_period_in_a_two_row_header_names_its_column(tmp_path):
    with pytest.raises(CommandError):
        _impor(tmp_path, _judul_dua_baris(tahun_realisasi=(2019,)))
    riwayat = RiwayatImpor.objects.get()
    assert "tahun 2019 di luar periode" in riwayat.pesan
    assert "baris 4" in riwayat.pesan and "kolom K" in riwayat.pesan
    assert not Indikator.objects.exists()
