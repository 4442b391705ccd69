"""The decree's Lampiran in Excel: reading it as offices type it, importing it
in one transaction, and exporting it back (printed layout or flat template)."""

from .baca import BATAS_BARIS, BATAS_UKURAN, BerkasDitolak, Masalah, baca_lampiran
from .ekspor import ekspor_datar, ekspor_tercetak, export_lampiran, nama_berkas_ekspor
from .impor import HasilImpor, import_lampiran

__all__ = [
    "BATAS_BARIS",
    "BATAS_UKURAN",
    "BerkasDitolak",
    "HasilImpor",
    "Masalah",
    "baca_lampiran",
    "ekspor_datar",
    "ekspor_tercetak",
    "export_lampiran",
    "import_lampiran",
    "nama_berkas_ekspor",
]
