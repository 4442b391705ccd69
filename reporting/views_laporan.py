"""The documents of a satker-year (LAKIP, Perjanjian Kinerja, IKU, their Excel
twins), the narrative editor and the budget entry. Every logged-in user of the
satker may read and download; the Sekretaris and Admin write."""

import hashlib
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from indicators.akses import (
    ADMIN,
    SEKRETARIS,
    penetapan_untuk,
    satker_untuk,
    tahun_laporan_untuk,
    wajib_peran,
)
from indicators.format import angka
from indicators.models import (
    AnggaranKegiatan,
    Kegiatan,
    NarasiLaporan,
    PenetapanIKU,
    Sasaran,
    StatusTahun,
    TahunKinerja,
)
from indicators.teks import ada_karakter_kendali, bersihkan_teks

from . import excel, narasi, pdf
from .giliran import tolak_bila_sibuk
from .laporan import singkat, susun_laporan

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _berkas(isi: bytes, jenis: str, nama: str, lampiran: bool = False) -> HttpResponse:
    response = HttpResponse(isi, content_type=jenis)
    cara = "attachment" if lampiran else "inline"
    response["Content-Disposition"] = f'{cara}; filename="{nama}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _nama_berkas(judul: str, satker, tahun, akhiran: str) -> str:
    nama = singkat(satker.nama).replace(" ", "-")
    return f"{judul}-{tahun}-{nama}.{akhiran}"


def _boleh_menulis(request) -> bool:
    return request.user.punya_peran(ADMIN, SEKRETARIS)


@login_required
def laporan_daftar(request):
    satker = satker_untuk(request)
    daftar_penetapan = list(PenetapanIKU.objects.filter(satker=satker).order_by("-tahun_awal"))
    status = {tk.tahun: tk for tk in TahunKinerja.objects.filter(satker=satker).order_by("tahun")}
    kelompok = []
    for p in daftar_penetapan:
        tahun = [
            {"tahun": t, "tahun_kinerja": status.get(t)}
            for t in sorted(p.daftar_tahun, reverse=True)
        ]
        kelompok.append({"penetapan": p, "tahun": tahun})
    return render(
        request,
        "reporting/laporan_daftar.html",
        {
            "satker": satker,
            "kelompok": kelompok,
            "boleh_menulis": _boleh_menulis(request),
            "DISETUJUI": StatusTahun.DISETUJUI,
        },
    )


@login_required
@tolak_bila_sibuk
def lakip_pdf(request, tahun: int):
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    isi = pdf.lakip_pdf(penetapan, tahun)
    return _berkas(isi, PDF, _nama_berkas("LAKIP", penetapan.satker, tahun, "pdf"))


@login_required
@tolak_bila_sibuk
def perjanjian_kinerja_pdf(request, tahun: int):
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    isi = pdf.perjanjian_kinerja_pdf(penetapan, tahun)
    nama = _nama_berkas("Perjanjian-Kinerja", penetapan.satker, tahun, "pdf")
    return _berkas(isi, PDF, nama)


@login_required
@tolak_bila_sibuk
def iku_pdf(request):
    tahun = request.GET.get("tahun")
    penetapan = penetapan_untuk(request, int(tahun) if tahun and tahun.isdigit() else None)
    nama = _nama_berkas("IKU", penetapan.satker, penetapan.periode.replace("–", "-"), "pdf")
    return _berkas(pdf.iku_pdf(penetapan), PDF, nama)


@login_required
def ikhtisar_xlsx(request, tahun: int):
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    laporan = susun_laporan(penetapan, tahun, grafik_sasaran=False)
    nama = _nama_berkas("Ikhtisar", penetapan.satker, tahun, "xlsx")
    return _berkas(excel.ikhtisar_xlsx(laporan), XLSX, nama, lampiran=True)


@login_required
def pengukuran_xlsx(request, tahun: int):
    penetapan, _ = tahun_laporan_untuk(request, tahun)
    laporan = susun_laporan(penetapan, tahun, grafik_sasaran=False)
    nama = _nama_berkas("Pengukuran-Kinerja", penetapan.satker, tahun, "xlsx")
    return _berkas(excel.pengukuran_xlsx(laporan), XLSX, nama, lampiran=True)


# --- Narrative -------------------------------------------------------------------------


def narasi_simpan(
    *, satker, tahun: int, isian: dict[tuple[str, int | None], str], draf: dict, oleh
) -> int:
    """Save the narrative sections in one transaction. A section left equal to
    the application's draft, or emptied, is not stored (the draft, written from
    the current data, stands). Returns the number of sections stored."""
    ada = {
        (n.bagian, n.sasaran_id): n
        for n in NarasiLaporan.objects.filter(satker=satker, tahun=tahun)
    }
    for (bagian, sasaran_id), teks in isian.items():
        if ada_karakter_kendali(teks):
            bersihkan_teks(teks, _label_narasi(bagian, sasaran_id))
    tersimpan = 0
    with transaction.atomic():
        for (bagian, sasaran_id), teks in isian.items():
            teks = teks.replace("\r\n", "\n").strip()
            lama = ada.get((bagian, sasaran_id))
            if not teks or teks == draf.get((bagian, sasaran_id), "").strip():
                if lama:
                    lama.delete()
                continue
            if lama is None:
                lama = NarasiLaporan(
                    satker=satker, tahun=tahun, bagian=bagian, sasaran_id=sasaran_id
                )
            elif lama.isi == teks:
                tersimpan += 1
                continue
            lama.isi = teks
            lama.diubah_oleh = oleh
            lama.save()
            tersimpan += 1
    return tersimpan


