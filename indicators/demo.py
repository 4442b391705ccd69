"""Demo data: plausible targets and realisations for a satker's IKU, and the
four demo users. Deterministic (seeded by indicator code and year) and
idempotent: existing rows are left as they are."""

import random
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction

from . import periode as pr
from .kaskade.services import salin_pohon
from .models import (
    AnggaranKegiatan,
    Indikator,
    Kegiatan,
    NilaiIndikator,
    PenetapanIKU,
    Pengguna,
    Program,
    Sasaran,
    Satker,
    SkalaKategori,
    UnitKerja,
    kategori_untuk,
    penjelasan_kurang,
)
from .tulis_massal import segarkan_statistik

FIXTURE_LAMPIRAN = "lampiran_kpu_mesuji_2022.json"
KODE_MESUJI = "1811"
SANDI_DEMO = "kpu-mesuji-demo"

PENGGUNA_DEMO = [
    # username, group, first name, last name, jabatan, staff, satker kode (None: Mesuji)
    ("admin", "Admin", "Admin", "Sistem", "Pengelola Aplikasi", True, None),
    ("sekretaris", "Sekretaris", "Siti", "Rahmawati", "Sekretaris", False, None),
    ("operator", "Operator", "Dedi", "Kurniawan", "Staf Subbagian Perencanaan", False, None),
    ("ketua", "Ketua", "Budi", "Santoso", "Ketua", False, None),
    ("ketua-lampung", "Ketua", "Erwan", "Bustami", "Ketua", False, "18"),  # KPU Provinsi Lampung
    ("admin-ri", "Admin", "Admin", "KPU RI", "Pengelola Aplikasi", True, "00"),  # KPU RI
]

UNIT_KERJA = [
    "Subbagian Keuangan, Umum dan Logistik",
    "Subbagian Teknis Penyelenggaraan Pemilu dan Hubungan Partisipasi Masyarakat",
    "Subbagian Perencanaan, Data dan Informasi",
    "Subbagian Hukum dan Sumber Daya Manusia",
]
# Which unit answers for each Program 1 Kegiatan (by urutan); other programs: teknis/umum.
UNIT_PER_KEGIATAN = {1: 0, 2: 0, 3: 2, 4: 3, 5: 0, 6: 3}


def muat_lampiran() -> PenetapanIKU:
    """Load the Mesuji decree's Lampiran unless it is already there."""
    penetapan = PenetapanIKU.objects.filter(
        satker__kode=KODE_MESUJI, tahun_awal=2020, tahun_akhir=2024
    ).first()
    if penetapan is None or not penetapan.program.exists():
        _muat_fixture_lampiran()
        penetapan = PenetapanIKU.objects.get(
            satker__kode=KODE_MESUJI, tahun_awal=2020, tahun_akhir=2024
        )
    return penetapan


@transaction.atomic
def _muat_fixture_lampiran() -> None:
    """What `loaddata` of the Lampiran fixture writes, in a few queries instead
    of two per row (it is loaded by make run and by hundreds of tests): the
    satker and the decree, named by natural key, saved as loaddata saves
    them; the Program, Kegiatan, Sasaran and Indikator rows, new, with the
    fixture's keys, inserted in bulk (an existing row with one of those keys
    is an error, never overwritten), then the key sequences moved past them."""
    baru: dict[type, list] = {}
    with (settings.BASE_DIR / "fixtures" / FIXTURE_LAMPIRAN).open(encoding="utf-8") as f:
        for d in serializers.deserialize("json", f):
            if isinstance(d.object, (Satker, PenetapanIKU)):
                d.save()
            else:
                baru.setdefault(type(d.object), []).append(d.object)
    for model, objek in baru.items():
        model.objects.bulk_create(objek)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(baru)):
            cursor.execute(sql)


def _target_awal(indikator: Indikator, rng: random.Random) -> Decimal:
    return _target_awal_satuan(indikator.satuan, rng)


def _target_awal_satuan(satuan: str, rng: random.Random) -> Decimal:
    if satuan == "Persen":
        return Decimal(rng.choice([80, 85, 90, 95, 100, 100, 100]))
    if satuan == "Jumlah":
        return Decimal(rng.choice([4, 6, 10, 12, 15, 20, 24]))
    return Decimal(rng.choice([1, 2, 3, 4, 6, 12]))


def _realisasi(target: Decimal, satuan: str, rng: random.Random) -> Decimal:
    # Most offices meet most targets; a few fall well short.
    faktor = rng.choices(
        [
            rng.uniform(0.95, 1.05),
            rng.uniform(0.8, 0.95),
            rng.uniform(0.6, 0.8),
            rng.uniform(0.3, 0.6),
        ],
        weights=[60, 22, 12, 6],
    )[0]
    nilai = target * Decimal(str(round(faktor, 3)))
    if satuan == "Persen":
        return min(nilai, Decimal(100)).quantize(Decimal("0.01"))
    return nilai.quantize(Decimal("1"))


