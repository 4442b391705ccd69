"""Sizing up an uploaded .xlsx before openpyxl parses it.

An .xlsx is a zip of XML parts. A 1 MB upload can expand to gigabytes (a sheet
of millions of identical rows compresses about a thousandfold), and openpyxl
builds every cell in memory before the row limit could refuse it: such a file
once took 2.3 GB and two minutes. So the archive is measured first, cheaply:

1. From the zip's directory: each part's uncompressed size and compression
   ratio, and their total. zipfile (which openpyxl reads through as well) never
   returns more than a part's declared size — a part that would expand further
   fails its CRC — so the declared sizes bound what any reader can get.
2. Streaming through every part in small chunks: the rows, cells and shared
   strings it declares, stopping at the first limit passed. A sheet's own
   <dimension> is not trusted (it may be missing or say "A1:A1"), only the
   rows themselves are counted; an empty row with a row number far down
   (r="1000000") counts up to that number, as it would in Excel.

Memory stays at a few chunks whatever the file holds.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

BATAS_ISI = 200 * 1024 * 1024  # all parts together, uncompressed
BATAS_RASIO = 100  # a real workbook's XML compresses 5–20 times
_RASIO_DARI = 1024 * 1024  # tiny parts may compress oddly; the ratio matters above 1 MB
BATAS_SEL = 1_500_000
_POTONGAN = 64 * 1024
_BATAS_TAG = 1024 * 1024  # no tag of a real workbook is this long

_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|si)(?=[\s/>])([^>]*)>")
_NOMOR_BARIS = re.compile(rb"""\br\s*=\s*["'](\d+)["']""")


class ArsipDitolak(Exception):
    """The archive is refused before parsing; the message is Indonesian."""


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def periksa_arsip(data: bytes, batas_baris: int) -> None:
    """Raise ArsipDitolak if the workbook would be too big to open; zipfile.BadZipFile
    if it is no zip at all."""
    with zipfile.ZipFile(BytesIO(data)) as arsip:
        bagian = arsip.infolist()
        total = sum(b.file_size for b in bagian)
        if total > BATAS_ISI:
            raise ArsipDitolak(
                f"Isi berkas .xlsx setelah diekstrak {_mb(total)}, melebihi batas "
                f"{_mb(BATAS_ISI)}. Berkas seperti ini bukan salinan Lampiran yang wajar; "
                "hapus lembar atau baris yang tidak diperlukan, simpan, lalu unggah lagi."
            )
        for b in bagian:
            if b.file_size > _RASIO_DARI and b.file_size > BATAS_RASIO * max(b.compress_size, 1):
                rasio = b.file_size // max(b.compress_size, 1)
                raise ArsipDitolak(
                    f"Bagian “{b.filename}” dalam berkas .xlsx mengembang {_ribuan(rasio)} kali "
                    f"dari ukuran terkompresinya (batas {BATAS_RASIO} kali), tanda berkas berisi "
                    "baris atau sel kosong dalam jumlah sangat besar. Hapus baris dan kolom "
                    "kosong di bawah dan di samping tabel, simpan, lalu unggah lagi."
                )
        baris = 0
        sel = 0
        for b in bagian:
            # Every part, whatever its name: a sheet is found through the workbook's
            # relationships and need not be called *.xml.
            if b.is_dir():
                continue
            baris_bagian, sel = _hitung(arsip, b, baris, sel, batas_baris)
            baris += baris_bagian


def _hitung(
    arsip: zipfile.ZipFile, info: zipfile.ZipInfo, baris_lain: int, sel: int, batas_baris: int
) -> tuple[int, int]:
    """The last row number of one part and the running cell count, refusing as soon as
    the rows of all parts so far or the cells pass their limits."""
    terakhir = 0
    sisa = b""
    with arsip.open(info) as f:
        while True:
            potongan = f.read(_POTONGAN)
            if not potongan:
                break
            teks = sisa + potongan
            # A tag cut by the chunk's end waits for the next chunk.
            potong = teks.rfind(b"<")
            if potong == -1:
                sisa = b""
                continue
            sisa = teks[potong:]
            if len(sisa) > _BATAS_TAG:
                raise zipfile.BadZipFile(f"tag terlalu panjang di {info.filename}")
            for m in _TAG.finditer(teks, 0, potong):
                if m.group(1) == b"row":
                    nomor = _NOMOR_BARIS.search(m.group(2))
                    terakhir = max(terakhir + 1, int(nomor.group(1))) if nomor else terakhir + 1
                    if baris_lain + terakhir > batas_baris:
                        raise ArsipDitolak(
                            f"Jumlah baris berkas melebihi batas {_ribuan(batas_baris)} baris "
                            "(baris kosong yang berformat ikut terhitung). Hapus baris di bawah "
                            "tabel, simpan, lalu unggah lagi."
                        )
                else:
                    sel += 1
                    if sel > BATAS_SEL:
                        raise ArsipDitolak(
                            f"Jumlah sel berkas melebihi batas {_ribuan(BATAS_SEL)} sel. Hapus "
                            "kolom dan baris kosong di samping dan di bawah tabel, simpan, lalu "
                            "unggah lagi."
                        )
    return terakhir, sel