def _label_narasi(bagian: str, sasaran_id: int | None) -> str:
    if sasaran_id is None:
        return NarasiLaporan.Bagian(bagian).label
    kode = Sasaran.objects.filter(pk=sasaran_id).values_list("kode", flat=True).first()
    return f"Catatan Sasaran {kode}"


def _sidik(teks: str) -> str:
    normal = teks.replace("\r\n", "\n").strip()
    return hashlib.sha256(normal.encode()).hexdigest()[:32]


@login_required
def narasi_ubah(request, tahun: int):
    penetapan, tahun_kinerja = tahun_laporan_untuk(request, tahun)
    laporan = susun_laporan(penetapan, tahun, grafik_sasaran=False)
    draf = {(b.value, None): narasi.draf(b, laporan) for b in narasi.BAGIAN_UMUM}
    for blok in laporan.sasaran:
        draf[(NarasiLaporan.Bagian.SASARAN.value, blok.sasaran.pk)] = narasi.draf_sasaran(
            blok, laporan
        )
    boleh = _boleh_menulis(request) and not tahun_kinerja.terkunci
    kiriman = {}
    if request.method == "POST":
        wajib_peran(request, ADMIN, SEKRETARIS)
        if tahun_kinerja.terkunci:
            raise PermissionDenied("Tahun ini sudah disetujui dan terkunci.")
        isian = {}
        for b in narasi.BAGIAN_UMUM:
            if f"bagian-{b.value}" in request.POST:
                isian[(b.value, None)] = request.POST[f"bagian-{b.value}"]
        for blok in laporan.sasaran:
            kunci = f"sasaran-{blok.sasaran.pk}"
            if kunci in request.POST:
                isian[(NarasiLaporan.Bagian.SASARAN.value, blok.sasaran.pk)] = request.POST[kunci]
        # A draft shown on the form but written from older data is still a draft:
        # the form carries a fingerprint of what it showed.
        for (bagian, sasaran_id), teks in isian.items():
            nama = f"bagian-{bagian}" if sasaran_id is None else f"sasaran-{sasaran_id}"
            if request.POST.get(f"sidik-{nama}") == _sidik(teks):
                draf[(bagian, sasaran_id)] = teks
        try:
            narasi_simpan(
                satker=penetapan.satker, tahun=tahun, isian=isian, draf=draf, oleh=request.user
            )
        except ValidationError as exc:
            # Nothing was saved: the form comes back with what was typed.
            messages.error(request, exc.messages[0])
            kiriman = request.POST
        else:
            messages.success(request, f"Narasi laporan tahun {tahun} disimpan.")
            return redirect("laporan_narasi", tahun=tahun)

    bagian = [
        {
            "nama": f"bagian-{b.value}",
            "label": b.label,
            "isi": kiriman.get(f"bagian-{b.value}")
            or laporan.narasi.get(b.value)
            or draf[(b.value, None)],
            "tersimpan": b.value in laporan.narasi,
            "sidik": "" if b.value in laporan.narasi else _sidik(draf[(b.value, None)]),
        }
        for b in narasi.BAGIAN_UMUM
    ]
    sasaran = [
        {
            "nama": f"sasaran-{blok.sasaran.pk}",
            "label": f"Sasaran {blok.sasaran.kode}: {blok.sasaran.nama}",
            "isi": kiriman.get(f"sasaran-{blok.sasaran.pk}")
            or blok.catatan
            or draf[(NarasiLaporan.Bagian.SASARAN.value, blok.sasaran.pk)],
            "tersimpan": bool(blok.catatan),
            "sidik": ""
            if blok.catatan
            else _sidik(draf[(NarasiLaporan.Bagian.SASARAN.value, blok.sasaran.pk)]),
        }
        for blok in laporan.sasaran
    ]
    return render(
        request,
        "reporting/narasi.html",
        {
            "tahun": tahun,
            "satker": penetapan.satker,
            "tahun_kinerja": tahun_kinerja,
            "bagian": bagian,
            "sasaran": sasaran,
            "boleh": boleh,
        },
        status=400 if kiriman else 200,
    )


# --- Budget ------------------------------------------------------------------------------