def isi_nilai(penetapan: PenetapanIKU, tahun_realisasi_penuh: int, sebagian: int | None) -> int:
    """Targets for every year of the period, realisations up to
    `tahun_realisasi_penuh`, and for the year `sebagian` about half of them.
    Returns the number of rows created."""
    indikator_list = list(
        Indikator.objects.dari_penetapan(penetapan).dengan_hierarki().prefetch_related("nilai")
    )
    ada = {(n.indikator_id, n.tahun) for i in indikator_list for n in i.nilai.all()}
    baru = []
    akhir = []
    for indikator in indikator_list:
        rng = random.Random(f"{penetapan.satker.kode}-{indikator.kode}")
        target = _target_awal(indikator, rng)
        for tahun in penetapan.daftar_tahun:
            if indikator.satuan != "Persen" and rng.random() < 0.3:
                target = target + 1
            isi_realisasi = tahun <= tahun_realisasi_penuh or (
                tahun == sebagian and rng.random() < 0.5
            )
            realisasi = _realisasi(target, indikator.satuan, rng) if isi_realisasi else None
            if (indikator.pk, tahun) in ada:
                continue
            baru.append(
                NilaiIndikator(indikator=indikator, tahun=tahun, target=target, realisasi=realisasi)
            )
        if indikator.target_akhir is None:
            indikator.target_akhir = target
            akhir.append(indikator)
    Indikator.objects.bulk_update(akhir, ["target_akhir"])
    NilaiIndikator.objects.bulk_create(baru)
    return len(baru)


def isi_unit_kerja(penetapan: PenetapanIKU) -> None:
    satker = penetapan.satker
    unit = [UnitKerja.objects.get_or_create(satker=satker, nama=nama)[0] for nama in UNIT_KERJA]
    for indikator in (
        Indikator.objects.dari_penetapan(penetapan)
        .filter(penanggung_jawab__isnull=True)
        .select_related("sasaran__kegiatan__program")
    ):
        kegiatan = indikator.sasaran.kegiatan
        if kegiatan.program.urutan == 1:
            indeks = UNIT_PER_KEGIATAN.get(kegiatan.urutan, 0)
        elif kegiatan.program.urutan == 2:
            indeks = 0
        else:
            indeks = 3 if kegiatan.urutan == 1 else 1
        indikator.penanggung_jawab = unit[indeks]
        indikator.save(update_fields=["penanggung_jawab"])


def buat_pengguna_demo(satker: Satker) -> None:
    for username, grup, depan, belakang, jabatan, staff, kode in PENGGUNA_DEMO:
        if Pengguna.objects.filter(username=username).exists():
            continue
        user = Pengguna.objects.create_user(
            username=username,
            password=SANDI_DEMO,
            first_name=depan,
            last_name=belakang,
            satker=Satker.objects.get(kode=kode) if kode else satker,
            jabatan=jabatan,
            is_staff=staff,
        )
        user.groups.add(Group.objects.get(name=grup))


@transaction.atomic
def seed_demo() -> PenetapanIKU:
    penetapan = muat_lampiran()
    satker = penetapan.satker
    if not satker.data_contoh:
        satker.data_contoh = True
        satker.nama_ketua = satker.nama_ketua or "Budi Santoso"
        satker.nama_sekretaris = satker.nama_sekretaris or "Siti Rahmawati, S.E."
        satker.nip_sekretaris = satker.nip_sekretaris or "198001012005012001"
        satker.alamat = satker.alamat or "Jl. Contoh No. 1, Mesuji, Lampung"
        satker.save()
    isi_unit_kerja(penetapan)
    isi_nilai(
        penetapan, tahun_realisasi_penuh=penetapan.tahun_akhir - 1, sebagian=penetapan.tahun_akhir
    )
    buat_pengguna_demo(satker)
    isi_anggaran(penetapan, tahun_realisasi_penuh=penetapan.tahun_akhir - 1)
    isi_penjelasan(penetapan)
    isi_kaskade(penetapan)
    return penetapan


KODE_PUSAT = "00"
PERIODE_KASKADE = (2025, 2029)


