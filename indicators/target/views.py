"""The target grid: every indicator × every year of the period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from ..akses import boleh, penetapan_untuk, wajib
from ..angka import bilangan_query
from ..hierarki import susun_hierarki
from ..models import (
    Indikator,
    Konflik,
    NilaiIndikator,
    StatusTahun,
    TahunKinerja,
    TahunTerkunci,
    TargetDiBawahInduk,
)
from ..tautan import tautan
from .services import baris_target, nilai_simpan_target


@login_required
def target(request):
    wajib(request, "lihat")
    penetapan = penetapan_untuk(request)
    satker = penetapan.satker
    daftar_tahun = penetapan.daftar_tahun
    boleh_ubah = boleh(request.user, "ubah_target")
    # Approved years are locked; a year with the Ketua is closed too until returned.
    terkunci = set(
        TahunKinerja.objects.filter(satker=satker, tahun__in=daftar_tahun)
        .exclude(status=StatusTahun.DRAF)
        .values_list("tahun", flat=True)
    )
    indikator = list(
        Indikator.objects.dari_penetapan(penetapan).dengan_hierarki().dengan_nilai(*daftar_tahun)
    )
    # The year whose period targets are shown (indicators measured per period).
    tahun_periode = bilangan_query(request, "tahun") or penetapan.tahun_bawaan()
    if tahun_periode not in daftar_tahun:
        raise Http404("Tahun di luar periode IKU.")
    berperiode = [i for i in indikator if i.berperiode]
    per_periode = NilaiIndikator.objects.per_periode(berperiode, [tahun_periode])
    data = None
    status = 200
    if request.method == "POST":
        wajib(request, "ubah_target")
        data = request.POST
    baris = [
        baris_target(
            i, daftar_tahun, terkunci, data, tahun_periode, per_periode.get((i.pk, tahun_periode))
        )
        for i in indikator
    ]
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
            except TargetDiBawahInduk as exc:
                messages.error(request, str(exc))
                status = 400
            else:
                messages.success(request, f"Tersimpan: {jumlah} target diperbarui.")
                return redirect(tautan("target", tahun=tahun_periode if berperiode else None))
    return render(
        request,
        "target/entri.html",
        {
            "penetapan": penetapan,
            "satker": satker,
            "daftar_tahun": daftar_tahun,
            "terkunci": terkunci,
            "hierarki": susun_hierarki(indikator),
            "jumlah_indikator": len(indikator),
            "boleh_ubah": boleh_ubah,
            "kolom": len(daftar_tahun) + 3,
            "tahun_periode": tahun_periode,
            "ada_berperiode": bool(berperiode),
        },
        status=status,
    )
