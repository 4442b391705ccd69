"""Demo data: plausible targets and realisations for a satker's IKU, and the
four demo users. Deterministic (seeded by indicator code and year) and
idempotent: existing rows are left as they are."""

import random
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction

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
        call_command("loaddata", FIXTURE_LAMPIRAN, verbosity=0)
        penetapan = PenetapanIKU.objects.get(
            satker__kode=KODE_MESUJI, tahun_awal=2020, tahun_akhir=2024
        )
    return penetapan


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
            indikator.save(update_fields=["target_akhir"])
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
    iku_adopsi_massal(induk=iku_pusat, oleh=None, semua_turunan=True)
    # Parents before children: each child's target starts from its parent's.
    tingkat = [iku_pusat]
    while tingkat:
        for p in tingkat:
            _isi_nilai_kaskade(p)
        tingkat = list(PenetapanIKU.objects.filter(induk__in=tingkat).select_related("satker"))
    segarkan_statistik(Satker, PenetapanIKU, Program, Kegiatan, Sasaran, Indikator, NilaiIndikator)
    _setujui_demo(Satker.objects.get(kode=KODE_MESUJI), awal)
    return iku_pusat


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
            isi = tahun == awal or (tahun == awal + 1 and rng.random() < 0.5)
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


def _setujui_demo(satker: Satker, tahun: int) -> None:
    """The year through the review workflow with the demo users: submitted,
    verified, submitted to the Ketua and approved (each step in the history)."""
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
            indikator__sasaran__kegiatan__program__penetapan=penetapan, tahun=tahun, triwulan=0
        ).values_list("pk", flat=True)
    )
    lengkapi_penjelasan(penetapan, tahun)
    nilai_ajukan(satker=satker, tahun=tahun, pk_list=pk_list, oleh=pengguna["operator"])
    nilai_verifikasi(satker=satker, tahun=tahun, pk_list=pk_list, oleh=pengguna["sekretaris"])
    tahun_ajukan(penetapan=penetapan, tahun=tahun, oleh=pengguna["sekretaris"])
    tahun_setujui(satker=satker, tahun=tahun, oleh=pengguna["ketua"])


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
        indikator__sasaran__kegiatan__program__penetapan=penetapan, tahun=tahun, triwulan=0
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