@transaction.atomic
def isi_kaskade(katalog: PenetapanIKU) -> PenetapanIKU:
    """KPU RI's 2025–2029 IKU (Mesuji's Lampiran tree as a sample catalogue,
    marked "Data contoh"), adopted down to every Kabupaten/Kota that exists,
    with targets that never fall below the parent's, realisations for 2025
    (approved through the review workflow where the satker has demo users) and
    about half of 2026 (in progress). Idempotent."""
    from .kaskade.services import iku_adopsi_massal

    pusat = Satker.objects.get(kode=KODE_PUSAT)
    awal, akhir = PERIODE_KASKADE
    iku_pusat = PenetapanIKU.objects.filter(
        satker=pusat, tahun_awal=awal, tahun_akhir=akhir
    ).first()
    if iku_pusat is None:
        iku_pusat = salin_pohon(
            [(katalog, pusat)], oleh=None, tautkan=False, periode=PERIODE_KASKADE
        )[0]
        iku_pusat.nomor = "Data contoh"
        iku_pusat.tanggal = None
        iku_pusat.tentang = (
            "Data contoh — IKU KPU, KPU Provinsi dan KPU Kabupaten/Kota 2025–2029 (katalog "
            "contoh dari Lampiran KPU Kabupaten Mesuji; nama indikator resmi belum dimuat)"
        )
        iku_pusat.penandatangan = "Ketua Komisi Pemilihan Umum"
        iku_pusat.save()
        atur_periode_demo(iku_pusat)
    iku_adopsi_massal(induk=iku_pusat, oleh=None, semua_turunan=True)
    # Parents before children: each child's target starts from its parent's.
    tingkat = [iku_pusat]
    while tingkat:
        for p in tingkat:
            _isi_nilai_kaskade(p)
        tingkat = list(PenetapanIKU.objects.filter(induk__in=tingkat).select_related("satker"))
    segarkan_statistik(Satker, PenetapanIKU, Program, Kegiatan, Sasaran, Indikator, NilaiIndikator)
    mesuji = Satker.objects.get(kode=KODE_MESUJI)
    _setujui_demo(mesuji, awal)
    _ajukan_periode_demo(mesuji, awal + 1)
    iku_mesuji = PenetapanIKU.objects.filter(
        satker=mesuji, tahun_awal=awal, tahun_akhir=akhir
    ).first()
    if iku_mesuji is not None:
        isi_unit_kerja(iku_mesuji)
        isi_rencana_aksi(iku_mesuji, [awal, awal + 1], {awal: 4, awal + 1: 3})
    return iku_pusat


def atur_periode_demo(penetapan: PenetapanIKU) -> None:
    """Measurement through the year, as KPU RI would set it for its 2025–2029 IKU:
    most percentages quarterly by their last value (nilai akhir), counts of
    reports and activities quarterly and cumulative, documents and a few
    percentages once a year. Set before adoption: the cascade copies it down."""
    indikator_list = list(Indikator.objects.dari_penetapan(penetapan))
    for ind in indikator_list:
        rng = random.Random(f"periode-{ind.kode}")
        if ind.satuan == "Persen" and rng.random() >= 0.12:
            ind.periode_ukur, ind.aturan_tahunan = pr.TRIWULANAN, pr.NILAI_AKHIR
        elif ind.satuan in ("Jumlah", "Kegiatan"):
            ind.periode_ukur, ind.aturan_tahunan = pr.TRIWULANAN, pr.KUMULATIF
    Indikator.objects.bulk_update(indikator_list, ["periode_ukur", "aturan_tahunan"])


# Quarters with a realisation in the demo: the first year of the period complete,
# the second up to Triwulan III (Triwulan IV not yet due).
def _tw_terisi(tahun: int, awal: int) -> int:
    return 4 if tahun == awal else 3 if tahun == awal + 1 else 0


def _target_triwulan(ind: Indikator, target: Decimal, rng: random.Random) -> list[Decimal]:
    """The quarterly targets that make up a yearly `target` by the indicator's rule."""
    if ind.aturan_tahunan == pr.KUMULATIF:
        dasar, sisa = divmod(int(target), 4)
        # The remainder falls in the later quarters, where most activity lands.
        return [Decimal(dasar + (1 if tw > 4 - sisa else 0)) for tw in (1, 2, 3, 4)]
    if rng.random() < 0.5:  # a rate held all year (e.g. reports on time)
        return [target] * 4
    # Progress towards the year's figure (e.g. share of the work completed).
    return [(target * tw / 4).quantize(Decimal("1")) for tw in (1, 2, 3)] + [target]


def _penjelasan(capaian_list: list[Decimal | None], rng: random.Random) -> tuple[str, str, str]:
    """Analysis, kendala and tindak lanjut covering what each of the given
    results needs (NilaiIndikator.penjelasan_kurang)."""
    kurang = set()
    for c in capaian_list:
        kurang.update(penjelasan_kurang(c, "", "", ""))
    analisis = PENJELASAN_CONTOH[1][0] if "analisis" in kurang else ""
    kendala = tindak_lanjut = ""
    if "kendala" in kurang:
        _, kendala, tindak_lanjut = rng.choice(PENJELASAN_CONTOH[::2])
    return analisis, kendala, tindak_lanjut


