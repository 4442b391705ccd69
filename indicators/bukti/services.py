"""Evidence files (bukti dukung): the type is read from the content, never the
name; HTML, SVG and script content is refused even when disguised as a PDF, and
so are PDFs that run scripts or actions when opened. Downloads carry the
extension of the type read, and are always attachments."""

import re
import zlib
from decimal import Decimal
from functools import partial

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ..akses import boleh_hapus_bukti, tindakan_nilai
from ..angka import angka
from ..models import BuktiDukung, NilaiIndikator, Pengguna, TahunKinerja
from ..teks import bersihkan_teks

MAKS_UKURAN = 10 * 1024 * 1024
# MIME read from the content → extension stored on the random name.
JENIS_DITERIMA = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
# Markup a browser might execute if the file were ever rendered inline.
# The whole file is searched; a tag needs its delimiter, so that compressed bytes
# (random-looking) match by chance about once in thousands of 10 MB files.
_BERBAHAYA = re.compile(
    rb"<\s*(html|script|svg|body|iframe|object|embed|!doctype)[\s>/]|javascript:", re.I
)
# PDF names that run code or carry other files when the PDF is opened.
_AKSI_PDF = {
    b"JavaScript",
    b"JS",
    b"OpenAction",
    b"AA",
    b"Launch",
    b"EmbeddedFile",
    b"EmbeddedFiles",
}
_NAMA_PDF = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_HEKS_NAMA = re.compile(rb"#([0-9A-Fa-f]{2})")
# Object streams (PDF 1.5) hold dictionaries compressed: they are read too, within a bound.
_ALIRAN_OBJEK = re.compile(rb"/Type\s*/ObjStm\b[^>]*>>\s*stream\r?\n")
_MAKS_ALIRAN = 20 * 1024 * 1024


def _nama_pdf(isi: bytes) -> set[bytes]:
    # "/J#53" is "/JS": names may be written with hex escapes.
    return {
        _HEKS_NAMA.sub(lambda m: bytes.fromhex(m[1].decode()), n) for n in _NAMA_PDF.findall(isi)
    }


# Stream bodies (images, page content) are data, mostly compressed: a name found
# there by chance is no action.
_BADAN_ALIRAN = re.compile(rb"\bstream\r?\n.*?\bendstream", re.S)


def _aksi_pdf(isi: bytes) -> set[bytes]:
    ditemukan = _nama_pdf(_BADAN_ALIRAN.sub(b" ", isi)) & _AKSI_PDF
    sisa = _MAKS_ALIRAN
    for m in _ALIRAN_OBJEK.finditer(isi):
        pengurai = zlib.decompressobj()
        try:
            aliran = pengurai.decompress(memoryview(isi)[m.end() :], sisa)
        except zlib.error:
            continue
        sisa -= len(aliran)
        ditemukan |= _nama_pdf(aliran) & _AKSI_PDF
        if sisa <= 0:
            break
    return ditemukan


def periksa_berkas(berkas: UploadedFile) -> tuple[str, bytes]:
    """The MIME type and content of an acceptable file; ValidationError (Indonesian)
    otherwise. The whole file is read (at most 10 MB), not only its beginning."""
    if berkas.size > MAKS_UKURAN:
        ukuran = angka(Decimal(berkas.size) / 1048576, 1)
        raise ValidationError(
            f"Berkas “{berkas.name}” terlalu besar ({ukuran} MB); paling besar 10 MB."
        )
    if berkas.size == 0:
        raise ValidationError(f"Berkas “{berkas.name}” kosong.")
    berkas.seek(0)
    isi = berkas.read(MAKS_UKURAN + 1)
    berkas.seek(0)
    jenis = filetype.guess(isi[:8192])
    mime = jenis.mime if jenis else None
    if mime not in JENIS_DITERIMA:
        raise ValidationError(
            f"Jenis berkas “{berkas.name}” tidak diterima. Unggah PDF, JPG, PNG, XLSX atau DOCX "
            "(jenis diperiksa dari isi berkas, bukan dari namanya)."
        )
    if _BERBAHAYA.search(isi):
        raise ValidationError(
            f"Berkas “{berkas.name}” berisi kode HTML/skrip dan ditolak demi keamanan."
        )
    if mime == "application/pdf":
        aksi = _aksi_pdf(isi)
        if aksi:
            daftar = ", ".join(f"/{a.decode()}" for a in sorted(aksi))
            raise ValidationError(
                f"Berkas PDF “{berkas.name}” berisi skrip, aksi otomatis atau berkas sisipan "
                f"({daftar}) dan ditolak demi keamanan. Cetak ulang ke PDF (Print → Save as "
                "PDF), lalu unggah lagi."
            )
    return mime, isi


