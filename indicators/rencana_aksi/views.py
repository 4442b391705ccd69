"""The Rencana Aksi screen: the year's actions per indicator (/rencana-aksi/<tahun>/),
one indicator-year's actions with their quarterly milestones, added, changed and
removed by the Operator, Sekretaris or Admin (/rencana-aksi/<tahun>/indikator/<pk>/),
and one quarter's progress of every action (/rencana-aksi/<tahun>/tw<n>/)."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .. import periode as pr
from ..akses import (
    boleh,
    indikator_untuk,
    penetapan_untuk,
    rencana_aksi_untuk,
    wajib,
)
from ..angka import angka, baca_rupiah
from ..konfirmasi import minta_konfirmasi
from ..models import (
    Indikator,
    KemajuanRencanaAksi,
    Konflik,
    NilaiIndikator,
    RencanaAksi,
    StatusTahun,
    TahunKinerja,
    TahunTerkunci,
    UnitKerja,
)
from ..tautan import jangkar_indikator, tautan
from . import services
from .selectors import pasang_langkah, rencana_per_indikator
from .services import IsianKemajuan, IsianRencana, kemajuan_simpan, rencana_aksi_simpan

TRIWULAN = (1, 2, 3, 4)


def _dapat_diubah(tahun_kinerja: TahunKinerja) -> bool:
    return tahun_kinerja.status == StatusTahun.DRAF


def _pesan_terkunci(tahun_kinerja: TahunKinerja) -> str:
    if tahun_kinerja.status == StatusTahun.DRAF:
        return ""
    return str(TahunTerkunci(tahun_kinerja.tahun, tahun_kinerja.status))


def _menu_triwulan(tahun: int) -> list[dict]:
    return [
        {
            "tw": tw,
            "nama": pr.nama_periode(pr.TRIWULANAN, tw),
            "singkat": pr.singkatan_periode(pr.TRIWULANAN, tw),
            "url": tautan("rencana_aksi_triwulan", tahun, tw),
        }
        for tw in TRIWULAN
    ]


@login_required
def rencana_aksi_tahun(request, tahun: int):
    wajib(request, "lihat")
    penetapan = penetapan_untuk(request, tahun)
    indikator_list = list(Indikator.objects.dari_penetapan(penetapan).dengan_hierarki())
    rencana = rencana_per_indikator(penetapan, tahun)
    baris = [
        {
            "indikator": i,
            "rencana": rencana.get(i.pk, []),
            "url": tautan("rencana_aksi_indikator", tahun, i.pk),
            "jangkar": jangkar_indikator(i.pk),
        }
        for i in indikator_list
    ]
    return render(
        request,
        "rencana_aksi/tahun.html",
        {
            "tahun": tahun,
            "penetapan": penetapan,
            "satker": penetapan.satker,
            "baris": baris,
            "triwulan": _menu_triwulan(tahun),
            "jumlah": sum(len(v) for v in rencana.values()),
            "url_tahun": {t: tautan("rencana_aksi", t) for t in penetapan.daftar_tahun},
        },
    )


def _isian_dari_post(request, satker) -> tuple[IsianRencana | None, list[str], dict]:
    """The posted action, the problems found (each naming its field) and the
    typed values to show again."""
    data = {
        "uraian": request.POST.get("uraian", ""),
        "penanggung_jawab": request.POST.get("penanggung_jawab", ""),
        "anggaran": request.POST.get("anggaran", ""),
        "target": {tw: request.POST.get(f"target-{tw}", "") for tw in TRIWULAN},
    }
    galat = []
    unit = None
    if data["penanggung_jawab"]:
        unit = UnitKerja.objects.filter(
            satker=satker, pk=data["penanggung_jawab"] if data["penanggung_jawab"].isdigit() else 0
        ).first()
        if unit is None:
            galat.append("Kolom Penanggung jawab: pilih unit kerja satker ini.")
    try:
        anggaran = baca_rupiah(data["anggaran"])
    except ValueError as exc:
        galat.append(f"Kolom Anggaran (“{data['anggaran']}”): {exc}")
        anggaran = None
    if galat:
        return None, galat, data
    return IsianRencana(data["uraian"], unit, anggaran, data["target"]), [], data


def _data_form(r: RencanaAksi | None) -> dict:
    if r is None:
        return {"uraian": "", "penanggung_jawab": "", "anggaran": "", "target": {}}
    return {
        "uraian": r.uraian,
        "penanggung_jawab": str(r.penanggung_jawab_id or ""),
        "anggaran": angka(r.anggaran) if r.anggaran is not None else "",
        "target": {tw: k.target for tw, k in r.langkah.items()},
    }


def _riwayat(indikator: Indikator, tahun: int) -> list[dict]:
    """The indicator-year's action history, newest first: added, changed,
    removed, and each quarter's progress (two queries)."""
    LABEL = {"+": "ditambahkan", "~": "diubah", "-": "dihapus"}
    aksi = list(
        RencanaAksi.history.filter(indikator_id=indikator.pk, tahun=tahun)
        .select_related("history_user")
        .order_by("-history_date")[:40]
    )
    uraian = {h.id: h.uraian for h in aksi}
    langkah = list(
        KemajuanRencanaAksi.history.filter(rencana_id__in=list(uraian))
        .select_related("history_user")
        .order_by("-history_date")[:40]
    )
    hasil = [
        {
            "pada": h.history_date,
            "oleh": h.history_user,
            "apa": f"Rencana aksi {LABEL.get(h.history_type, '')}",
            "uraian": h.uraian,
        }
        for h in aksi
    ]
    hasil += [
        {
            "pada": h.history_date,
            "oleh": h.history_user,
            "apa": f"{pr.nama_periode(pr.TRIWULANAN, h.triwulan)} {LABEL.get(h.history_type, '')}",
            "uraian": f"{uraian.get(h.rencana_id, '')[:80]} — target: {h.target or '—'}; "
            f"realisasi: {h.realisasi or '—'}; status: {KemajuanRencanaAksi.Status(h.status).label}",
        }
        for h in langkah
    ]
    hasil.sort(key=lambda x: x["pada"], reverse=True)
    return hasil[:40]