def _isi_nilai_kaskade(penetapan: PenetapanIKU) -> None:
    indikator_list = list(Indikator.objects.dari_penetapan(penetapan).select_related("induk"))
    if NilaiIndikator.objects.filter(indikator__in=indikator_list).exists():
        return
    target_induk = {
        (n.indikator_id, n.tahun): n.target
        for n in NilaiIndikator.objects.filter(
            indikator__in=[i.induk_id for i in indikator_list if i.induk_id], triwulan=0
        )
    }
    awal = penetapan.tahun_awal
    baru = []
    for ind in indikator_list:
        rng = random.Random(f"{penetapan.satker.kode}-{ind.kode}-{awal}")
        target = _target_awal_satuan(ind.satuan, rng)
        for tahun in penetapan.daftar_tahun:
            if ind.satuan != "Persen" and rng.random() < 0.3:
                target = target + 1
            induk = target_induk.get((ind.induk_id, tahun))
            if induk is not None:  # a region's target is never below the parent's
                naik = (
                    Decimal(rng.choice([0, 0, 0, 5]))
                    if ind.satuan == "Persen"
                    else Decimal(rng.choice([0, 0, 1]))
                )
                target = max(target, induk + naik)
                if ind.satuan == "Persen":
                    target = max(min(target, Decimal(100)), induk)
            if ind.berperiode:
                baru.extend(_nilai_periode(ind, tahun, target, _tw_terisi(tahun, awal), rng))
                continue
            isi = tahun == awal
            realisasi = _realisasi(target, ind.satuan, rng) if isi else None
            capaian = ind.hitung_capaian(target, realisasi) if isi else None
            analisis = PENJELASAN_CONTOH[1][0] if capaian is not None and capaian > 100 else ""
            baru.append(
                NilaiIndikator(
                    indikator=ind,
                    tahun=tahun,
                    target=target,
                    realisasi=realisasi,
                    analisis=analisis,
                )
            )
        ind.target_akhir = target
    NilaiIndikator.objects.bulk_create(baru, batch_size=5000)
    Indikator.objects.bulk_update(indikator_list, ["target_akhir"], batch_size=2000)
    # The yearly rows of the indicators measured per quarter follow from their quarters.
    berperiode = [i for i in indikator_list if i.berperiode]
    pengguna = Pengguna.objects.filter(satker=penetapan.satker, username="operator").first()
    for tahun in penetapan.daftar_tahun:
        NilaiIndikator.objects.turunkan_tahunan(berperiode, tahun, pengguna)


def _nilai_periode(
    ind: Indikator, tahun: int, target: Decimal, terisi: int, rng: random.Random
) -> list[NilaiIndikator]:
    """The quarter rows of one indicator-year: targets making up `target`,
    realisations for the first `terisi` quarters, each with the explanation its
    result needs — the last one also what the year so far needs, as the yearly
    row takes its explanations from it."""
    target_tw = _target_triwulan(ind, target, rng)
    realisasi_tw = [
        _realisasi(t, ind.satuan, rng) if tw <= terisi else None
        for tw, t in enumerate(target_tw, start=1)
    ]
    baris = []
    for tw, (t, r) in enumerate(zip(target_tw, realisasi_tw, strict=True), start=1):
        capaian = [ind.hitung_capaian(t, r)] if r is not None else []
        if r is not None and tw == terisi:
            t_sd, r_sd = pr.sampai_saat_ini(
                ind.aturan_tahunan, list(zip(target_tw, realisasi_tw, strict=True))
            )
            capaian.append(ind.hitung_capaian(t_sd, r_sd))
        analisis, kendala, tindak_lanjut = _penjelasan(capaian, rng)
        baris.append(
            NilaiIndikator(
                indikator=ind,
                tahun=tahun,
                triwulan=tw,
                target=t,
                realisasi=r,
                analisis=analisis,
                kendala=kendala,
                tindak_lanjut=tindak_lanjut,
            )
        )
    return baris


