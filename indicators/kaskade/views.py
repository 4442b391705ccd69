"""/kaskade/: the satker's Admin adopts the parent's IKU (preview, then
confirm), adopts for all its children, accepts the parent's revisions
indicator by indicator, or starts a new period from its own old IKU."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..akses import indikator_untuk, satker_untuk, wajib
from ..konfirmasi import minta_konfirmasi
from ..models import PenetapanIKU, Satker
from ..tautan import tautan
from . import services
from .services import KaskadeDitolak


@dataclass
class Keadaan:
    """Where the satker stands in the cascade of the current period."""

    satker: Satker
    penetapan: PenetapanIKU | None  # the satker's decree of the current period
    induk: PenetapanIKU | None  # the parent satker's decree of that period
    sumber_periode: PenetapanIKU | None  # an older own decree to start a new period from
    periode_baru: tuple[int, int] | None
    anak_total: int
    anak_belum: list[Satker]


def _keadaan(satker: Satker) -> Keadaan:
    semua = PenetapanIKU.objects.select_related("satker", "induk__satker")
    induk = semua.bawaan(satker.induk_id) if satker.induk_id else None
    if induk is not None:
        penetapan = semua.filter(
            satker=satker, tahun_awal=induk.tahun_awal, tahun_akhir=induk.tahun_akhir
        ).first()
    else:
        penetapan = semua.bawaan(satker)
    sumber_periode, periode_baru = None, None
    terbaru = semua.terbaru(satker)
    if terbaru is not None and (penetapan is None or penetapan.pk == terbaru.pk):
        if induk is not None and penetapan is None:
            periode_baru = (induk.tahun_awal, induk.tahun_akhir)
        elif induk is None:
            panjang = terbaru.tahun_akhir - terbaru.tahun_awal
            periode_baru = (terbaru.tahun_akhir + 1, terbaru.tahun_akhir + 1 + panjang)
        if periode_baru and periode_baru[0] > terbaru.tahun_akhir:
            sumber_periode = terbaru
        else:
            periode_baru = None
    anak = list(satker.anak.order_by("kode"))
    anak_belum = []
    if penetapan is not None and anak:
        sudah = set(
            PenetapanIKU.objects.filter(
                satker__in=anak, tahun_awal=penetapan.tahun_awal, tahun_akhir=penetapan.tahun_akhir
            ).values_list("satker_id", flat=True)
        )
        anak_belum = [s for s in anak if s.pk not in sudah]
    return Keadaan(satker, penetapan, induk, sumber_periode, periode_baru, len(anak), anak_belum)


@login_required
def kaskade(request):
    wajib(request, "kaskade")
    satker = satker_untuk(request)
    k = _keadaan(satker)
    pratinjau = request.GET.get("pratinjau", "")
    isi = {}
    if pratinjau == "adopsi" and k.induk is not None and k.penetapan is None:
        isi = services.pratinjau_salin(k.induk)
    elif pratinjau == "anak" and k.penetapan is not None and k.anak_belum:
        isi = services.pratinjau_salin(k.penetapan)
    elif pratinjau == "periode" and k.sumber_periode is not None:
        isi = services.pratinjau_salin(k.sumber_periode)
    else:
        pratinjau = ""
    kode = request.GET.get("satker", "") if request.user.is_superuser else ""
    revisi = services.revisi_induk(k.penetapan) if k.penetapan is not None else []
    return render(
        request,
        "kaskade/kaskade.html",
        {
            "k": k,
            "satker": satker,
            "pratinjau": pratinjau,
            "isi": isi,
            "revisi": revisi,
            "kueri_satker": kode,
            "sq": f"?{urlencode({'satker': kode})}" if kode else "",
        },
    )


def _kembali(request):
    kode = request.GET.get("satker") if request.user.is_superuser else None
    return redirect(tautan("kaskade", satker=kode) if kode else tautan("kaskade"))


@login_required
@require_POST
def kaskade_adopsi(request):
    wajib(request, "kaskade")
    satker = satker_untuk(request)
    k = _keadaan(satker)
    if k.induk is None:
        messages.error(request, f"Satker induk {satker.nama} belum mempunyai IKU untuk diadopsi.")
        return _kembali(request)
    try:
        baru = services.iku_adopsi(induk=k.induk, satker=satker, oleh=request.user)
    except KaskadeDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"IKU {baru.periode} diadopsi dari {k.induk.satker.nama}. Isi targetnya di Target.",
        )
    return _kembali(request)


@login_required
@require_POST
def kaskade_adopsi_anak(request):
    wajib(request, "kaskade")
    satker = satker_untuk(request)
    k = _keadaan(satker)
    if k.penetapan is None:
        messages.error(request, f"{satker.nama} belum mempunyai IKU periode ini untuk diturunkan.")
        return _kembali(request)
    hasil = services.iku_adopsi_massal(induk=k.penetapan, oleh=request.user)
    messages.success(
        request,
        f"IKU {k.penetapan.periode} diadopsi oleh {hasil.jumlah} satker di bawah {satker.nama}"
        + (
            f"; {len(hasil.dilewati)} satker sudah mempunyai IKU periode ini."
            if hasil.dilewati
            else "."
        ),
    )
    return _kembali(request)


@login_required
@require_POST
def kaskade_terima_revisi(request):
    wajib(request, "kaskade")
    satker = satker_untuk(request)
    k = _keadaan(satker)
    if k.penetapan is None or k.penetapan.induk_id is None:
        messages.error(
            request, "IKU periode ini tidak diadopsi dari satker induk: tidak ada revisi."
        )
        return _kembali(request)
    kunci = None if request.POST.get("semua") else request.POST.getlist("kunci")
    try:
        jumlah = services.iku_terima_revisi(penetapan=k.penetapan, kunci=kunci, oleh=request.user)
    except KaskadeDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Diterima: {jumlah} perubahan dari {k.induk.satker.nama}.")
    return _kembali(request)


@login_required
@require_POST
def kaskade_salin_periode(request):
    wajib(request, "kaskade")
    satker = satker_untuk(request)
    k = _keadaan(satker)
    if k.sumber_periode is None:
        messages.error(request, "Tidak ada IKU lama yang dapat disalin ke periode baru.")
        return _kembali(request)
    try:
        baru = services.iku_salin_periode(
            sumber=k.sumber_periode,
            tahun_awal=k.periode_baru[0],
            tahun_akhir=k.periode_baru[1],
            oleh=request.user,
        )
    except KaskadeDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"IKU {k.sumber_periode.periode} disalin menjadi titik awal IKU {baru.periode}. "
            "Lengkapi nomor penetapannya di Admin dan isi targetnya di Target.",
        )
    return _kembali(request)


@login_required
@require_POST
def indikator_hentikan(request, pk: int):
    """The satker's Admin retires one of its indicators (asked first): it is
    measured no more after this year, its history stays, and the satker below
    see it as a revision to accept."""
    wajib(request, "hentikan_indikator")
    indikator = indikator_untuk(request, pk)  # the user's own satker only
    kembali = tautan("indikator_detail", indikator.pk)
    tanya = minta_konfirmasi(
        request,
        judul=f"Hentikan indikator {indikator.kode}?",
        pesan=(
            f"{indikator.kode} {indikator.nama} tidak diukur lagi mulai tahun depan. Nilai dan "
            "riwayat tahun-tahun sebelumnya tetap tersimpan; satker di bawah melihatnya sebagai "
            "revisi yang perlu diterima."
        ),
        tombol="Ya, hentikan",
        kembali=kembali,
    )
    if tanya:
        return tanya
    try:
        services.indikator_hentikan(indikator=indikator, oleh=request.user)
    except KaskadeDitolak as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Indikator {indikator.kode} dihentikan.")
    return redirect(kembali)
