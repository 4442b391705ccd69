"""Reading the Lampiran from Excel, as offices actually type it.

One reader serves both layouts. The printed layout has title rows, Program
heading rows, a header row (No. | Kegiatan | Sasaran | Indikator …) found by
name in any column, and Kegiatan/Sasaran cells merged downwards or left blank
meaning "same as above". The flat template the export writes is the same
table with Program and kode columns filled on every row, so it needs no
separate code path: a Program column simply replaces the heading rows.

The reader only reads and reports; it never touches the database.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .arsip import BATAS_SEL, ArsipDitolak, periksa_arsip
from .lembar import LembarDitolak, adalah_ods, buka_ods, buka_xls

BATAS_UKURAN = 10 * 1024 * 1024
BATAS_BARIS = 50_000
FORMAT = ".xlsx, .xls atau .ods"
BUKAN_LEMBAR_KERJA = (
    "Berkas bukan lembar kerja Excel (.xlsx, .xls) atau LibreOffice (.ods). "
    "Unggah Lampiran dalam salah satu format itu."
)

LEVEL = ("program", "kegiatan", "sasaran", "indikator")
NAMA_LEVEL = {
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sasaran": "Sasaran",
    "indikator": "Indikator",
}


@dataclass(frozen=True)
class Masalah:
    """One problem in the file, located as precisely as the file allows."""

    pesan: str
    sheet: str | None = None
    baris: int | None = None
    kolom: str | None = None

    def __str__(self) -> str:
        lokasi = []
        if self.sheet is not None:
            lokasi.append(f"sheet “{self.sheet}”")
        if self.baris is not None:
            lokasi.append(f"baris {self.baris}")
        if self.kolom is not None:
            lokasi.append(f"kolom {self.kolom}")
        if not lokasi:
            return self.pesan
        teks = ", ".join(lokasi)
        return f"{teks[0].upper()}{teks[1:]}: {self.pesan}"


@dataclass
class KolomTahun:
    """A Target/Realisasi <year> header cell, kept to report a year outside the period."""

    jenis: str  # "target" or "realisasi"
    tahun: int
    sheet: str
    baris: int
    kolom: str
    judul: str


@dataclass
class BarisIndikator:
    """One indicator row with the hierarchy above it resolved."""

    sheet: str
    baris: int
    program: str
    kegiatan: str
    sasaran: str
    nama: str
    kode: dict[str, str] = field(default_factory=dict)
    satuan: str | None = None
    polaritas: str | None = None
    target_akhir: Decimal | None = None
    target: dict[int, Decimal] = field(default_factory=dict)
    realisasi: dict[int, Decimal] = field(default_factory=dict)


@dataclass
class Bacaan:
    baris: list[BarisIndikator] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)
    kolom_tahun: list[KolomTahun] = field(default_factory=list)
    tata_letak: str = ""  # "tercetak" or "datar"


class BerkasDitolak(Exception):
    """The file as a whole cannot be read (not .xlsx/.xls/.ods, corrupt, encrypted,
    too big)."""

    def __init__(self, masalah: list[Masalah]):
        super().__init__("; ".join(str(m) for m in masalah))
        self.masalah = masalah


# --- Text and numbers -------------------------------------------------------------------


def rapikan(teks) -> str:
    """Stray spaces and line breaks trimmed, as the name will be stored."""
    if teks is None:
        return ""
    return " ".join(str(teks).split())


def kunci_nama(teks: str) -> str:
    """The name as matched: case and spacing ignored."""
    return " ".join(teks.casefold().split())


NAMA_JENIS = {"target": "Target", "realisasi": "Realisasi"}
_BUKAN_HURUF_ANGKA = re.compile(r"[^0-9a-z]")
_JUDUL_TAHUN = re.compile(r"(target|realisasi|capaian)(?:tahun)?(\d{4})")


def _kunci_judul(teks) -> str:
    return _BUKAN_HURUF_ANGKA.sub("", str(teks).casefold())


_RIBUAN = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_KOMA = re.compile(r"^[+-]?\d+(,\d+)?$")
_TITIK = re.compile(r"^[+-]?\d*\.\d+$")
_KOSONG_TEKS = {"", "-", "–", "—"}


def angka_dari_sel(sel) -> Decimal | None:
    """A number from a cell: a real number (percent-formatted cells count as
    percent, 0.85 → 85), or Indonesian text ("85,5", "1.250", "85%").
    Raises ValueError for anything else."""
    nilai = sel.value
    if nilai is None:
        return None
    if isinstance(nilai, bool):
        raise ValueError(nilai)
    if isinstance(nilai, int | float | Decimal):
        angka = Decimal(str(nilai))
        if "%" in (sel.number_format or ""):
            angka = angka * 100
        return angka.normalize() if angka == angka.to_integral() else angka
    teks = str(nilai).strip().replace("\u00a0", "").replace(" ", "")
    if teks in _KOSONG_TEKS:
        return None
    teks = teks.removesuffix("%")
    if _RIBUAN.match(teks):
        teks = teks.replace(".", "").replace(",", ".")
    elif _KOMA.match(teks):
        teks = teks.replace(",", ".")
    elif not _TITIK.match(teks):
        raise ValueError(nilai)
    try:
        return Decimal(teks)
    except InvalidOperation as exc:
        raise ValueError(nilai) from exc


def polaritas_dari_teks(teks: str) -> str | None:
    kunci = _kunci_judul(teks)
    if not kunci:
        return None
    if kunci.startswith(("positif", "plus", "naik", "maks")) or teks.strip() == "+":
        return "positif"
    if kunci.startswith(("negatif", "minus", "turun", "min")) or teks.strip() in {"-", "−"}:
        return "negatif"
    raise ValueError(teks)


# --- Header recognition ----------------------------------------------------------------


# Header names as offices write them (case, spacing and punctuation ignored): exact
# names only, so a data cell that merely starts with "Sasaran …" is not a header.
_SEBUTAN_LEVEL = {
    "indikator": {
        "indikator",
        "indikatorkinerja",
        "indikatorkinerjakegiatan",
        "indikatorkinerjautama",
        "indikatorkinerjaprogram",
        "namaindikator",
        "iku",
        "ikk",
    },
    "sasaran": {"sasaran", "sasarankegiatan", "sasaranprogram", "sasaranstrategis"},
    "kegiatan": {"kegiatan", "namakegiatan", "uraiankegiatan"},
    "program": {"program", "namaprogram"},
}


def jenis_kolom(judul) -> tuple[str, int | None] | None:
    """What a header cell names: ("kegiatan", None), ("target", 2021), …; None if unknown."""
    if judul is None or isinstance(judul, int | float):
        return None
    k = _kunci_judul(judul)
    if not k:
        return None
    if k in {"no", "nomor", "noumut", "nourut"}:
        return ("no", None)
    # Every data cell of a large file passes here (repeated headers are looked
    # for on each row): the tests below are ordered cheapest first.
    if k.startswith(("target", "realisasi", "capaian")):
        m = _JUDUL_TAHUN.fullmatch(k)
        if m:
            return (m.group(1), int(m.group(2)))
        if k.startswith("targetakhir"):
            return ("target_akhir", None)
    if k.startswith("kode"):
        for level in LEVEL:
            if k.startswith(f"kode{level}"):
                return (f"kode_{level}", None)
    # "Indikator Kinerja Kegiatan (IKK)", "Sasaran (Kegiatan)": the words outside brackets count too.
    teks = str(judul)
    tanpa_kurung = _kunci_judul(re.sub(r"\([^)]*\)", "", teks)) if "(" in teks else k
    for nama, sebutan in _SEBUTAN_LEVEL.items():
        if k in sebutan or tanpa_kurung in sebutan:
            return (nama, None)
    if k == "satuan":
        return ("satuan", None)
    if k == "polaritas":
        return ("polaritas", None)
    return None


@dataclass
class _Judul:
    baris: int
    kolom: dict[str, int]  # kind → column index (0-based)
    tahun: list[tuple[str, int, int, str]]  # (target|realisasi, year, column, header text)


def _baca_judul(nomor_baris: int, nilai: list) -> _Judul | None:
    """A header row names at least two of Kegiatan/Sasaran/Indikator in separate cells;
    a one-cell title such as "KEGIATAN DAN INDIKATOR KINERJA KEGIATAN" does not."""
    kolom: dict[str, int] = {}
    tahun = []
    for i, v in enumerate(nilai):
        jenis = jenis_kolom(v)
        if jenis is None:
            continue
        nama, th = jenis
        if th is not None:
            if nama in {"target", "realisasi"}:
                tahun.append((nama, th, i, rapikan(v)))
            continue
        kolom.setdefault(nama, i)
    if len({"kegiatan", "sasaran", "indikator"} & kolom.keys()) < 2:
        return None
    return _Judul(baris=nomor_baris, kolom=kolom, tahun=tahun)


# --- Opening the file ------------------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def buka_workbook(data: bytes):
    """The workbook, or BerkasDitolak saying in Indonesian why not."""
    if len(data) > BATAS_UKURAN:
        raise BerkasDitolak(
            [
                Masalah(
                    f"Ukuran berkas {len(data) / 1024 / 1024:.1f} MB melebihi batas 10 MB.".replace(
                        ".", ",", 1
                    )
                )
            ]
        )
    if data.startswith(_OLE):
        if "EncryptionInfo".encode("utf-16-le") in data[:65536] or (
            "EncryptedPackage".encode("utf-16-le") in data
        ):
            raise BerkasDitolak(
                [
                    Masalah(
                        "Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
                        "(File → Info → Protect Workbook), simpan, lalu unggah lagi."
                    )
                ]
            )
        # Excel 97–2003 (.xls): the same sheets, cells and merged ranges (lembar.py).
        try:
            return buka_xls(data, BATAS_BARIS)
        except LembarDitolak as exc:
            raise BerkasDitolak([Masalah(str(exc))]) from exc
    if not data.startswith(_ZIP):
        raise BerkasDitolak([Masalah(BUKAN_LEMBAR_KERJA)])
    try:
        _periksa_jumlah_baris_dulu(data)
        if adalah_ods(data):
            return buka_ods(data, BATAS_BARIS, BATAS_SEL)
        return load_workbook(BytesIO(data), data_only=True)
    except LembarDitolak as exc:
        raise BerkasDitolak([Masalah(str(exc))]) from exc
    except BerkasDitolak:
        raise
    except (zipfile.BadZipFile, EOFError, KeyError, OSError) as exc:
        raise BerkasDitolak(
            [Masalah("Berkas lembar kerja rusak atau terpotong dan tidak dapat dibaca.")]
        ) from exc
    except Exception as exc:  # openpyxl raises many kinds on malformed XML
        raise BerkasDitolak(
            [Masalah(f"Berkas lembar kerja rusak dan tidak dapat dibaca ({type(exc).__name__}).")]
        ) from exc


def _pesan_terlalu_banyak(jumlah: int) -> BerkasDitolak:
    return BerkasDitolak(
        [
            Masalah(
                f"Berkas berisi {jumlah:,} baris, melebihi batas {BATAS_BARIS:,} baris.".replace(
                    ",", "."
                )
            )
        ]
    )


def _periksa_jumlah_baris_dulu(data: bytes) -> None:
    """Refuse an archive too big to open — by its parts' sizes and the rows and cells
    its XML declares — before openpyxl builds anything (see arsip.py); the count after
    loading remains the check of the table itself."""
    try:
        periksa_arsip(data, BATAS_BARIS)
    except ArsipDitolak as exc:
        raise BerkasDitolak([Masalah(str(exc))]) from exc


# --- The table -------------------------------------------------------------------------


def _isi_teks(v) -> bool:
    return v is not None and str(v).strip() != ""


def _hanya_nomor(v) -> bool:
    return (
        v is None
        or isinstance(v, int | float)
        or bool(re.fullmatch(r"\(?\d+\)?\.?", str(v).strip()))
    )


class _PembacaSheet:
    """Walks one sheet top to bottom, carrying Program/Kegiatan/Sasaran downwards."""

    def __init__(self, ws, bacaan: Bacaan):
        self.ws = ws
        self.sheet = ws.title
        self.bacaan = bacaan
        self.judul: _Judul | None = None
        self.program: str | None = None
        self.kegiatan: str | None = None
        self.sasaran: str | None = None
        self.kode: dict[str, str] = {}
        # The Sasaran (and Kegiatan) currently open, to report one left without indicators.
        self.sasaran_terbuka: tuple[int, str, int] | None = None  # (row, column letter, count)
        self.kegiatan_terbuka: tuple[int, str, int] | None = None
        # Merged continuation cells read None like blanks, and mean "same as above" too;
        # only a horizontal merge tells a title row from a one-cell data row.
        self.lebar_gabung: dict[tuple[int, int], int] = {}
        for rentang in ws.merged_cells.ranges:
            if rentang.max_col > rentang.min_col:
                self.lebar_gabung[(rentang.min_row, rentang.min_col - 1)] = (
                    rentang.max_col - rentang.min_col + 1
                )

    def masalah(self, pesan: str, baris: int | None, kolom: int | str | None = None) -> None:
        if isinstance(kolom, int):
            kolom = self._nama_kolom(kolom)
        self.bacaan.masalah.append(Masalah(pesan, self.sheet, baris, kolom))

    def _nama_kolom(self, i: int) -> str:
        judul = None
        if self.judul is not None:
            for nama, j in self.judul.kolom.items():
                if j == i:
                    judul = NAMA_LEVEL.get(nama, nama.replace("_", " ").capitalize())
        huruf = get_column_letter(i + 1)
        return f"{huruf} ({judul})" if judul else huruf

    def baca(self) -> bool:
        """Returns whether a header row was found in this sheet."""
        kelompok_tahun = None
        for nomor, sel in enumerate(self.ws.iter_rows(), start=1):
            nilai = [c.value for c in sel]
            if not any(_isi_teks(v) for v in nilai):
                continue
            judul = _baca_judul(nomor, nilai)
            if judul is not None:
                self._judul_baru(judul)
                kelompok_tahun = self._kelompok_tahun(nomor, nilai)
                continue
            if kelompok_tahun:
                kelompok, kelompok_tahun = kelompok_tahun, None
                if self._sub_judul_tahun(nomor, nilai, kelompok):
                    continue
            if self._baris_judul_atau_program(nomor, nilai):
                continue
            if self.judul is None:
                continue  # title rows above the table
            self._baris_data(nomor, sel, nilai)
        self._tutup_kegiatan()
        return self.judul is not None

    def _judul_baru(self, judul: _Judul) -> None:
        self.judul = judul
        wajib = ["kegiatan", "sasaran", "indikator"]
        for nama in wajib:
            if nama not in judul.kolom:
                self.masalah(
                    f"Kolom wajib “{NAMA_LEVEL[nama]}” tidak ada pada baris judul tabel.",
                    judul.baris,
                )
        self._catat_kolom_tahun(judul.tahun, judul.baris)
        if "program" in judul.kolom:
            self.bacaan.tata_letak = "datar"
        elif not self.bacaan.tata_letak:
            self.bacaan.tata_letak = "tercetak"

    def _catat_kolom_tahun(self, kolom: list, baris: int) -> None:
        for jenis, tahun, i, teks in kolom:
            self.bacaan.kolom_tahun.append(
                KolomTahun(jenis, tahun, self.sheet, baris, get_column_letter(i + 1), teks)
            )

    def _kelompok_tahun(self, nomor: int, nilai: list) -> list[tuple[str, int, int]]:
        """Header cells reading just "Target" or "Realisasi" (a two-row header: the
        years are in the row below), as (kind, first column, last column): the
        cell's horizontal merge, else up to the next filled header cell."""
        kelompok = []
        for i, v in enumerate(nilai):
            jenis = {"target": "target", "realisasi": "realisasi"}.get(_kunci_judul(v or ""))
            if jenis is None:
                continue
            lebar = self.lebar_gabung.get((nomor, i))
            if lebar is None:
                lebar = 1
                while i + lebar < len(nilai) and not _isi_teks(nilai[i + lebar]):
                    lebar += 1
            kelompok.append((jenis, i, i + lebar - 1))
        return kelompok

    def _sub_judul_tahun(self, nomor: int, nilai: list, kelompok: list) -> bool:
        """The row of years under "Target"/"Realisasi": its years become Target <year>
        and Realisasi <year> columns. False when the row holds no year there."""
        baru = []
        for jenis, awal, akhir in kelompok:
            for i in range(awal, min(akhir, len(nilai) - 1) + 1):
                v = nilai[i]
                if isinstance(v, int | float) and float(v).is_integer():
                    tahun = int(v)
                else:
                    m = re.fullmatch(r"(?:tahun)?(\d{4})", _kunci_judul(v or ""))
                    tahun = int(m.group(1)) if m else None
                if tahun is not None and 1900 <= tahun <= 2200:
                    baru.append((jenis, tahun, i, f"{NAMA_JENIS[jenis]} {tahun}"))
        if not baru:
            return False
        self.judul.tahun.extend(baru)
        self._catat_kolom_tahun(baru, nomor)
        return True

    def _baris_judul_atau_program(self, nomor: int, nilai: list) -> bool:
        """A row with one text cell that is a title or a Program heading."""
        isi = [(i, v) for i, v in enumerate(nilai) if _isi_teks(v)]
        if len(isi) != 1:
            return False
        i, v = isi[0]
        teks = rapikan(v)
        kolom = self.judul.kolom if self.judul else {}
        di_kolom_data = i in {kolom.get("kegiatan"), kolom.get("sasaran"), kolom.get("indikator")}
        melebar = self.lebar_gabung.get((nomor, i), 1) > 1
        bukan_kolom_bawah = i not in {kolom.get("sasaran"), kolom.get("indikator")} or melebar
        if (
            _kunci_judul(teks).startswith("program")
            and "program" not in kolom
            and bukan_kolom_bawah
        ):
            self._program_baru(teks)
            return True
        if self.judul is None:
            return True
        k = _kunci_judul(teks)
        judul_tabel = (teks.isupper() and len(teks) > 12) or (
            "indikatorkinerja" in k and "dan" in k
        )
        if judul_tabel and i == kolom.get("kegiatan"):
            return True  # a repeated table title typed in the Kegiatan column
        # Inside the table a lone cell in a data column is data ("same as above" elsewhere).
        return not di_kolom_data or melebar

    def _program_baru(self, nama: str) -> None:
        # "Program: X" is how the export writes a Program whose name lacks the word.
        if nama[:8].casefold() == "program:":
            nama = nama[8:].strip()
        self._tutup_kegiatan()
        self.program = nama
        self.kegiatan = self.sasaran = None
        self.kode = {}

    def _tutup_sasaran(self) -> None:
        if self.sasaran_terbuka and self.sasaran_terbuka[2] == 0:
            baris, kolom, _ = self.sasaran_terbuka
            self.masalah("Sasaran ini tidak memiliki indikator kinerja.", baris, kolom)
        self.sasaran_terbuka = None

    def _tutup_kegiatan(self) -> None:
        self._tutup_sasaran()
        if self.kegiatan_terbuka and self.kegiatan_terbuka[2] == 0:
            baris, kolom, _ = self.kegiatan_terbuka
            self.masalah("Kegiatan ini tidak memiliki sasaran dan indikator.", baris, kolom)
        self.kegiatan_terbuka = None

    def _baris_data(self, nomor: int, sel, nilai: list) -> None:
        kolom = self.judul.kolom

        def ambil(nama: str):
            i = kolom.get(nama)
            return nilai[i] if i is not None and i < len(nilai) else None

        teks = {nama: rapikan(ambil(nama)) for nama in LEVEL}
        # A column-number row "(1) (2) (3) (4)" under the header carries no names.
        if all(_hanya_nomor(ambil(n)) for n in ("kegiatan", "sasaran", "indikator")):
            return

        if "program" in kolom and teks["program"] and teks["program"] != self.program:
            self._program_baru(teks["program"])
        if self.program is None:
            # One sheet per Program: the sheet's title names it.
            self.program = rapikan(self.sheet)
        kode_baru = {}
        for level in LEVEL:
            k = ambil(f"kode_{level}")
            if _isi_teks(k):
                kode_baru[level] = rapikan(k)

        if teks["kegiatan"] and (
            teks["kegiatan"] != self.kegiatan
            or kode_baru.get("kegiatan", "") != self.kode.get("kegiatan", "")
        ):
            self._tutup_kegiatan()
            self.kegiatan = teks["kegiatan"]
            self.sasaran = None
            self.kegiatan_terbuka = (nomor, self._nama_kolom(kolom["kegiatan"]), 0)
            for level in ("kegiatan", "sasaran", "indikator"):
                self.kode.pop(level, None)
        if teks["sasaran"] and (
            teks["sasaran"] != self.sasaran
            or kode_baru.get("sasaran", "") != self.kode.get("sasaran", "")
        ):
            self._tutup_sasaran()
            self.sasaran = teks["sasaran"]
            if self.kegiatan is not None:
                self.sasaran_terbuka = (nomor, self._nama_kolom(kolom["sasaran"]), 0)
                self.kegiatan_terbuka = (*self.kegiatan_terbuka[:2], self.kegiatan_terbuka[2] + 1)
        self.kode.update(kode_baru)

        if not teks["indikator"]:
            if self._ada_angka(nilai):
                self.masalah(
                    "Ada nilai target/realisasi tetapi nama indikator kosong.",
                    nomor,
                    kolom.get("indikator"),
                )
            return
        if self.kegiatan is None:
            self.masalah(
                "Indikator tanpa Kegiatan di atasnya.",
                nomor,
                kolom.get("kegiatan", kolom.get("indikator")),
            )
            return
        if self.sasaran is None or self.sasaran_terbuka is None:
            self.masalah(
                "Indikator tanpa Sasaran di atasnya (dalam Kegiatan yang sama).",
                nomor,
                kolom.get("sasaran", kolom.get("indikator")),
            )
            return
        self.sasaran_terbuka = (*self.sasaran_terbuka[:2], self.sasaran_terbuka[2] + 1)
        self.bacaan.baris.append(self._baris_indikator(nomor, sel, teks, ambil))

    def _ada_angka(self, nilai: list) -> bool:
        indeks = [i for _, _, i, _ in self.judul.tahun]
        return any(i < len(nilai) and nilai[i] not in (None, "") for i in indeks)

    def _baris_indikator(self, nomor: int, sel, teks: dict, ambil) -> BarisIndikator:
        kolom = self.judul.kolom
        baris = BarisIndikator(
            sheet=self.sheet,
            baris=nomor,
            program=self.program,
            kegiatan=self.kegiatan,
            sasaran=self.sasaran,
            nama=teks["indikator"],
            kode=dict(self.kode),
        )
        if "satuan" in kolom:
            baris.satuan = rapikan(ambil("satuan"))[:50] or None
        if "polaritas" in kolom:
            try:
                baris.polaritas = polaritas_dari_teks(rapikan(ambil("polaritas")))
            except ValueError:
                self.masalah(
                    f"Polaritas “{rapikan(ambil('polaritas'))}” tidak dikenal; "
                    "isi Positif atau Negatif.",
                    nomor,
                    kolom["polaritas"],
                )
        if "target_akhir" in kolom:
            baris.target_akhir = self._angka(sel, kolom["target_akhir"], nomor, "Target akhir")
        for jenis, tahun, i, judul in self.judul.tahun:
            angka = self._angka(sel, i, nomor, judul)
            if angka is not None:
                getattr(baris, jenis)[tahun] = angka
        return baris

    def _angka(self, sel, i: int, nomor: int, judul: str) -> Decimal | None:
        if i >= len(sel):
            return None
        try:
            angka = angka_dari_sel(sel[i])
        except ValueError:
            self.masalah(
                f"“{rapikan(sel[i].value)}” bukan angka (kolom {judul}); "
                "tulis misalnya 85,5 atau 1.250.",
                nomor,
                get_column_letter(i + 1),
            )
            return None
        if angka is not None and angka < 0:
            self.masalah(f"Nilai {judul} tidak boleh negatif.", nomor, get_column_letter(i + 1))
            return None
        if angka is not None and abs(angka) >= Decimal(10) ** 14:
            self.masalah(f"Nilai {judul} terlalu besar.", nomor, get_column_letter(i + 1))
            return None
        return angka


def baca_lampiran(data: bytes) -> Bacaan:
    """Read the whole workbook. Problems in the content go into Bacaan.masalah;
    a file that cannot be read at all raises BerkasDitolak."""
    wb = buka_workbook(data)
    try:
        jumlah_baris = sum(ws.max_row for ws in wb.worksheets)
        if jumlah_baris > BATAS_BARIS:
            raise _pesan_terlalu_banyak(jumlah_baris)
        bacaan = Bacaan()
        ada_judul = False
        for ws in wb.worksheets:
            ada_judul = _PembacaSheet(ws, bacaan).baca() or ada_judul
        if not ada_judul:
            bacaan.masalah.append(
                Masalah(
                    "Baris judul tabel tidak ditemukan: harus ada satu baris dengan kolom "
                    "Kegiatan, Sasaran dan Indikator Kinerja (mis. No. | Kegiatan | "
                    "Sasaran Kegiatan | Indikator Kinerja Kegiatan)."
                )
            )
        elif not bacaan.baris and not bacaan.masalah:
            bacaan.masalah.append(Masalah("Tabel tidak berisi satu pun indikator."))
        return bacaan
    finally:
        wb.close()