def baca_rupiah(teks: str) -> Decimal | None:
    """ "1.250.000" or "1.250.000,50" or "Rp 1.250.000" → Decimal; "" → None.
    Raises ValueError with an Indonesian message on anything else."""
    teks = teks.strip().replace("Rp", "").replace(" ", "")
    if not teks:
        return None
    if teks.count(",") > 1:
        raise ValueError("gunakan titik sebagai pemisah ribuan dan koma untuk desimal")
    bulat, _, desimal = teks.partition(",")
    if "." in bulat:
        kelompok = bulat.split(".")
        if not kelompok[0] or any(len(k) != 3 for k in kelompok[1:]) or len(kelompok[0]) > 3:
            raise ValueError("pemisah ribuan tidak tepat (contoh: 1.250.000)")
        bulat = "".join(kelompok)
    if not bulat.isdigit() or (desimal and not desimal.isdigit()) or len(desimal) > 2:
        raise ValueError("bukan angka rupiah yang sah (contoh: 1.250.000 atau 1.250.000,50)")
    try:
        nilai = Decimal(f"{bulat}.{desimal or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - guarded above
        raise ValueError("bukan angka") from exc
    if nilai >= Decimal("1e16"):
        raise ValueError("terlalu besar")
    return nilai


def anggaran_simpan(*, tahun: int, isian: dict[int, tuple], kegiatan: dict, oleh) -> None:
    """Write pagu and realisasi of every Kegiatan of the year in one transaction."""
    ada = {
        a.kegiatan_id: a
        for a in AnggaranKegiatan.objects.filter(kegiatan__in=list(kegiatan.values()), tahun=tahun)
    }
    with transaction.atomic():
        for pk, (pagu, realisasi) in isian.items():
            baris = ada.get(pk)
            if baris is None:
                if pagu is None and realisasi is None:
                    continue
                baris = AnggaranKegiatan(kegiatan=kegiatan[pk], tahun=tahun)
            elif baris.pagu == pagu and baris.realisasi == realisasi:
                continue
            baris.pagu, baris.realisasi, baris.diubah_oleh = pagu, realisasi, oleh
            baris.save()


@login_required
def anggaran_ubah(request, tahun: int):
    penetapan, tahun_kinerja = tahun_laporan_untuk(request, tahun)
    kegiatan = list(
        Kegiatan.objects.filter(program__penetapan=penetapan)
        .select_related("program")
        .order_by("program__urutan", "urutan")
    )
    per_pk = {k.pk: k for k in kegiatan}
    tersimpan = {
        a.kegiatan_id: a
        for a in AnggaranKegiatan.objects.filter(kegiatan__in=kegiatan, tahun=tahun)
    }
    boleh = _boleh_menulis(request) and not tahun_kinerja.terkunci
    kesalahan: list[str] = []
    masukan: dict[int, tuple[str, str]] = {}
    if request.method == "POST":
        wajib_peran(request, ADMIN, SEKRETARIS)
        if tahun_kinerja.terkunci:
            raise PermissionDenied("Tahun ini sudah disetujui dan terkunci.")
        isian = {}
        for k in kegiatan:
            teks_pagu = request.POST.get(f"pagu-{k.pk}", "")
            teks_realisasi = request.POST.get(f"realisasi-{k.pk}", "")
            masukan[k.pk] = (teks_pagu, teks_realisasi)
            nilai = []
            for label, teks in (("Pagu", teks_pagu), ("Realisasi", teks_realisasi)):
                try:
                    nilai.append(baca_rupiah(teks))
                except ValueError as exc:
                    kesalahan.append(f"Kegiatan {k.kode}, kolom {label} (“{teks}”): {exc}.")
                    nilai.append(None)
            isian[k.pk] = tuple(nilai)
        if not kesalahan:
            anggaran_simpan(tahun=tahun, isian=isian, kegiatan=per_pk, oleh=request.user)
            messages.success(request, f"Anggaran tahun {tahun} disimpan.")
            return redirect("laporan_anggaran", tahun=tahun)
        messages.error(request, "Anggaran belum disimpan; perbaiki isian berikut.")

    baris = []
    total_pagu = total_realisasi = Decimal(0)
    for k in kegiatan:
        a = tersimpan.get(k.pk)
        if k.pk in masukan:
            pagu, realisasi = masukan[k.pk]
        else:
            pagu = angka(a.pagu, 0) if a and a.pagu is not None else ""
            realisasi = angka(a.realisasi, 0) if a and a.realisasi is not None else ""
        if a:
            total_pagu += a.pagu or 0
            total_realisasi += a.realisasi or 0
        baris.append({"kegiatan": k, "pagu": pagu, "realisasi": realisasi, "tersimpan": a})
    return render(
        request,
        "reporting/anggaran.html",
        {
            "tahun": tahun,
            "satker": penetapan.satker,
            "tahun_kinerja": tahun_kinerja,
            "baris": baris,
            "kesalahan": kesalahan,
            "boleh": boleh,
            "total_pagu": total_pagu,
            "total_realisasi": total_realisasi,
            "url_laporan": reverse("laporan"),
        },
    )