def _setujui_demo(satker: Satker, tahun: int) -> None:
    """The year through the review workflow with the demo users: submitted,
    verified (the quarters of the indicators measured per quarter, then the
    yearly indicators), submitted to the Ketua and approved (each step in the
    history)."""
    from .models import StatusTahun, TahunKinerja
    from .reviu.services import nilai_ajukan, nilai_verifikasi, tahun_ajukan, tahun_setujui

    pengguna = {u.username: u for u in Pengguna.objects.filter(satker=satker)}
    if not {"operator", "sekretaris", "ketua"} <= set(pengguna):
        return
    tk = TahunKinerja.objects.filter(satker=satker, tahun=tahun).first()
    if tk is not None and tk.status != StatusTahun.DRAF:
        return
    penetapan = PenetapanIKU.objects.untuk_tahun(satker, tahun)
    pk_list = list(
        NilaiIndikator.objects.filter(
            indikator__sasaran__kegiatan__program__penetapan=penetapan,
            indikator__periode_ukur=pr.TAHUNAN,
            tahun=tahun,
            triwulan=0,
        ).values_list("pk", flat=True)
    )
    lengkapi_penjelasan(penetapan, tahun)
    _pindahkan_periode(penetapan, tahun, {1: True, 2: True, 3: True, 4: True}, pengguna)
    nilai_ajukan(satker=satker, tahun=tahun, pk_list=pk_list, oleh=pengguna["operator"])
    nilai_verifikasi(satker=satker, tahun=tahun, pk_list=pk_list, oleh=pengguna["sekretaris"])
    tahun_ajukan(penetapan=penetapan, tahun=tahun, oleh=pengguna["sekretaris"])
    tahun_setujui(satker=satker, tahun=tahun, oleh=pengguna["ketua"])


def _ajukan_periode_demo(satker: Satker, tahun: int) -> None:
    """The year in progress: Triwulan I and II submitted and verified, Triwulan III
    submitted and waiting for the Sekretaris."""
    pengguna = {u.username: u for u in Pengguna.objects.filter(satker=satker)}
    if not {"operator", "sekretaris"} <= set(pengguna):
        return
    penetapan = PenetapanIKU.objects.untuk_tahun(satker, tahun)
    if penetapan is None:
        return
    _pindahkan_periode(penetapan, tahun, {1: True, 2: True, 3: False}, pengguna)


def _pindahkan_periode(
    penetapan: PenetapanIKU, tahun: int, verifikasi: dict[int, bool], pengguna: dict
) -> None:
    """Quarter rows still in draft of the given quarters: submitted by the
    Operator and, where `verifikasi[tw]`, verified by the Sekretaris, through the
    review's own transition (a RiwayatStatus row each), under the satker-year
    lock; the yearly rows derived again in the same transaction."""
    from .models import StatusReviu, TahunKinerja
    from .reviu.services import _pindah

    with transaction.atomic():
        TahunKinerja.objects.kunci_untuk_ubah(penetapan.satker, tahun)
        nilai_list = list(
            NilaiIndikator.objects.select_for_update(of=("self",))
            .filter(
                indikator__sasaran__kegiatan__program__penetapan=penetapan,
                tahun=tahun,
                triwulan__in=list(verifikasi),
                status=StatusReviu.DRAF,
                realisasi__isnull=False,
            )
            .select_related("indikator")
            .order_by("pk")
        )
        if not nilai_list:
            return
        _pindah(nilai_list, StatusReviu.DIAJUKAN, pengguna["operator"])
        _pindah(
            [n for n in nilai_list if verifikasi[n.triwulan]],
            StatusReviu.DIVERIFIKASI,
            pengguna["sekretaris"],
        )
        indikator = {n.indikator_id: n.indikator for n in nilai_list}
        NilaiIndikator.objects.turunkan_tahunan(indikator.values(), tahun, pengguna["sekretaris"])


@transaction.atomic
def salin_iku(sumber: PenetapanIKU, satker: Satker) -> PenetapanIKU:
    """Copy a decree's whole hierarchy to another satker (for demo and scale
    work); idempotent per satker and period."""
    ada = PenetapanIKU.objects.filter(
        satker=satker, tahun_awal=sumber.tahun_awal, tahun_akhir=sumber.tahun_akhir
    ).first()
    if ada:
        return ada
    return salin_iku_massal(sumber, [satker])[0]


KODE_INDUK_DEMO = "18"  # KPU Provinsi Lampung


def salin_iku_massal(sumber: PenetapanIKU, daftar_satker: list[Satker]) -> list[PenetapanIKU]:
    """salin_iku for many satker at once, through the cascade's bulk copy
    (one insert per level), without links to the source."""
    return salin_pohon([(sumber, satker) for satker in daftar_satker], oleh=None, tautkan=False)


