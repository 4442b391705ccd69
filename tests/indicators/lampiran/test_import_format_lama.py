"""The Lampiran saved as Excel 97–2003 (.xls) or LibreOffice (.ods) imports
exactly as its .xlsx does: the same layout detection (title rows, Program
headings, merged or blank "same as above" cells, two-row headers, the flat
template), the same values (percent cells, Indonesian text) and the same
problems named by sheet, row and column."""

from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.lampiran import BerkasDitolak, baca_lampiran, ekspor_datar
from indicators.models import Indikator, Program, RiwayatImpor, Satker

from .format_lama import KONVERSI, contoh_lengkap, contoh_salah, ke_ods
from .lampiran_xlsx import (
    media_sementara,  # noqa: F401
    simpan,
    struktur_lampiran,
    tabel_sederhana,
    tulis_tercetak,
)
from .test_import_printed_layout import _judul_dua_baris, _struktur_db

pytestmark = pytest.mark.django_db
FORMAT = ["xls", "ods"]
BERKAS = Path(__file__).parent / "berkas"


def _impor(tmp_path, data: bytes, nama: str) -> str:
    path = tmp_path / nama
    path.write_bytes(data)
    out = StringIO()
    call_command(
        "import_lampiran", str(path), "--satker", "1811", "--periode", "2020-2024", stdout=out
    )
    return out.getvalue()


def _bacaan(data: bytes) -> tuple[list, list, list]:
    """What the reader takes from a file: its rows, its year columns, its problems."""
    b = baca_lampiran(data)
    baris = [
        (r.sheet, r.baris, r.program, r.kegiatan, r.sasaran, r.nama, r.kode, r.satuan)
        + (r.polaritas, r.target_akhir, r.target, r.realisasi)
        for r in b.baris
    ]
    return baris, b.kolom_tahun, [str(m) for m in b.masalah]


@pytest.mark.parametrize("format_", FORMAT)
def test_the_decrees_lampiran_as_xls_or_ods_imports_as_its_xlsx_does(tmp_path, format_):
    xlsx = contoh_lengkap()
    keluaran = _impor(tmp_path, KONVERSI[format_](xlsx), f"lampiran.{format_}")
    assert "Program: 3, Kegiatan: 9, Sasaran: 44, Indikator: 71, target tahunan: 355" in keluaran
    assert _struktur_db() == struktur_lampiran()
    target = dict(Indikator.objects.dengan_hierarki().first().nilai.values_list("tahun", "target"))
    assert target == {
        2020: Decimal(80),
        2021: Decimal("85.5"),  # a percent cell holding 0,855
        2022: Decimal("85.5"),
        2023: Decimal(1250),
        2024: Decimal("1250.75"),
    }
    # The .xlsx of the same table over it: every row and value already there.
    hasil = RiwayatImpor.objects.order_by("-pk").first
    _impor(tmp_path, xlsx, "lampiran.xlsx")
    assert {
        k: v["baru"] + v["berubah"] for k, v in hasil().jumlah.items() if isinstance(v, dict)
    } == {
        "program": 0,
        "kegiatan": 0,
        "sasaran": 0,
        "indikator": 0,
        "nilai": 0,
    }


VARIAN = {
    "blank same as above": lambda: tulis_tercetak(gabung=False),
    "one sheet per program": lambda: tulis_tercetak(per_sheet=True, heading_program=False),
    "header elsewhere, upper case, column numbers": lambda: tulis_tercetak(
        kolom_awal=3, huruf_besar=True, baris_nomor_kolom=True
    ),
    "two-row header merged over its years": _judul_dua_baris,
    "simple table": lambda: tabel_sederhana(
        [[1, "Keuangan", "Laporan tepat waktu", "Persentase laporan", 0.9, "85,5"]],
        tahun=(2021, 2022),
    ),
}


@pytest.mark.parametrize("format_", FORMAT)
@pytest.mark.parametrize("varian", VARIAN)
def test_every_layout_reads_the_same_in_xls_and_ods(format_, varian):
    xlsx = VARIAN[varian]()
    dari_xlsx = _bacaan(xlsx)
    assert dari_xlsx[0] and not dari_xlsx[2]
    assert _bacaan(KONVERSI[format_](xlsx)) == dari_xlsx


@pytest.mark.parametrize("format_", FORMAT)
def test_the_flat_template_the_export_writes_reads_the_same_as_xls_and_ods(
    format_, lampiran_bernilai
):
    xlsx = simpan(ekspor_datar(lampiran_bernilai))
    dari_xlsx = _bacaan(xlsx)
    assert len(dari_xlsx[0]) == 71 and not dari_xlsx[2]
    assert _bacaan(KONVERSI[format_](xlsx)) == dari_xlsx


