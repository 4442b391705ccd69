"""The review workflow's buttons (submit, verify, return; the year's submit,
approval, return and reopening) and the queue of what waits for each role."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from .. import periode as pr
from ..akses import (
    boleh,
    boleh_ubah_realisasi,
    nilai_untuk,
    penetapan_untuk,
    satker_untuk,
    wajib,
)
from ..konfirmasi import minta_konfirmasi
from ..models import Indikator, NilaiIndikator, StatusReviu, StatusTahun, TahunKinerja
from ..tautan import tautan, tautan_nilai
from . import services as alur
from .selectors import nilai_antrean, ringkasan_persetujuan


def _pk_terpilih(request) -> list[int]:
    pilihan = []
    for v in request.POST.getlist("pilih"):
        try:
            pilihan.append(int(v))
        except ValueError:
            continue
    return pilihan


def _periode(request) -> tuple[str, int] | None:
    """The period grid the form was posted from (POST "periode": tw1…s2), or None."""
    return pr.dari_kode_url(request.POST.get("periode", ""))


def _kembali(tahun: int, periode) -> str:
    if periode:
        return reverse("realisasi_periode", args=[tahun, pr.kode_url(*periode)])
    return reverse("realisasi", args=[tahun])


def _semua_nilai(penetapan, tahun: int, status: str, periode=None) -> list[int]:
    """The entries of the grid (the year's, or one period's) in `status`."""
    nilai = NilaiIndikator.objects.filter(
        indikator__in=Indikator.objects.dari_penetapan(penetapan), tahun=tahun, status=status
    )
    if periode:
        nilai = nilai.filter(triwulan=periode[1], indikator__periode_ukur=periode[0])
    else:
        nilai = nilai.filter(triwulan=0, indikator__periode_ukur=pr.TAHUNAN)
    return list(nilai.values_list("pk", flat=True))


def _jalankan(request, fungsi, berhasil: str, **kwargs) -> None:
    try:
        hasil = fungsi(**kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    messages.success(request, berhasil.format(n=len(hasil) if isinstance(hasil, list) else 1))
    return hasil


@login_required
@require_POST
def realisasi_ajukan(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib(request, "ajukan")
    periode = _periode(request)
    if request.POST.get("semua"):
        tanya = minta_konfirmasi(
            request,
            judul=f"Ajukan semua yang siap ({tahun})?",
            pesan="Semua indikator yang siap diajukan kepada Sekretaris untuk diverifikasi; "
            "setelah diajukan, realisasinya tidak dapat diubah kecuali dikembalikan.",
            tombol="Ya, ajukan semua",
            kembali=_kembali(tahun, periode),
        )
        if tanya:
            return tanya
        pilihan = _semua_nilai(penetapan, tahun, StatusReviu.DRAF, periode) + _semua_nilai(
            penetapan, tahun, StatusReviu.DIKEMBALIKAN, periode
        )
        milik = [
            n
            for n in NilaiIndikator.objects.filter(pk__in=pilihan).select_related("indikator")
            if boleh_ubah_realisasi(request.user, n.indikator)
        ]
        siap = [n for n in milik if n.realisasi is not None and not alur.penjelasan_periode(n)]
        if len(siap) < len(milik):
            belum = [n.indikator.kode for n in milik if n not in siap]
            messages.warning(
                request,
                f"{len(belum)} indikator belum siap diajukan (realisasi kosong; capaian di atas "
                "100% tanpa analisis; atau di bawah target tanpa kendala dan tindak lanjut): "
                f"{', '.join(sorted(belum)[:15])}{' …' if len(belum) > 15 else ''}.",
            )
        pilihan = [n.pk for n in siap]
    else:
        pilihan = _pk_terpilih(request)
    if not pilihan:
        messages.warning(request, "Tidak ada indikator yang dipilih atau siap diajukan.")
    else:
        _jalankan(
            request,
            alur.nilai_ajukan,
            "{n} indikator diajukan untuk diverifikasi.",
            satker=penetapan.satker,
            tahun=tahun,
            pk_list=pilihan,
            oleh=request.user,
        )
    return redirect(_kembali(tahun, periode))


@login_required
@require_POST
def realisasi_verifikasi(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib(request, "verifikasi")
    periode = _periode(request)
    if request.POST.get("semua"):
        tanya = minta_konfirmasi(
            request,
            judul=f"Verifikasi semua yang diajukan ({tahun})?",
            pesan="Semua indikator yang diajukan dinyatakan terverifikasi.",
            tombol="Ya, verifikasi semua",
            kembali=_kembali(tahun, periode),
        )
        if tanya:
            return tanya
        pilihan = _semua_nilai(penetapan, tahun, StatusReviu.DIAJUKAN, periode)
    else:
        pilihan = _pk_terpilih(request)
    if not pilihan:
        messages.warning(request, "Tidak ada indikator yang menunggu verifikasi.")
    else:
        _jalankan(
            request,
            alur.nilai_verifikasi,
            "{n} indikator diverifikasi.",
            satker=penetapan.satker,
            tahun=tahun,
            pk_list=pilihan,
            oleh=request.user,
        )
    if request.POST.get("dari") == "nilai" and len(pilihan) == 1:
        return redirect("nilai_detail", pk=pilihan[0])
    return redirect(_kembali(tahun, periode))


@login_required
@require_POST
def nilai_kembalikan(request, pk: int):
    nilai = nilai_untuk(request, pk)
    wajib(request, "kembalikan")
    _jalankan(
        request,
        alur.nilai_kembalikan,
        f"Indikator {nilai.indikator.kode} dikembalikan ke Operator dengan catatan.",
        nilai=nilai,
        oleh=request.user,
        catatan=request.POST.get("catatan", ""),
    )
    if request.POST.get("dari") == "nilai":
        return redirect("nilai_detail", pk=nilai.pk)
    return redirect(tautan_nilai(nilai))


@login_required
@require_POST
def tahun_ajukan(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib(request, "ajukan_tahun")
    tanya = minta_konfirmasi(
        request,
        judul=f"Ajukan tahun {tahun} ke Ketua?",
        pesan=f"Setelah diajukan, target, realisasi dan bukti tahun {tahun} tidak dapat diubah "
        "sampai Ketua menyetujui atau mengembalikannya.",
        tombol=f"Ya, ajukan tahun {tahun}",
        kembali=tautan("realisasi", tahun),
    )
    if tanya:
        return tanya
    _jalankan(
        request,
        alur.tahun_ajukan,
        f"Tahun {tahun} diajukan kepada Ketua untuk disetujui.",
        penetapan=penetapan,
        tahun=tahun,
        oleh=request.user,
    )
    return redirect("realisasi", tahun=tahun)


@login_required
@require_POST
def tahun_setujui(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib(request, "setujui_tahun")
    tanya = minta_konfirmasi(
        request,
        judul=f"Setujui dan kunci tahun {tahun}?",
        pesan="Periksa ringkasan berikut sebelum menyetujui.",
        tombol=f"Ya, setujui dan kunci tahun {tahun}",
        kembali=tautan("realisasi", tahun),
        ringkasan=ringkasan_persetujuan(penetapan, tahun),
    )
    if tanya:
        return tanya
    _jalankan(
        request,
        alur.tahun_setujui,
        f"Tahun {tahun} disetujui dan dikunci.",
        satker=penetapan.satker,
        tahun=tahun,
        oleh=request.user,
    )
    return redirect("realisasi", tahun=tahun)


@login_required
@require_POST
def tahun_kembalikan(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib(request, "kembalikan_tahun")
    _jalankan(
        request,
        alur.tahun_kembalikan,
        f"Tahun {tahun} dikembalikan kepada Sekretaris.",
        satker=penetapan.satker,
        tahun=tahun,
        oleh=request.user,
        catatan=request.POST.get("catatan", ""),
    )
    return redirect("realisasi", tahun=tahun)


@login_required
@require_POST
def tahun_buka(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib(request, "buka_kunci")
    _jalankan(
        request,
        alur.tahun_buka,
        f"Kunci tahun {tahun} dibuka kembali.",
        satker=penetapan.satker,
        tahun=tahun,
        oleh=request.user,
        alasan=request.POST.get("alasan", ""),
    )
    return redirect("realisasi", tahun=tahun)


@login_required
@require_GET
def antrean(request):
    wajib(request, "lihat")
    satker = satker_untuk(request)
    user = request.user
    nilai = nilai_antrean(satker)
    menunggu_verifikasi = dikembalikan = []
    if boleh(user, "verifikasi"):
        menunggu_verifikasi = list(
            nilai.filter(status=StatusReviu.DIAJUKAN).order_by("-tahun", "indikator", "triwulan")
        )
    if boleh(user, "isi_realisasi"):
        dikembalikan = [
            n
            for n in nilai.filter(status=StatusReviu.DIKEMBALIKAN).order_by(
                "-tahun", "indikator", "triwulan"
            )
            if boleh_ubah_realisasi(user, n.indikator)
        ]
    tahun_menunggu = []
    if boleh(user, "setujui_tahun"):
        tahun_menunggu = list(
            TahunKinerja.objects.filter(satker=satker, status=StatusTahun.DIAJUKAN).select_related(
                "diajukan_oleh"
            )
        )
    return render(
        request,
        "reviu/antrean.html",
        {
            "menunggu_verifikasi": menunggu_verifikasi,
            "dikembalikan": dikembalikan,
            "tahun_menunggu": tahun_menunggu,
            "sekretaris": boleh(user, "verifikasi"),
            "operator": boleh(user, "isi_realisasi"),
            "ketua": boleh(user, "setujui_tahun"),
        },
    )
