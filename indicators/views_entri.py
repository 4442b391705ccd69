"""Entry of realisations and targets, the review workflow, evidence and the queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from . import alur
from .akses import (
    ADMIN,
    KETUA,
    OPERATOR,
    SEKRETARIS,
    bukti_untuk,
    nilai_untuk,
    penetapan_untuk,
    satker_untuk,
    wajib_peran,
)
from .bukti import boleh_hapus, bukti_hapus, bukti_unggah
from .entri import (
    Konflik,
    TahunTerkunci,
    baca_angka,
    baca_baris_realisasi,
    baris_dari_nilai,
    baris_target,
    boleh_ubah_realisasi,
    nilai_simpan_realisasi,
    nilai_simpan_target,
)
from .format import persen
from .models import (
    BuktiDukung,
    Indikator,
    NilaiIndikator,
    RiwayatStatus,
    SkalaKategori,
    StatusReviu,
    StatusTahun,
    TahunKinerja,
    kategori_untuk,
    susun_hierarki,
)
from .riwayat import perubahan_nilai
from .views import _tahun_bawaan

SEMUA = (ADMIN, OPERATOR, SEKRETARIS, KETUA)


def _pesan_galat(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


# --- Realisasi grid ---------------------------------------------------------------------


@login_required
@require_GET
def realisasi_bawaan(request):
    wajib_peran(request, *SEMUA)
    penetapan = penetapan_untuk(request)
    return redirect("realisasi", tahun=_tahun_bawaan(penetapan))


def _baris_realisasi(request, penetapan, tahun: int, terkunci: bool, data=None) -> list:
    indikator = list(
        Indikator.objects.dari_penetapan(penetapan).dengan_hierarki().dengan_nilai(tahun, tahun - 1)
    )
    nilai_ini = {}
    for item in indikator:
        nilai_ini[item.pk] = item.nilai_pada(tahun)
        lalu = item.nilai_pada(tahun - 1)
        item.realisasi_lalu = lalu.realisasi if lalu else None
    id_nilai = [n.pk for n in nilai_ini.values() if n is not None]
    jumlah_bukti = dict(
        BuktiDukung.objects.filter(nilai_id__in=id_nilai)
        .values("nilai_id")
        .annotate(n=Count("pk"))
        .values_list("nilai_id", "n")
    )
    baris = []
    for item in indikator:
        nilai = nilai_ini[item.pk]
        boleh = not terkunci and boleh_ubah_realisasi(request.user, item)
        if (
            boleh
            and nilai is not None
            and nilai.status
            in (
                StatusReviu.DIAJUKAN,
                StatusReviu.DIVERIFIKASI,
            )
        ):
            boleh = False
        if data is None:
            b = baris_dari_nilai(item, nilai, boleh)
        else:
            b = baca_baris_realisasi(data, item, nilai, boleh)
        b.jumlah_bukti = jumlah_bukti.get(nilai.pk, 0) if nilai else 0
        item.baris = b
        baris.append(b)
    return indikator, baris


def _ringkas_status(baris) -> dict:
    hitung = {s.value: 0 for s in StatusReviu}
    hitung["kosong"] = 0
    for b in baris:
        if b.nilai is None:
            hitung["kosong"] += 1
        else:
            hitung[b.nilai.status] += 1
    return hitung


@login_required
def realisasi(request, tahun: int):
    wajib_peran(request, *SEMUA)
    penetapan = penetapan_untuk(request, tahun)
    satker = penetapan.satker
    tahun_kinerja = TahunKinerja.objects.untuk(satker, tahun)
    skala = SkalaKategori.objects.daftar()
    if request.method == "POST":
        wajib_peran(request, OPERATOR)
        indikator, baris = _baris_realisasi(
            request, penetapan, tahun, tahun_kinerja.terkunci, request.POST
        )
        galat = [b for b in baris if b.galat]
        if tahun_kinerja.terkunci:
            messages.error(request, str(TahunTerkunci(tahun)))
        elif galat:
            messages.error(
                request,
                f"Belum disimpan: {len(galat)} baris perlu diperbaiki "
                f"({', '.join(b.indikator.kode for b in galat[:10])}"
                f"{' …' if len(galat) > 10 else ''}). Semua isian Anda masih ada.",
            )
        else:
            try:
                jumlah = nilai_simpan_realisasi(
                    satker=satker, tahun=tahun, pengguna=request.user, baris=baris
                )
            except TahunTerkunci as exc:
                messages.error(request, str(exc))
            except Konflik as exc:
                messages.error(request, str(exc))
                _tandai_konflik(exc.indikator, baris, tahun)
            else:
                messages.success(request, f"Tersimpan: {jumlah} indikator diperbarui.")
                return redirect("realisasi", tahun=tahun)
        status = 400 if galat else 409
    else:
        indikator, baris = _baris_realisasi(request, penetapan, tahun, tahun_kinerja.terkunci)
        status = 200
    for b in baris:
        b.capaian = b.indikator.hitung_capaian(b.nilai.target if b.nilai else None, b.realisasi)
        b.kategori = kategori_untuk(b.capaian, skala)
    operator, sekretaris = request.user.punya_peran(OPERATOR), request.user.punya_peran(SEKRETARIS)
    hierarki = susun_hierarki(indikator)
    tbody = render_to_string(
        "indicators/_tbody_realisasi.jinja",
        {
            "hierarki": hierarki,
            "skala": skala,
            "tahun": tahun,
            "tahun_kinerja": tahun_kinerja,
            "operator": operator,
            "sekretaris": sekretaris,
        },
        using="jinja2",
    )
    return render(
        request,
        "indicators/entri_realisasi.html",
        {
            "penetapan": penetapan,
            "satker": satker,
            "tahun": tahun,
            "tahun_kinerja": tahun_kinerja,
            "daftar_tahun": penetapan.daftar_tahun,
            "tbody": mark_safe(tbody),  # the output of our own (autoescaping) template
            # Not shown by the page (the rows are in tbody); the test client only
            # records Django templates' contexts, and the tests read the rows here.
            "hierarki": hierarki,
            "jumlah_indikator": len(indikator),
            "ada_isian": any(b.boleh_ubah for b in baris),
            "ringkas": _ringkas_status(baris),
            "operator": operator,
            "sekretaris": sekretaris,
            "ketua": request.user.punya_peran(KETUA),
            "admin": request.user.punya_peran(ADMIN),
        },
        status=status,
    )


def _tandai_konflik(indikator_konflik, baris, tahun: int) -> None:
    """Show the newer stored value next to each conflicting row and take its
    version, so saving again knowingly replaces it."""
    ids = {i.pk for i in indikator_konflik}
    terbaru = {
        n.indikator_id: n
        for n in NilaiIndikator.objects.filter(
            indikator_id__in=ids, tahun=tahun, triwulan=0
        ).select_related("diubah_oleh")
    }
    for b in baris:
        if b.indikator.pk in ids:
            n = terbaru.get(b.indikator.pk)
            b.konflik = n
            b.versi = n.versi if n else None
            b.galat.setdefault("realisasi", "Diubah orang lain; lihat nilai terbaru di bawah.")


@login_required
@require_GET
def realisasi_capaian(request, tahun: int):
    """The server's capaian and kategori for a typed realisasi (the page's
    script shows these; the server's computation is the authority)."""
    wajib_peran(request, *SEMUA)
    penetapan = penetapan_untuk(request, tahun)
    try:
        pk = int(request.GET.get("indikator", ""))
    except ValueError as exc:
        raise Http404("Indikator tidak ditemukan.") from exc
    indikator = Indikator.objects.dari_penetapan(penetapan).filter(pk=pk).first()
    if indikator is None:
        raise Http404("Indikator tidak ditemukan.")
    nilai = NilaiIndikator.objects.filter(indikator=indikator, tahun=tahun, triwulan=0).first()
    try:
        realisasi = baca_angka(request.GET.get("realisasi", ""))
    except ValueError as exc:
        return JsonResponse({"galat": str(exc), "capaian": "—", "kategori": "", "kelas": ""})
    capaian = indikator.hitung_capaian(nilai.target if nilai else None, realisasi)
    kategori = kategori_untuk(capaian, SkalaKategori.objects.daftar())
    return JsonResponse(
        {
            "galat": "",
            "capaian": persen(capaian),
            "kategori": kategori.nama if kategori else "",
            "kelas": f"kategori-{kategori.pk}" if kategori else "",
            "perlu_analisis": capaian is not None and capaian > 100,
        }
    )