@pytest.mark.parametrize("format_", FORMAT)
def test_bad_rows_get_the_same_sheet_row_and_column_messages(tmp_path, format_):
    xlsx = contoh_salah()
    pesan = _bacaan(xlsx)[2]
    assert len(pesan) == 4, pesan
    assert any("baris 4, kolom B (Kegiatan): Indikator tanpa Kegiatan" in p for p in pesan)
    assert _bacaan(KONVERSI[format_](xlsx))[2] == pesan
    # End to end: the command fails, names them, and writes nothing.
    path = tmp_path / f"salah.{format_}"
    path.write_bytes(KONVERSI[format_](xlsx))
    err = StringIO()
    with pytest.raises(CommandError, match="gagal"):
        call_command(
            "import_lampiran",
            str(path),
            "--satker",
            "1811",
            "--periode",
            "2020-2024",
            stdout=StringIO(),
            stderr=err,
        )
    assert "Sheet “Lampiran”, baris 6, kolom E: “delapan puluh” bukan angka" in err.getvalue()
    assert not Program.objects.exists()


@pytest.mark.parametrize("format_", FORMAT)
def test_files_libreoffice_wrote_read_as_the_xlsx_they_were_saved_from(format_):
    """berkas/*.xls and *.ods: the same tables converted by LibreOffice Calc
    (scripts/buat_lampiran_lama.py)."""
    for nama, buat in (
        ("lampiran_libreoffice", contoh_lengkap),
        ("lampiran_libreoffice_salah", contoh_salah),
    ):
        data = (BERKAS / f"{nama}.{format_}").read_bytes()
        assert _bacaan(data) == _bacaan(buat()), nama


def test_a_file_libreoffice_wrote_imports_end_to_end(tmp_path):
    keluaran = _impor(tmp_path, (BERKAS / "lampiran_libreoffice.ods").read_bytes(), "lampiran.ods")
    assert "Indikator: 71, target tahunan: 355" in keluaran
    assert _struktur_db() == struktur_lampiran()


def test_the_admin_uploads_an_ods_previews_and_confirms_it(masuk, buat_pengguna):
    admin = buat_pengguna("admin-baru", "Admin", Satker.objects.get(kode="1811"), is_staff=True)
    client = masuk(admin)
    url = reverse("admin:indicators_riwayatimpor_impor")
    formulir = client.get(url).content.decode()
    assert ".xls" in formulir and ".ods" in formulir
    response = client.post(
        url,
        {
            "satker": Satker.objects.get(kode="1811").pk,
            "tahun_awal": 2020,
            "tahun_akhir": 2024,
            "berkas": SimpleUploadedFile("Lampiran IKU.ods", ke_ods(contoh_lengkap())),
        },
    )
    assert "Program: 3, Kegiatan: 9, Sasaran: 44, Indikator: 71" in response.content.decode()
    uji = RiwayatImpor.objects.get()
    assert uji.nama_berkas == "Lampiran IKU.ods" and uji.berkas.name.endswith(".ods")
    client.post(url, {"konfirmasi": uji.pk})
    assert Indikator.objects.count() == 71


@pytest.mark.parametrize(
    "data, pesan",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "tidak dapat dibaca"),
        (None, "tidak dapat dibaca"),  # a truncated .xls
        (b"PK\x03\x04" + b"\x00" * 500, "rusak"),
    ],
)
def test_a_damaged_old_excel_or_zip_is_refused_with_a_message(data, pesan):
    if data is None:
        xls = KONVERSI["xls"](contoh_lengkap())
        data = xls[: len(xls) // 3]
    with pytest.raises(BerkasDitolak) as info:
        baca_lampiran(data)
    assert pesan in str(info.value.masalah[0])


def test_an_ods_over_50000_filled_rows_is_refused_without_building_them():
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    dok = OpenDocumentSpreadsheet()
    tabel = Table(name="Lampiran")
    baris = TableRow(numberrowsrepeated=1_000_000)
    sel = TableCell(valuetype="string")
    sel.addElement(P(text="Indikator"))
    baris.addElement(sel)
    tabel.addElement(baris)
    dok.spreadsheet.addElement(tabel)
    keluaran = BytesIO()
    dok.write(keluaran)
    with pytest.raises(BerkasDitolak) as info:
        baca_lampiran(keluaran.getvalue())
    assert "melebihi batas 50.000 baris" in str(info.value.masalah[0])


def test_libreoffices_million_empty_rows_at_the_end_of_a_sheet_are_not_rows():
    data = (BERKAS / "lampiran_libreoffice.ods").read_bytes()
    assert b"number-rows-repeated" in __import__("zipfile").ZipFile(BytesIO(data)).read(
        "content.xml"
    )
    assert len(baca_lampiran(data).baris) == 71
