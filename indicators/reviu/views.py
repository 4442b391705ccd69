"""The review workflow's buttons (submit, verify, return; the year's submit,
approval, return and reopening) and the queue of what waits for each role."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
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
from ..models import (
    Indikator,
    Konflik,
    NilaiIndikator,
    StatusReviu,
    StatusTahun,
    TahunKinerja,
)
from ..tautan import tautan, tautan_nilai
from . import services as alur
from .selectors import (
    antrean_verifikasi,
    nilai_antrean,
    pilihan_saring_antrean,
    ringkasan_buka,
    ringkasan_persetujuan,
)


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


def _nilai_terverifikasi(penetapan, tahun: int) -> list[NilaiIndikator]:
    """The verified entries a reopening may choose: those reviewed one by one
    (period entries of indicators measured per period, never their derived
    yearly rows)."""
    return list(
        nilai_antrean(penetapan.satker)
        .filter(
            indikator__in=Indikator.objects.dari_penetapan(penetapan),
            tahun=tahun,
            status=StatusReviu.DIVERIFIKASI,
        )
        .order_by("indikator__kode", "triwulan", "pk")
    )


@login_required
@require_GET
def tahun_buka_pilih(request, tahun: int):
    """The Admin chooses, before reopening a locked year, which of its verified
    entries become editable again; the page shows what reopens."""
    penetapan = penetapan_untuk(request, tahun)
    wajib(request, "buka_kunci")
    tahun_kinerja = TahunKinerja.objects.baca(penetapan.satker, tahun)
    if not tahun_kinerja.terkunci:
        messages.info(request, f"Tahun {tahun} tidak sedang terkunci.")
        return redirect("realisasi", tahun=tahun)
    return render(
        request,
        "reviu/buka_kunci.html",
        {
            "tahun": tahun,
            "satker": penetapan.satker,
            "tahun_kinerja": tahun_kinerja,
            "daftar": _nilai_terverifikasi(penetapan, tahun),
            "pilihan_ke": alur.BUKA_KE,
        },
    )


@login_required
@require_POST
def tahun_buka(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib(request, "buka_kunci")
    alasan = request.POST.get("alasan", "").strip()
    ke = request.POST.get("ke") or StatusReviu.DRAF
    pilihan = set(_pk_terpilih(request))
    if (
        alasan
        and ke in alur.BUKA_KE
        and TahunKinerja.objects.baca(penetapan.satker, tahun).terkunci
    ):
        dipilih = [n for n in _nilai_terverifikasi(penetapan, tahun) if n.pk in pilihan]
        tanya = minta_konfirmasi(
            request,
            judul=f"Buka kunci tahun {tahun}?",
            pesan=f"Alasan: {alasan}",
            tombol=f"Ya, buka kunci tahun {tahun}",
            kembali=tautan("tahun_buka_pilih", tahun),
            ringkasan=ringkasan_buka(dipilih, ke),
        )
        if tanya:
            return tanya
    hasil = _jalankan(
        request,
        alur.tahun_buka,
        f"Kunci tahun {tahun} dibuka kembali; {len(pilihan)} indikator dapat diubah lagi.",
        satker=penetapan.satker,
        tahun=tahun,
        oleh=request.user,
        alasan=alasan,
        pk_list=sorted(pilihan),
        ke=ke,
    )
    if hasil is None and TahunKinerja.objects.baca(penetapan.satker, tahun).terkunci:
        return redirect("tahun_buka_pilih", tahun=tahun)
    return redirect("realisasi", tahun=tahun)


def _saring_antrean(request) -> dict:
    """The queue's filters from the query string (or the row forms' fields)."""
    sumber = request.POST if request.method == "POST" else request.GET
    hasil = {}
    for nama in ("kegiatan", "unit"):
        try:
            hasil[nama] = int(sumber.get(nama) or "") or None
        except ValueError:
            hasil[nama] = None
    return hasil


@login_required
@require_GET
def antrean(request):
    wajib(request, "lihat")
    satker = satker_untuk(request)
    user = request.user
    nilai = nilai_antrean(satker)
    menunggu_verifikasi = dikembalikan = []
    saring = _saring_antrean(request)
    pilihan_kegiatan = pilihan_unit = []
    if boleh(user, "verifikasi"):
        menunggu_verifikasi = antrean_verifikasi(
            satker, kegiatan_pk=saring["kegiatan"], unit_pk=saring["unit"]
        )
        for i, n in enumerate(menunggu_verifikasi):
            berikut = menunggu_verifikasi[i + 1] if i + 1 < len(menunggu_verifikasi) else None
            n.berikut = berikut.pk if berikut else ""
        pilihan_kegiatan, pilihan_unit = pilihan_saring_antrean(satker)
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
            "saring": saring,
            "tersaring": any(saring.values()),
            "pilihan_kegiatan": pilihan_kegiatan,
            "pilihan_unit": pilihan_unit,
        },
    )


def _ingin_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _jawab_antrean(request, ok: bool, pesan: str, status: int = 200, jangkar: str = ""):
    """The queue's answer to a row's action: JSON for the page's script (the row
    changes in place), else the message and the queue again, same filters, at
    the next row."""
    if _ingin_json(request):
        return JsonResponse({"ok": ok, "pesan": pesan}, status=status)
    (messages.success if ok else messages.error)(request, pesan)
    return redirect(tautan("antrean", **_saring_antrean(request), jangkar=jangkar))


def _versi_terlihat(request, pk_list: list[int]) -> dict[int, int]:
    versi = {}
    for pk in pk_list:
        try:
            versi[pk] = int(request.POST.get(f"versi-{pk}", ""))
        except ValueError:
            continue
    return versi


def _jangkar_berikut(request) -> str:
    berikut = request.POST.get("berikut", "")
    return f"a{berikut}" if berikut.isdigit() else "antrean-verifikasi"


@login_required
@require_POST
def antrean_verifikasi_nilai(request):
    """Verify entries from the queue: one row (in place), or every row shown
    (after a confirmation), each checked against the versi the page showed."""
    wajib(request, "verifikasi")
    satker = satker_untuk(request)
    pilihan = _pk_terpilih(request)
    semua = len(pilihan) > 1 or request.POST.get("semua")
    if semua:
        tanya = minta_konfirmasi(
            request,
            judul=f"Verifikasi {len(pilihan)} indikator yang ditampilkan?",
            pesan="Semua indikator yang ditampilkan di antrean dinyatakan terverifikasi.",
            tombol="Ya, verifikasi semua",
            kembali=tautan("antrean", **_saring_antrean(request)),
        )
        if tanya:
            return tanya
    if not pilihan:
        return _jawab_antrean(request, False, "Tidak ada indikator yang dipilih.", 400)
    per_tahun: dict[int, list[int]] = {}
    for tahun, pk in (
        NilaiIndikator.objects.milik_satker(satker)
        .filter(pk__in=pilihan)
        .values_list("tahun", "pk")
    ):
        per_tahun.setdefault(tahun, []).append(pk)
    versi = _versi_terlihat(request, pilihan)
    try:
        with transaction.atomic():
            hasil = []
            for tahun, pk_list in sorted(per_tahun.items()):
                hasil += alur.nilai_verifikasi(
                    satker=satker,
                    tahun=tahun,
                    pk_list=pk_list,
                    oleh=request.user,
                    versi={pk: versi.get(pk, -1) for pk in pk_list},
                )
    except Konflik as exc:
        return _jawab_antrean(request, False, str(exc), 409)
    except ValidationError as exc:
        return _jawab_antrean(request, False, " ".join(exc.messages), 409)
    if not hasil:
        return _jawab_antrean(request, False, "Indikator tidak ditemukan di antrean.", 404)
    if len(hasil) == 1:
        pesan = f"{hasil[0].indikator.kode} ({hasil[0].tahun}) diverifikasi."
    else:
        pesan = f"{len(hasil)} indikator diverifikasi."
    return _jawab_antrean(request, True, pesan, jangkar="" if semua else _jangkar_berikut(request))


@login_required
@require_POST
def antrean_kembalikan_nilai(request, pk: int):
    """Return one entry from the queue with its required note."""
    nilai = nilai_untuk(request, pk)
    wajib(request, "kembalikan")
    try:
        alur.nilai_kembalikan(
            nilai=nilai,
            oleh=request.user,
            catatan=request.POST.get("catatan", ""),
            versi=_versi_terlihat(request, [nilai.pk]).get(nilai.pk, -1),
            hanya_diajukan=True,
        )
    except Konflik as exc:
        return _jawab_antrean(request, False, str(exc), 409, jangkar=f"a{nilai.pk}")
    except ValidationError as exc:
        status = 400 if "wajib" in " ".join(exc.messages) else 409
        return _jawab_antrean(
            request, False, " ".join(exc.messages), status, jangkar=f"a{nilai.pk}"
        )
    return _jawab_antrean(
        request,
        True,
        f"{nilai.indikator.kode} ({nilai.tahun}) dikembalikan ke Operator dengan catatan.",
        jangkar=_jangkar_berikut(request),
    )