@transaction.atomic
def tambah_satker_demo(sumber: PenetapanIKU, jumlah: int) -> int:
    """Make sure `jumlah` further demo satker (kode 9001, 9002, …; Kabupaten/Kota
    under KPU Provinsi Lampung) exist, each with a copy of the IKU and plausible
    numbers, for scale work. Idempotent; returns how many satker got an IKU."""
    if not 0 <= jumlah <= 999:
        raise ValueError("Jumlah satker contoh harus antara 0 dan 999.")
    induk = Satker.objects.filter(kode=KODE_INDUK_DEMO).first()
    kode_list = [f"9{nomor:03d}" for nomor in range(1, jumlah + 1)]
    ada = set(Satker.objects.filter(kode__in=kode_list).values_list("kode", flat=True))
    Satker.objects.bulk_create(
        [
            Satker(
                kode=kode,
                nama=f"Komisi Pemilihan Umum Kabupaten Contoh {kode}",
                tingkat=Satker.Tingkat.KABKOTA,
                induk=induk,
                kota=f"Contoh {kode}",
                data_contoh=True,
            )
            for kode in kode_list
            if kode not in ada
        ],
        batch_size=1000,
    )
    tanpa_iku = list(
        Satker.objects.filter(kode__in=kode_list).exclude(
            penetapan__tahun_awal=sumber.tahun_awal, penetapan__tahun_akhir=sumber.tahun_akhir
        )
    )
    penetapan = salin_iku_massal(sumber, tanpa_iku)
    satker_per_pk = {s.pk: s for s in tanpa_iku}
    indikator = list(
        Indikator.objects.filter(sasaran__kegiatan__program__penetapan__in=penetapan).values(
            "pk", "kode", "satuan", "sasaran__kegiatan__program__penetapan_id"
        )
    )
    kode_satker = {p.pk: satker_per_pk[p.satker_id].kode for p in penetapan}
    nilai = []
    for ind in indikator:
        rng = random.Random(
            f"{kode_satker[ind['sasaran__kegiatan__program__penetapan_id']]}-{ind['kode']}"
        )
        target = _target_awal_satuan(ind["satuan"], rng)
        for tahun in sumber.daftar_tahun:
            if ind["satuan"] != "Persen" and rng.random() < 0.3:
                target = target + 1
            isi = tahun < sumber.tahun_akhir or rng.random() < 0.5
            nilai.append(
                NilaiIndikator(
                    indikator_id=ind["pk"],
                    tahun=tahun,
                    target=target,
                    realisasi=_realisasi(target, ind["satuan"], rng) if isi else None,
                )
            )
    NilaiIndikator.objects.bulk_create(nilai, batch_size=5000)
    return len(penetapan)


def isi_anggaran(penetapan: PenetapanIKU, tahun_realisasi_penuh: int) -> int:
    """Plausible pagu per Kegiatan for every year of the period and realisasi up
    to `tahun_realisasi_penuh`; existing rows are left alone. Returns rows created."""
    kegiatan_list = list(Kegiatan.objects.filter(program__penetapan=penetapan))
    ada = set(
        AnggaranKegiatan.objects.filter(kegiatan__in=kegiatan_list).values_list(
            "kegiatan_id", "tahun"
        )
    )
    baru = []
    for kegiatan in kegiatan_list:
        rng = random.Random(f"{penetapan.satker.kode}-anggaran-{kegiatan.kode}")
        dasar = Decimal(rng.choice([150, 240, 320, 450, 600, 850, 1200])) * 1_000_000
        for tahun in penetapan.daftar_tahun:
            if (kegiatan.pk, tahun) in ada:
                continue
            # Election years (2023–2024 preparations) carry larger budgets.
            # Whole thousands, as a DIPA lists them.
            pagu = (dasar * Decimal(str(rng.uniform(0.9, 1.3))) / 1000).quantize(Decimal(1)) * 1000
            realisasi = None
            if tahun <= tahun_realisasi_penuh:
                realisasi = (pagu * Decimal(str(rng.uniform(0.82, 0.99)))).quantize(Decimal("1"))
            baru.append(
                AnggaranKegiatan(kegiatan=kegiatan, tahun=tahun, pagu=pagu, realisasi=realisasi)
            )
    AnggaranKegiatan.objects.bulk_create(baru)
    return len(baru)


PENJELASAN_CONTOH = [
    (
        "Realisasi di bawah target karena sebagian kegiatan bergeser ke tahun berikutnya "
        "mengikuti jadwal tahapan.",
        "Keterbatasan jumlah pegawai pada subbagian pelaksana dan jadwal tahapan yang padat.",
        "Menyusun jadwal kegiatan triwulanan dan menugaskan pegawai pendukung dari subbagian lain.",
    ),
    (
        "Target tercapai berkat koordinasi rutin dengan KPU Provinsi dan pemanfaatan aplikasi.",
        "",
        "Mempertahankan koordinasi bulanan dan mendokumentasikan praktik baik.",
    ),
    (
        "Capaian belum optimal karena dokumen pendukung terlambat diterima dari pihak terkait.",
        "Keterlambatan penyampaian data dari instansi mitra.",
        "Membuat nota kesepahaman tenggat penyampaian data dengan instansi mitra.",
    ),
]