@login_required
def rencana_aksi_indikator(request, tahun: int, pk: int):
    indikator = indikator_untuk(request, pk)
    penetapan = indikator.penetapan
    if tahun not in penetapan.daftar_tahun:
        raise Http404("Tahun di luar periode IKU indikator ini.")
    satker = penetapan.satker
    tahun_kinerja = TahunKinerja.objects.baca(satker, tahun)
    daftar = rencana_per_indikator_satu(indikator, tahun)
    per_pk = {r.pk: r for r in daftar}
    boleh_ubah = boleh(request.user, "ubah_rencana_aksi") and _dapat_diubah(tahun_kinerja)
    ubah = per_pk.get(int(request.GET["ubah"])) if request.GET.get("ubah", "").isdigit() else None
    galat: list[str] = []
    status = 200
    data = _data_form(ubah)
    if request.method == "POST":
        wajib(request, "ubah_rencana_aksi")
        pk_rencana = request.POST.get("rencana", "")
        ubah = per_pk.get(int(pk_rencana)) if pk_rencana.isdigit() else None
        if pk_rencana and ubah is None:
            galat.append("Rencana aksi yang diubah sudah dihapus orang lain.")
            status = 409
        isian, masalah, data = _isian_dari_post(request, satker)
        galat += masalah
        if isian is not None and not galat:
            versi = request.POST.get("versi", "")
            try:
                rencana_aksi_simpan(
                    indikator=indikator,
                    tahun=tahun,
                    isian=isian,
                    oleh=request.user,
                    rencana=ubah,
                    versi=int(versi) if versi.isdigit() else None,
                )
            except (Konflik, TahunTerkunci) as exc:
                galat.append(str(exc))
                status = 409
            except ValidationError as exc:
                galat += exc.messages
                status = 400
            else:
                messages.success(
                    request, "Rencana aksi diubah." if ubah else "Rencana aksi ditambahkan."
                )
                return redirect(tautan("rencana_aksi_indikator", tahun, indikator.pk))
        if galat and status == 200:
            status = 400
    nilai = {n.triwulan: n for n in NilaiIndikator.objects.filter(indikator=indikator, tahun=tahun)}
    return render(
        request,
        "rencana_aksi/indikator.html",
        {
            "tahun": tahun,
            "indikator": indikator,
            "penetapan": penetapan,
            "satker": satker,
            "tahun_kinerja": tahun_kinerja,
            "terkunci": _pesan_terkunci(tahun_kinerja),
            "daftar": daftar,
            "boleh_ubah": boleh_ubah,
            "ubah": ubah,
            "data": data,
            "galat": galat,
            "unit": UnitKerja.objects.filter(satker=satker).order_by("nama"),
            "target_tahun": nilai.get(0),
            "target_periode": [
                (pr.singkatan_periode(indikator.periode_ukur, s), nilai.get(s))
                for s in indikator.slot_periode
            ],
            "kolom_tw": [(tw, pr.singkatan_periode(pr.TRIWULANAN, tw)) for tw in TRIWULAN],
            "riwayat": _riwayat(indikator, tahun),
            "triwulan": _menu_triwulan(tahun),
            "url_tahun": tautan("rencana_aksi", tahun, jangkar=jangkar_indikator(indikator.pk)),
            "url_indikator": tautan("indikator_detail", indikator.pk, tahun=tahun),
            "url_ini": tautan("rencana_aksi_indikator", tahun, indikator.pk),
        },
        status=status,
    )


def rencana_per_indikator_satu(indikator: Indikator, tahun: int) -> list[RencanaAksi]:
    daftar = list(
        RencanaAksi.objects.filter(indikator=indikator, tahun=tahun)
        .select_related("penanggung_jawab", "diubah_oleh")
        .prefetch_related("kemajuan")
        .order_by("urutan", "pk")
    )
    return [pasang_langkah(r) for r in daftar]


