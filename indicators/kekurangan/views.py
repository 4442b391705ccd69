"""What still has to be filled per unit kerja for the open periods, and the
Admin's deadlines of the year (/belum-diisi/)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from .. import jadwal
from .. import periode as pr
from ..akses import boleh, penetapan_untuk, wajib
from ..angka import bilangan_query
from ..tautan import tautan
from .selectors import butir_kekurangan, per_unit, untuk_pengguna
from .services import jadwal_simpan


@login_required
@require_GET
def kekurangan(request):
    wajib(request, "lihat")
    tahun = bilangan_query(request, "tahun")
    penetapan = penetapan_untuk(request, tahun)
    satker = penetapan.satker
    hari = jadwal.hari_ini()
    tahun = tahun or (
        hari.year if hari.year in penetapan.daftar_tahun else penetapan.tahun_bawaan()
    )
    butir = untuk_pengguna(butir_kekurangan(satker, hari), request.user)
    jendela = jadwal.jendela_tahun(satker, tahun, hari)
    return render(
        request,
        "kekurangan/kekurangan.html",
        {
            "satker": satker,
            "penetapan": penetapan,
            "hari": hari,
            "kelompok": per_unit(butir),
            "jumlah": len(butir),
            "tahun": tahun,
            "daftar_tahun": penetapan.daftar_tahun,
            "jadwal": [
                {
                    "triwulan": tw,
                    "nama": f"Triwulan {pr.ROMAWI[tw]}"
                    + (" (dan Semester I)" if tw == 2 else "")
                    + (" (dan Semester II)" if tw == 4 else ""),
                    "jendela": j,
                    "bawaan": j.batas == pr.batas_bawaan(tahun, tw),
                }
                for tw, j in jendela.items()
            ],
            "boleh_atur": boleh(request.user, "atur_jadwal"),
        },
    )


@login_required
@require_POST
def jadwal_ubah(request, tahun: int):
    penetapan = penetapan_untuk(request, tahun)
    wajib(request, "atur_jadwal")
    batas, salah = {}, []
    for tw in (1, 2, 3, 4):
        teks = request.POST.get(f"batas-{tw}", "").strip()
        if not teks:
            batas[tw] = None
            continue
        try:
            batas[tw] = date.fromisoformat(teks)
        except ValueError:
            salah.append(f"TW {pr.ROMAWI[tw]}: “{teks}” bukan tanggal")
    if salah:
        messages.error(request, "Belum disimpan: " + "; ".join(salah) + ".")
    else:
        try:
            n = jadwal_simpan(
                satker=penetapan.satker, tahun=tahun, batas=batas, pengguna=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Batas pengisian {tahun} disimpan ({n} diubah).")
    return redirect(tautan("kekurangan", tahun=tahun, jangkar="jadwal"))