def _pk_terpilih(request) -> list[int]:
    pilihan = []
    for v in request.POST.getlist("pilih"):
        try:
            pilihan.append(int(v))
        except ValueError:
            continue
    return pilihan


def _semua_nilai(penetapan, tahun: int, status: str) -> list[int]:
    return list(
        NilaiIndikator.objects.filter(
            indikator__in=Indikator.objects.dari_penetapan(penetapan),
            tahun=tahun,
            triwulan=0,
            status=status,
        ).values_list("pk", flat=True)
    )


def _jalankan(request, fungsi, berhasil: str, **kwargs) -> None:
    try:
        hasil = fungsi(**kwargs)
    except (ValidationError, TahunTerkunci) as exc:
        messages.error(request, _pesan_galat(exc))
        return None
    messages.success(request, berhasil.format(n=len(hasil) if isinstance(hasil, list) else 1))
    return hasil


@login_required
@require_POST
def realisasi_ajukan(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib_peran(request, OPERATOR)
    if request.POST.get("semua"):
        pilihan = _semua_nilai(penetapan, tahun, StatusReviu.DRAF) + _semua_nilai(
            penetapan, tahun, StatusReviu.DIKEMBALIKAN
        )
        milik = [
            n
            for n in NilaiIndikator.objects.filter(pk__in=pilihan).select_related("indikator")
            if boleh_ubah_realisasi(request.user, n.indikator)
        ]
        siap = [n for n in milik if n.realisasi is not None and not n.perlu_analisis]
        if len(siap) < len(milik):
            belum = [n.indikator.kode for n in milik if n not in siap]
            messages.warning(
                request,
                f"{len(belum)} indikator belum siap diajukan (realisasi kosong, atau capaian "
                f"di atas 100% tanpa analisis): {', '.join(sorted(belum)[:15])}"
                f"{' …' if len(belum) > 15 else ''}.",
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
    return redirect("realisasi", tahun=tahun)


@login_required
@require_POST
def realisasi_verifikasi(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib_peran(request, SEKRETARIS)
    if request.POST.get("semua"):
        pilihan = _semua_nilai(penetapan, tahun, StatusReviu.DIAJUKAN)
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
    return redirect("realisasi", tahun=tahun)


@login_required
@require_POST
def nilai_kembalikan(request, pk: int):
    nilai = nilai_untuk(request, pk)
    wajib_peran(request, SEKRETARIS)
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
    return redirect(reverse("realisasi", args=[nilai.tahun]) + f"#i{nilai.indikator_id}")


@login_required
@require_POST
def tahun_ajukan(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib_peran(request, SEKRETARIS)
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
    wajib_peran(request, KETUA)
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
    wajib_peran(request, KETUA)
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
    wajib_peran(request, ADMIN)
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


# --- One indicator-year: evidence, timeline, change history -------------------------------


@login_required
@require_GET
def nilai_detail(request, pk: int):
    wajib_peran(request, *SEMUA)
    nilai = nilai_untuk(request, pk)
    indikator = nilai.indikator
    tahun_kinerja = TahunKinerja.objects.untuk(indikator.satker, nilai.tahun)
    bukti = list(nilai.bukti.select_related("diunggah_oleh"))
    for b in bukti:
        b.nilai = nilai
        b.boleh_hapus = boleh_hapus(b, request.user, tahun_kinerja.terkunci)
    skala = SkalaKategori.objects.daftar()
    return render(
        request,
        "indicators/entri_nilai.html",
        {
            "nilai": nilai,
            "indikator": indikator,
            "tahun_kinerja": tahun_kinerja,
            "bukti": bukti,
            "kategori": kategori_untuk(nilai.capaian, skala),
            "linimasa": list(
                RiwayatStatus.objects.filter(nilai=nilai).select_related("oleh").order_by("pada")
            ),
            "perubahan": [p for p in perubahan_nilai(indikator) if p.tahun == nilai.tahun],
            "boleh_unggah": not tahun_kinerja.terkunci
            and request.user.punya_peran(OPERATOR, SEKRETARIS, ADMIN),
            "boleh_kembalikan": request.user.punya_peran(SEKRETARIS)
            and tahun_kinerja.status == StatusTahun.DRAF
            and nilai.status in (StatusReviu.DIAJUKAN, StatusReviu.DIVERIFIKASI),
        },
    )


@login_required
@require_POST
def bukti_tambah(request, pk: int):
    nilai = nilai_untuk(request, pk)
    wajib_peran(request, OPERATOR, SEKRETARIS, ADMIN)
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
        except (ValidationError, TahunTerkunci) as exc:
            messages.error(request, _pesan_galat(exc))
        else:
            messages.success(request, f"Bukti “{bukti.nama_asli}” diunggah.")
    return redirect("nilai_detail", pk=nilai.pk)


@login_required
@require_POST
def bukti_buang(request, pk: int):
    bukti = bukti_untuk(request, pk)
    wajib_peran(request, *SEMUA)
    if bukti.diunggah_oleh_id != request.user.pk:
        raise PermissionDenied("Hanya pengunggah yang dapat menghapus bukti ini.")
    nilai_pk = bukti.nilai_id
    try:
        bukti_hapus(bukti=bukti, oleh=request.user)
    except (ValidationError, TahunTerkunci) as exc:
        messages.error(request, _pesan_galat(exc))
    else:
        messages.success(request, f"Bukti “{bukti.nama_asli}” dihapus.")
    return redirect("nilai_detail", pk=nilai_pk)


# --- Targets grid ----------------------------------------------------------------------


@login_required
def target(request):
    wajib_peran(request, *SEMUA)
    penetapan = penetapan_untuk(request)
    satker = penetapan.satker
    daftar_tahun = penetapan.daftar_tahun
    boleh_ubah = request.user.punya_peran(ADMIN, SEKRETARIS)
    terkunci = set(
        TahunKinerja.objects.filter(
            satker=satker, tahun__in=daftar_tahun, status=StatusTahun.DISETUJUI
        ).values_list("tahun", flat=True)
    )
    indikator = list(
        Indikator.objects.dari_penetapan(penetapan).dengan_hierarki().dengan_nilai(*daftar_tahun)
    )
    data = None
    status = 200
    if request.method == "POST":
        wajib_peran(request, ADMIN, SEKRETARIS)
        data = request.POST
    baris = [baris_target(i, daftar_tahun, terkunci, data) for i in indikator]
    for i, b in zip(indikator, baris, strict=True):
        i.baris = b
    if data is not None:
        galat = [b for b in baris if b.ada_galat]
        if galat:
            messages.error(
                request,
                f"Belum disimpan: {len(galat)} baris perlu diperbaiki "
                f"({', '.join(b.indikator.kode for b in galat[:10])}). Semua isian Anda masih ada.",
            )
            status = 400
        else:
            try:
                jumlah = nilai_simpan_target(
                    satker=satker, pengguna=request.user, daftar_tahun=daftar_tahun, baris=baris
                )
            except (TahunTerkunci, Konflik) as exc:
                messages.error(request, str(exc))
                status = 409
            else:
                messages.success(request, f"Tersimpan: {jumlah} target diperbarui.")
                return redirect("target")
    return render(
        request,
        "indicators/entri_target.html",
        {
            "penetapan": penetapan,
            "satker": satker,
            "daftar_tahun": daftar_tahun,
            "terkunci": terkunci,
            "hierarki": susun_hierarki(indikator),
            "jumlah_indikator": len(indikator),
            "boleh_ubah": boleh_ubah,
            "kolom": len(daftar_tahun) + 3,
        },
        status=status,
    )


# --- What waits for me ---------------------------------------------------------------------


@login_required
@require_GET
def antrean(request):
    wajib_peran(request, *SEMUA)
    satker = satker_untuk(request)
    user = request.user
    nilai = NilaiIndikator.objects.milik_satker(satker).tahunan().dengan_hierarki()
    menunggu_verifikasi = dikembalikan = []
    if user.punya_peran(SEKRETARIS):
        menunggu_verifikasi = list(
            nilai.filter(status=StatusReviu.DIAJUKAN).order_by("-tahun", "indikator")
        )
    if user.punya_peran(OPERATOR):
        dikembalikan = [
            n
            for n in nilai.filter(status=StatusReviu.DIKEMBALIKAN).order_by("-tahun", "indikator")
            if boleh_ubah_realisasi(user, n.indikator)
        ]
    tahun_menunggu = []
    if user.punya_peran(KETUA):
        tahun_menunggu = list(
            TahunKinerja.objects.filter(satker=satker, status=StatusTahun.DIAJUKAN).select_related(
                "diajukan_oleh"
            )
        )
    return render(
        request,
        "indicators/entri_antrean.html",
        {
            "menunggu_verifikasi": menunggu_verifikasi,
            "dikembalikan": dikembalikan,
            "tahun_menunggu": tahun_menunggu,
            "sekretaris": user.punya_peran(SEKRETARIS),
            "operator": user.punya_peran(OPERATOR),
            "ketua": user.punya_peran(KETUA),
        },
    )