@login_required
@require_POST
def rencana_aksi_hapus(request, pk: int):
    wajib(request, "ubah_rencana_aksi")
    rencana = rencana_aksi_untuk(request, pk)
    kembali = tautan("rencana_aksi_indikator", rencana.tahun, rencana.indikator_id)
    tanya = minta_konfirmasi(
        request,
        judul="Hapus rencana aksi?",
        pesan="Rencana aksi ini beserta target dan kemajuan triwulannya dihapus; "
        "riwayatnya tetap tersimpan.",
        tombol="Ya, hapus",
        kembali=kembali,
        ringkasan=[rencana.uraian],
    )
    if tanya is not None:
        return tanya
    versi = request.POST.get("versi", "")
    try:
        services.rencana_aksi_hapus(
            rencana=rencana, versi=int(versi) if versi.isdigit() else -1, oleh=request.user
        )
    except (Konflik, TahunTerkunci) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Rencana aksi dihapus.")
    return redirect(kembali)


def _asal(realisasi: str, status: str, keterangan: str) -> str:
    """What the form showed of a step, to tell whether the user changed it."""
    teks = "\x1f".join((realisasi.strip(), status, keterangan.replace("\r\n", "\n").strip()))
    return hashlib.sha256(teks.encode()).hexdigest()[:24]


@login_required
def rencana_aksi_triwulan(request, tahun: int, triwulan: int):
    if triwulan not in TRIWULAN:
        raise Http404("Triwulan tidak dikenal.")
    wajib(request, "lihat")
    penetapan = penetapan_untuk(request, tahun)
    satker = penetapan.satker
    tahun_kinerja = TahunKinerja.objects.baca(satker, tahun)
    boleh_isi = boleh(request.user, "isi_kemajuan_aksi") and _dapat_diubah(tahun_kinerja)
    indikator_list = list(Indikator.objects.dari_penetapan(penetapan).dengan_hierarki())
    rencana = rencana_per_indikator(penetapan, tahun)
    galat: list[str] = []
    status = 200
    masukan: dict[int, dict] = {}
    if request.method == "POST":
        wajib(request, "isi_kemajuan_aksi")
        isian = {}
        for daftar in rencana.values():
            for r in daftar:
                k = r.langkah.get(triwulan)
                if k is None or f"status-{k.pk}" not in request.POST:
                    continue
                isi = {
                    "realisasi": request.POST.get(f"realisasi-{k.pk}", ""),
                    "status": request.POST.get(f"status-{k.pk}", ""),
                    "keterangan": request.POST.get(f"keterangan-{k.pk}", ""),
                }
                masukan[k.pk] = isi
                if _asal(**isi) == request.POST.get(f"asal-{k.pk}"):
                    continue
                versi = request.POST.get(f"versi-{k.pk}", "")
                isian[k.pk] = IsianKemajuan(versi=int(versi) if versi.isdigit() else -1, **isi)
        try:
            jumlah = kemajuan_simpan(
                satker=satker, tahun=tahun, triwulan=triwulan, isian=isian, oleh=request.user
            )
        except (Konflik, TahunTerkunci) as exc:
            galat.append(str(exc))
            status = 409
        except ValidationError as exc:
            galat += exc.messages
            status = 400
        else:
            nama = pr.nama_periode(pr.TRIWULANAN, triwulan)
            messages.success(
                request,
                f"Kemajuan rencana aksi {nama} {tahun} disimpan ({jumlah} langkah diubah)."
                if jumlah
                else "Tidak ada perubahan untuk disimpan.",
            )
            return redirect(tautan("rencana_aksi_triwulan", tahun, triwulan))
    kelompok = []
    for i in indikator_list:
        langkah = []
        for r in rencana.get(i.pk, []):
            k = r.langkah.get(triwulan)
            if k is None:
                continue
            tampil = masukan.get(
                k.pk, {"realisasi": k.realisasi, "status": k.status, "keterangan": k.keterangan}
            )
            langkah.append(
                {
                    "rencana": r,
                    "k": k,
                    "isi": tampil,
                    # After a conflict the form shows the user's input again
                    # against what is stored now, so saving again replaces it knowingly.
                    "asal": _asal(k.realisasi, k.status, k.keterangan)
                    if k.pk not in masukan or status == 409
                    else request.POST.get(f"asal-{k.pk}", ""),
                }
            )
        if langkah:
            kelompok.append({"indikator": i, "langkah": langkah})
    return render(
        request,
        "rencana_aksi/triwulan.html",
        {
            "tahun": tahun,
            "triwulan_ini": triwulan,
            "nama_triwulan": pr.nama_periode(pr.TRIWULANAN, triwulan),
            "penetapan": penetapan,
            "satker": satker,
            "tahun_kinerja": tahun_kinerja,
            "terkunci": _pesan_terkunci(tahun_kinerja),
            "boleh": boleh_isi,
            "kelompok": kelompok,
            "galat": galat,
            "status_pilihan": KemajuanRencanaAksi.Status.choices,
            "triwulan": _menu_triwulan(tahun),
            "url_tahun": tautan("rencana_aksi", tahun),
        },
        status=status,
    )