def lengkapi_penjelasan(penetapan: PenetapanIKU, tahun: int) -> int:
    """Every demo result of `tahun` carries the explanation it needs before it can be
    submitted (an analysis above target; kendala and tindak lanjut below it)."""
    diubah = []
    for n in NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=penetapan,
        indikator__periode_ukur=pr.TAHUNAN,
        tahun=tahun,
        triwulan=0,
    ).select_related("indikator"):
        kurang = n.penjelasan_kurang
        if not kurang:
            continue
        rng = random.Random(f"{penetapan.satker.kode}-lengkap-{n.indikator.kode}-{tahun}")
        contoh = (
            PENJELASAN_CONTOH[1] if "analisis" in kurang else rng.choice(PENJELASAN_CONTOH[::2])
        )
        for kolom, teks in zip(("analisis", "kendala", "tindak_lanjut"), contoh, strict=True):
            if kolom in kurang:
                setattr(n, kolom, teks)
        diubah.append(n)
    NilaiIndikator.objects.bulk_update(diubah, ["analisis", "kendala", "tindak_lanjut"])
    return len(diubah)


def isi_penjelasan(penetapan: PenetapanIKU) -> int:
    """A few analysis/kendala/tindak lanjut texts on realised yearly values that
    have none, so the report's Bab III shows what an office writes."""
    nilai_list = list(
        NilaiIndikator.objects.filter(
            indikator__sasaran__kegiatan__program__penetapan=penetapan,
            triwulan=0,
            realisasi__isnull=False,
        )
        .select_related("indikator")
        .order_by("tahun", "indikator__kode")
    )
    diubah = []
    if not any(n.analisis for n in nilai_list):
        for n in nilai_list:
            rng = random.Random(f"{penetapan.satker.kode}-penjelasan-{n.indikator.kode}-{n.tahun}")
            capaian = n.capaian
            if capaian is None or rng.random() > 0.2:
                continue
            contoh = PENJELASAN_CONTOH[1] if capaian >= 100 else rng.choice(PENJELASAN_CONTOH[::2])
            n.analisis, n.kendala, n.tindak_lanjut = contoh
            diubah.append(n)
    # Every Kurang / Sangat Kurang result of the last complete year states its cause
    # and the solution taken, as the office must before submitting it.
    skala = SkalaKategori.objects.daftar()
    tahun_penuh = penetapan.tahun_akhir - 1
    for n in nilai_list:
        kategori = kategori_untuk(n.capaian, skala) if n.tahun == tahun_penuh else None
        if kategori is None or kategori.nama not in ("Kurang", "Sangat Kurang"):
            continue
        if n.kendala.strip() and n.tindak_lanjut.strip():
            continue
        rng = random.Random(f"{penetapan.satker.kode}-kendala-{n.indikator.kode}-{n.tahun}")
        _, kendala, tindak_lanjut = rng.choice(PENJELASAN_CONTOH[::2])
        n.kendala = n.kendala.strip() or kendala
        n.tindak_lanjut = n.tindak_lanjut.strip() or tindak_lanjut
        if n not in diubah:
            diubah.append(n)
    NilaiIndikator.objects.bulk_update(diubah, ["analisis", "kendala", "tindak_lanjut"])
    return len(diubah)


# Actions an office plans under an indicator, by the kind of result it measures:
# (uraian, quarters in which it has a step).
AKSI_CONTOH = {
    "Persen": [
        ("Menyusun jadwal dan pembagian tugas pelaksanaan {hal}", (1,)),
        ("Melaksanakan {hal} dan mendokumentasikan hasilnya", (1, 2, 3, 4)),
        ("Melakukan monitoring dan evaluasi capaian {hal} setiap triwulan", (1, 2, 3, 4)),
        ("Menyusun laporan pelaksanaan {hal}", (2, 4)),
    ],
    "Jumlah": [
        ("Menginventarisasi kebutuhan {hal}", (1,)),
        ("Menyusun dan menyampaikan {hal}", (1, 2, 3, 4)),
        ("Berkoordinasi dengan KPU Provinsi Lampung terkait {hal}", (2, 4)),
    ],
    "Kegiatan": [
        ("Menyiapkan kerangka acuan kerja {hal}", (1,)),
        ("Melaksanakan {hal} sesuai jadwal", (2, 3, 4)),
        ("Menyusun laporan {hal}", (4,)),
    ],
    "Dokumen": [
        ("Mengumpulkan bahan dan data {hal}", (1, 2)),
        ("Menyusun rancangan {hal}", (2, 3)),
        ("Menetapkan dan mempublikasikan {hal}", (4,)),
    ],
}
TAHAP_CONTOH = {
    1: "Persiapan",
    2: "Pelaksanaan tahap I",
    3: "Pelaksanaan tahap II",
    4: "Penyelesaian",
}