_SEBUTAN_LAIN = {".jpg": (".jpeg",)}


def nama_unduh(nama_asli: str, mime: str) -> str:
    """The original name with the extension of the type read from the content:
    “laporan.pdf.html” holding a PDF is “laporan.pdf”, never .html."""
    akhiran = JENIS_DITERIMA.get(mime, "")
    benar = (akhiran, *_SEBUTAN_LAIN.get(akhiran, ()))
    nama = nama_asli.replace("\\", "/").rsplit("/", 1)[-1] or "bukti"
    if nama.lower().endswith(benar):
        return nama
    dasar, titik, _ = nama.rpartition(".")
    dasar = dasar if titik and dasar else nama
    return dasar if dasar.lower().endswith(benar) else f"{dasar}{akhiran}"


def bukti_unggah(
    *, nilai: NilaiIndikator, berkas: UploadedFile, oleh: Pengguna, keterangan: str = ""
) -> BuktiDukung:
    """Store an evidence file under a random name, unless the year is locked. The file
    reaches storage only once the row is committed; a rolled-back upload leaves none."""
    mime, isi = periksa_berkas(berkas)
    keterangan = bersihkan_teks(keterangan, "Keterangan").strip()[:300]
    with transaction.atomic():
        tahun_kinerja = TahunKinerja.objects.kunci_untuk_ubah(nilai.indikator.satker, nilai.tahun)
        nilai = NilaiIndikator.objects.select_for_update(of=("self",)).get(pk=nilai.pk)
        if "unggah_bukti" not in tindakan_nilai(oleh, nilai, nilai.indikator, tahun_kinerja):
            raise ValidationError(
                f"Indikator ini sudah {nilai.get_status_display().lower()}: bukti tidak dapat "
                "ditambah sampai dikembalikan."
            )
        bukti = BuktiDukung(
            nilai=nilai,
            nama_asli=berkas.name[-255:],
            jenis=mime,
            ukuran=len(isi),
            keterangan=keterangan,
            diunggah_oleh=oleh,
        )
        lapangan = bukti.berkas.field
        bukti.berkas.name = lapangan.generate_filename(bukti, "berkas" + JENIS_DITERIMA[mime])
        bukti.save()
        transaction.on_commit(partial(_tulis_berkas, bukti.pk, bukti.berkas.name, isi))
    return bukti


def _tulis_berkas(pk: int, nama: str, isi: bytes) -> None:
    penyimpanan = BuktiDukung._meta.get_field("berkas").storage
    try:
        tersimpan = penyimpanan.save(nama, ContentFile(isi))
    except Exception:
        # The row must not point at a file that was never written.
        BuktiDukung.objects.filter(pk=pk).delete()
        raise
    if tersimpan != nama:  # the storage picked another name (never for a fresh random name)
        BuktiDukung.objects.filter(pk=pk).update(berkas=tersimpan)


def bukti_hapus(*, bukti: BuktiDukung, oleh: Pengguna) -> None:
    """Remove an evidence file: only its uploader, while the row is not verified
    and the year not locked."""
    with transaction.atomic():
        tahun_kinerja = TahunKinerja.objects.kunci_untuk_ubah(
            bukti.nilai.indikator.satker, bukti.nilai.tahun
        )
        bukti.nilai = NilaiIndikator.objects.select_for_update(of=("self",)).get(pk=bukti.nilai_id)
        if not boleh_hapus_bukti(oleh, bukti, tahun_kinerja):
            raise ValidationError(
                "Bukti hanya dapat dihapus oleh pengunggahnya selama indikator belum diverifikasi."
            )
        berkas = bukti.berkas
        bukti.delete()
        transaction.on_commit(lambda: berkas.delete(save=False))
