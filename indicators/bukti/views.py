"""Evidence files of one indicator-year: upload, removal and download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ..akses import bukti_untuk, nilai_untuk, wajib
from ..konfirmasi import minta_konfirmasi
from ..tautan import tautan
from .services import bukti_hapus, bukti_unggah, nama_unduh


@login_required
@require_POST
def bukti_tambah(request, pk: int):
    nilai = nilai_untuk(request, pk)
    wajib(request, "unggah_bukti")
    berkas = request.FILES.getlist("berkas")
    if not berkas:
        messages.error(request, "Pilih berkas yang akan diunggah.")
    for satu in berkas:
        try:
            bukti = bukti_unggah(
                nilai=nilai,
                berkas=satu,
                oleh=request.user,
                keterangan=request.POST.get("keterangan", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Bukti “{bukti.nama_asli}” diunggah.")
    return redirect("nilai_detail", pk=nilai.pk)


@login_required
@require_POST
def bukti_buang(request, pk: int):
    bukti = bukti_untuk(request, pk)
    wajib(request, "lihat")
    if bukti.diunggah_oleh_id != request.user.pk:
        raise PermissionDenied("Hanya pengunggah yang dapat menghapus bukti ini.")
    nilai_pk = bukti.nilai_id
    tanya = minta_konfirmasi(
        request,
        judul=f"Hapus bukti “{bukti.nama_asli}”?",
        pesan="Berkas ini dihapus dari bukti dukung indikator.",
        tombol="Ya, hapus",
        kembali=tautan("nilai_detail", nilai_pk),
    )
    if tanya:
        return tanya
    try:
        bukti_hapus(bukti=bukti, oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Bukti “{bukti.nama_asli}” dihapus.")
    return redirect("nilai_detail", pk=nilai_pk)


@login_required
def bukti_unduh(request, pk: int):
    """Evidence is served only here, after the satker check; never from a public URL."""
    bukti = bukti_untuk(request, pk, baca=True)
    try:
        berkas = bukti.berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas tidak ada di penyimpanan.") from exc
    # Always an attachment, named with the extension of the type read from the content.
    nama = nama_unduh(bukti.nama_asli, bukti.jenis)
    response = FileResponse(berkas, as_attachment=True, filename=nama)
    response["Content-Type"] = bukti.jenis or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    return response
