"""Evidence files (bukti dukung): the type is read from the content, never the
name; HTML, SVG and script content is refused even when disguised as a PDF."""

import re
from decimal import Decimal

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ..akses import boleh_hapus_bukti, tindakan_nilai
from ..angka import angka
from ..models import BuktiDukung, NilaiIndikator, Pengguna, TahunKinerja

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
_BERBAHAYA = re.compile(
    rb"<\s*(html|script|svg|body|iframe|object|embed|!doctype)|javascript:", re.I
)


def periksa_berkas(berkas: UploadedFile) -> str:
    """The MIME type of an acceptable file; ValidationError (Indonesian) otherwise."""
    if berkas.size > MAKS_UKURAN:
        ukuran = angka(Decimal(berkas.size) / 1048576, 1)
        raise ValidationError(
            f"Berkas “{berkas.name}” terlalu besar ({ukuran} MB); paling besar 10 MB."
        )
    if berkas.size == 0:
        raise ValidationError(f"Berkas “{berkas.name}” kosong.")
    berkas.seek(0)
    awal = berkas.read(8192)
    berkas.seek(0)
    jenis = filetype.guess(awal)
    mime = jenis.mime if jenis else None
    if mime not in JENIS_DITERIMA:
        raise ValidationError(
            f"Jenis berkas “{berkas.name}” tidak diterima. Unggah PDF, JPG, PNG, XLSX atau DOCX "
            "(jenis diperiksa dari isi berkas, bukan dari namanya)."
        )
    if _BERBAHAYA.search(awal[:1024]):
        raise ValidationError(
            f"Berkas “{berkas.name}” berisi kode HTML/skrip dan ditolak demi keamanan."
        )
    return mime


def bukti_unggah(
    *, nilai: NilaiIndikator, berkas: UploadedFile, oleh: Pengguna, keterangan: str = ""
) -> BuktiDukung:
    """Store an evidence file under a random name, unless the year is locked."""
    mime = periksa_berkas(berkas)
    with transaction.atomic():
        tahun_kinerja = TahunKinerja.objects.kunci_untuk_ubah(nilai.indikator.satker, nilai.tahun)
        nilai = NilaiIndikator.objects.select_for_update(of=("self",)).get(pk=nilai.pk)
        if "unggah_bukti" not in tindakan_nilai(oleh, nilai, nilai.indikator, tahun_kinerja):
            raise ValidationError(
                f"Indikator ini sudah {nilai.get_status_display().lower()}: bukti tidak dapat "
                "ditambah sampai dikembalikan."
            )
        nama_asli = berkas.name[-255:]
        berkas.name = "berkas" + JENIS_DITERIMA[mime]
        bukti = BuktiDukung(
            nilai=nilai,
            nama_asli=nama_asli,
            jenis=mime,
            ukuran=berkas.size,
            keterangan=keterangan.strip()[:300],
            diunggah_oleh=oleh,
        )
        bukti.berkas = berkas
        bukti.save()
    return bukti


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
