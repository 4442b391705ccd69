"""The Admin's deadlines per quarter (JadwalPengisian)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import periode as pr
from ..angka import tanggal_panjang
from ..models import JadwalPengisian, Pengguna, Satker, TahunKinerja


def jadwal_simpan(
    *, satker: Satker, tahun: int, batas: dict[int, date | None], pengguna: Pengguna
) -> int:
    """Set the deadlines of a satker-year's quarters ({quarter: date}; None:
    back to the default, periode.batas_bawaan). A deadline before the period
    opens is refused. Returns how many changed."""
    salah = [
        f"TW {pr.ROMAWI[tw]}: batas {tanggal_panjang(b)} sebelum periode dibuka "
        f"({tanggal_panjang(pr.buka_pada(tahun, tw))})"
        for tw, b in sorted(batas.items())
        if b is not None and b < pr.buka_pada(tahun, tw)
    ]
    if salah:
        raise ValidationError("Belum disimpan: " + "; ".join(salah) + ".")
    with transaction.atomic():
        TahunKinerja.objects.kunci(satker, tahun)  # one writer per satker-year
        ada = {
            j.triwulan: j
            for j in JadwalPengisian.objects.select_for_update().filter(satker=satker, tahun=tahun)
        }
        jumlah = 0
        for tw, b in batas.items():
            j = ada.get(tw)
            if b is None or b == pr.batas_bawaan(tahun, tw):
                if j is not None:
                    j._change_reason = "Kembali ke batas bawaan"
                    j.delete()
                    jumlah += 1
                continue
            if j is None:
                JadwalPengisian.objects.create(
                    satker=satker, tahun=tahun, triwulan=tw, batas=b, diubah_oleh=pengguna
                )
                jumlah += 1
            elif j.batas != b:
                j.batas, j.diubah_oleh = b, pengguna
                j.save(update_fields=["batas", "diubah_oleh", "diubah_pada"])
                jumlah += 1
    return jumlah


# --- Deadline reminders (command ingatkan_batas) -------------------------------------


def _penerima(butir, operator_satker: list[Pengguna]) -> list[Pengguna]:
    """The Operators in charge of an entry: those of the indicator's unit kerja
    (penanggung jawab), or every Operator of the satker when it has none."""
    unit = butir.indikator.penanggung_jawab_id
    if unit is None:
        return operator_satker
    return [u for u in operator_satker if u.unit_kerja_id == unit]


def _isi_pesan(pengguna: Pengguna, tahun: int, triwulan: int, daftar: list) -> tuple[str, str]:
    jendela = daftar[0].jendela
    judul = (
        f"Pengingat: realisasi TW {pr.ROMAWI[triwulan]} {tahun} belum diisi — batas "
        f"{tanggal_panjang(jendela.batas)}"
    )
    baris = [
        f"Yth. {pengguna.get_full_name() or pengguna.username},",
        "",
        f"Batas pengisian realisasi periode yang berakhir pada Triwulan {pr.ROMAWI[triwulan]} "
        f"{tahun} adalah {tanggal_panjang(jendela.batas)} ({jendela.teks_sisa()}). "
        f"Indikator berikut belum diisi ({len(daftar)}):",
        "",
        *[f"- {b.indikator.kode} {b.indikator.nama} ({b.nama_periode})" for b in daftar],
        "",
        "Isi melalui menu Realisasi atau lihat daftar lengkapnya di menu “Belum diisi”. "
        "Setelah batas, setiap pengisian wajib disertai alasan.",
        "",
        "— KPU IKU (pesan otomatis)",
    ]
    return judul, "\n".join(baris)


def pengingat_kirim(*, hari: date, sebelum_hari: int) -> int:
    """E-mail each responsible Operator, once per quarter and deadline, the
    period entries still empty whose deadline is at most `sebelum_hari` days
    away (and not passed), through Django's e-mail backend; each reminder is
    recorded in PengingatTerkirim, so a daily run sends it once. Returns how
    many e-mails were sent."""
    from django.conf import settings
    from django.core.mail import send_mail

    from ..akses import OPERATOR
    from ..models import Indikator, PengingatTerkirim
    from .selectors import butir_kekurangan

    satker_id = set(
        Indikator.objects.exclude(periode_ukur=pr.TAHUNAN)
        .filter(aktif=True)
        .values_list("sasaran__kegiatan__program__penetapan__satker_id", flat=True)
    )
    terkirim = 0
    for sid in sorted(satker_id):
        butir = [
            b
            for b in butir_kekurangan(sid, hari, semua_tahun_ini=False)
            if not b.jendela.lewat_batas and b.jendela.sisa_hari <= sebelum_hari
        ]
        if not butir:
            continue
        operator = list(
            Pengguna.objects.filter(satker_id=sid, is_active=True, groups__name=OPERATOR)
            .exclude(email="")
            .distinct()
        )
        per_orang: dict[tuple[int, int, int], list] = {}
        for b in butir:
            for u in _penerima(b, operator):
                per_orang.setdefault((u.pk, b.tahun, b.triwulan), []).append(b)
        orang = {u.pk: u for u in operator}
        for (pk, tahun, tw), daftar in sorted(per_orang.items()):
            batas = daftar[0].jendela.batas
            with transaction.atomic():
                _, baru = PengingatTerkirim.objects.get_or_create(
                    pengguna_id=pk, tahun=tahun, triwulan=tw, batas=batas
                )
                if not baru:
                    continue
                judul, isi = _isi_pesan(orang[pk], tahun, tw, daftar)
                # Sent inside the transaction: a failed send leaves no record, so
                # the next run tries again.
                send_mail(judul, isi, settings.DEFAULT_FROM_EMAIL, [orang[pk].email])
            terkirim += 1
    return terkirim