def _hal(nama: str) -> str:
    """The indicator's subject as an action's object: 'Persentase laporan … tepat
    waktu' → 'laporan … tepat waktu'."""
    kata = nama.split(maxsplit=1)
    hal = kata[1] if len(kata) > 1 and kata[0] in ("Persentase", "Jumlah") else nama
    hal = hal[:1].lower() + hal[1:]
    return hal if len(hal) <= 120 else hal[:117].rsplit(" ", 1)[0] + " …"


def isi_rencana_aksi(penetapan: PenetapanIKU, daftar_tahun: list[int], tw_terisi: dict) -> int:
    """Two or three Rencana Aksi per indicator-year, each with its quarterly
    steps (target or milestone) and, up to `tw_terisi[tahun]`, what was done.
    Idempotent: an indicator-year that already has actions is left alone.
    Returns the number of actions created."""
    from simple_history.utils import bulk_create_with_history

    from .models import KemajuanRencanaAksi, RencanaAksi

    indikator_list = list(
        Indikator.objects.dari_penetapan(penetapan).select_related("penanggung_jawab")
    )
    ada = set(
        RencanaAksi.objects.filter(indikator__in=indikator_list).values_list(
            "indikator_id", "tahun"
        )
    )
    unit = list(UnitKerja.objects.filter(satker=penetapan.satker))
    oleh = Pengguna.objects.filter(satker=penetapan.satker, username="operator").first()
    rencana, langkah = [], []
    for tahun in daftar_tahun:
        for ind in indikator_list:
            if (ind.pk, tahun) in ada:
                continue
            rng = random.Random(f"{penetapan.satker.kode}-aksi-{ind.kode}-{tahun}")
            pola = AKSI_CONTOH.get(ind.satuan, AKSI_CONTOH["Kegiatan"])
            pilihan = sorted(rng.sample(range(len(pola)), k=min(len(pola), rng.choice([2, 3]))))
            for urutan, indeks in enumerate(pilihan, start=1):
                uraian, triwulan = pola[indeks]
                aksi = RencanaAksi(
                    indikator=ind,
                    tahun=tahun,
                    urutan=urutan,
                    uraian=uraian.format(hal=_hal(ind.nama)),
                    penanggung_jawab=ind.penanggung_jawab or (rng.choice(unit) if unit else None),
                    anggaran=Decimal(rng.choice([5, 7, 10, 12, 15, 20, 25, 35, 50])) * 1_000_000,
                    diubah_oleh=oleh,
                )
                rencana.append(aksi)
                for tw in triwulan:
                    langkah.append((aksi, tw, _langkah(ind, tw, triwulan, tw_terisi[tahun], rng)))
    if not rencana:
        return 0
    rencana = bulk_create_with_history(rencana, RencanaAksi, default_user=oleh)
    if any(r.pk is None for r in rencana):  # backends that return no keys
        rencana = list(
            RencanaAksi.objects.filter(indikator__in=indikator_list, tahun__in=daftar_tahun)
        )
    kemajuan = []
    for aksi, tw, isi in langkah:
        kemajuan.append(KemajuanRencanaAksi(rencana=aksi, triwulan=tw, diubah_oleh=oleh, **isi))
    bulk_create_with_history(kemajuan, KemajuanRencanaAksi, default_user=oleh, batch_size=2000)
    return len(rencana)


def _langkah(ind: Indikator, tw: int, triwulan: tuple, terisi: int, rng: random.Random) -> dict:
    """One quarter's step of an action: its milestone and, once the quarter has
    been reported, what was done and how far."""
    urutan = triwulan.index(tw) + 1
    if len(triwulan) == 1:
        target = "Selesai 100%"
    elif ind.satuan == "Persen":
        target = f"{TAHAP_CONTOH[tw]} ({round(100 * urutan / len(triwulan))}%)"
    else:
        target = f"{TAHAP_CONTOH[tw]}: {urutan} dari {len(triwulan)} tahap"
    if tw > terisi:
        return {"target": target}
    nasib = rng.random()
    if nasib < 0.8 or tw < terisi - 1:
        return {"target": target, "realisasi": "Terlaksana sesuai rencana", "status": "selesai"}
    if nasib < 0.95:
        return {
            "target": target,
            "realisasi": "Sebagian terlaksana",
            "status": "proses",
            "keterangan": "Menunggu data dari instansi mitra; dilanjutkan pada triwulan berikutnya.",
        }
    return {
        "target": target,
        "status": "belum",
        "keterangan": "Bergeser mengikuti jadwal tahapan; dijadwalkan ulang.",
    }
