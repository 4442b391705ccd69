"""Reads across the cascade: a satker and every satker below it for one year
(the rekap), one national indicator across the satker below (its
distribution), and a satker's capaian beside its peers (the national
benchmark the Laporan Kinerja needs: banding_nasional).

Each read is a fixed handful of queries, whatever the number of satker: the
rows are read as plain values and summed up in Python, where capaian and
kategori have their one home (indicators.capaian, SkalaKategori).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import caches
from django.db.models import FilteredRelation, Q

from indicators.capaian import hitung_capaian, kuantil, median, peringkat, rata_rata
from indicators.models import (
    Indikator,
    PenetapanIKU,
    Satker,
    SkalaKategori,
    StatusReviu,
    StatusTahun,
    TahunKinerja,
    kategori_untuk,
)
from indicators.sidik import BATAS_DETIK, kunci_cache, sidik_penetapan_tahun

TANPA_IKU = "tanpa_iku"  # the status filter's value for a satker without a decree for the year
LABEL_STATUS = {**dict(StatusTahun.choices), TANPA_IKU: "Belum ada IKU"}


@dataclass(eq=False)
class SatkerRingan:
    pk: int
    kode: str
    nama: str
    tingkat: str
    induk_id: int | None

    @property
    def tingkat_label(self) -> str:
        return Satker.Tingkat(self.tingkat).label


@dataclass(eq=False)
class BarisRekap:
    """One satker's year: how complete it is and how it scores."""

    satker: SatkerRingan
    ada_iku: bool
    status: str  # StatusTahun value, or TANPA_IKU
    jumlah: int = 0  # indicators measured this year (retired ones left out after their year)
    terukur: int = 0  # with a realisasi
    terverifikasi: int = 0
    capaian: Decimal | None = None  # mean over the indicators with a capaian
    kategori: SkalaKategori | None = None
    per_kategori: list[tuple[SkalaKategori, int]] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return LABEL_STATUS[self.status]

    @property
    def diajukan(self) -> bool:
        return self.status in (StatusTahun.DIAJUKAN, StatusTahun.DISETUJUI)

    @property
    def disetujui(self) -> bool:
        return self.status == StatusTahun.DISETUJUI

    @property
    def persen_terukur(self) -> Decimal | None:
        return Decimal(self.terukur * 100) / self.jumlah if self.jumlah else None

    @property
    def persen_terverifikasi(self) -> Decimal | None:
        return Decimal(self.terverifikasi * 100) / self.jumlah if self.jumlah else None


def _satker_di_bawah(satker: Satker) -> list[SatkerRingan]:
    return [
        SatkerRingan(*b)
        for b in Satker.objects.di_bawah(satker)
        .order_by("kode")
        .values_list("pk", "kode", "nama", "tingkat", "induk_id")
    ]


def _penetapan_tahun(satker_pk: list[int], tahun: int) -> dict[int, int]:
    """{satker pk: pk of its decree covering `tahun`} (the newest if several)."""
    hasil: dict[int, int] = {}
    for pk, satker_id in (
        PenetapanIKU.objects.filter(
            satker__in=satker_pk, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
        )
        .order_by("satker_id", "-tahun_awal", "-tanggal")
        .values_list("pk", "satker_id")
    ):
        hasil.setdefault(satker_id, pk)
    return hasil


def _nilai_tahun(indikator, tahun: int):
    """The indicators with their yearly value of `tahun` joined in (one row each)."""
    return indikator.berlaku(tahun).annotate(
        n=FilteredRelation("nilai", condition=Q(nilai__tahun=tahun, nilai__triwulan=0))
    )


@dataclass(frozen=True)
class RingkasanIKU:
    """What the rekap shows of one decree's year: its counts, its mean capaian
    and how many indicators fall in each band (by SkalaKategori pk)."""

    jumlah: int = 0
    terukur: int = 0
    terverifikasi: int = 0
    capaian: Decimal | None = None
    per_kategori: tuple[tuple[int, int], ...] = ()


def _hitung_ringkasan(
    penetapan_pk: list[int], tahun: int, skala: list[SkalaKategori]
) -> dict[int, RingkasanIKU]:
    """RingkasanIKU of each decree, from its rows: one query."""
    capaian: dict[int, list] = defaultdict(list)
    jumlah: Counter = Counter()
    terukur: Counter = Counter()
    terverifikasi: Counter = Counter()
    for p, polaritas, rumus, target, realisasi, status_nilai in (
        _nilai_tahun(
            Indikator.objects.filter(sasaran__kegiatan__program__penetapan__in=penetapan_pk),
            tahun,
        )
        .order_by()
        .values_list(
            "sasaran__kegiatan__program__penetapan_id",
            "polaritas",
            "rumus_negatif",
            "n__target",
            "n__realisasi",
            "n__status",
        )
    ):
        jumlah[p] += 1
        if realisasi is not None:
            terukur[p] += 1
        if status_nilai == StatusReviu.DIVERIFIKASI:
            terverifikasi[p] += 1
        c = hitung_capaian(target, realisasi, polaritas, rumus)
        if c is not None:
            capaian[p].append(c)
    # Many decrees share the same capaian values: each value's band looked up once.
    band: dict[Decimal, SkalaKategori | None] = {}

    def kategori(c: Decimal) -> SkalaKategori | None:
        if c not in band:
            band[c] = kategori_untuk(c, skala)
        return band[c]

    hasil = {}
    for p in penetapan_pk:
        hitung = Counter(k.pk for k in map(kategori, capaian.get(p, [])) if k is not None)
        hasil[p] = RingkasanIKU(
            jumlah=jumlah[p],
            terukur=terukur[p],
            terverifikasi=terverifikasi[p],
            capaian=rata_rata(capaian.get(p, [])),
            per_kategori=tuple(sorted(hitung.items())),
        )
    return hasil


def ringkasan_iku(
    penetapan_pk: list[int], tahun: int, skala: list[SkalaKategori]
) -> dict[int, RingkasanIKU]:
    """RingkasanIKU of each decree for `tahun`. On PostgreSQL each decree's is
    kept in the cache under a fingerprint of exactly the rows it is computed
    from (indicators.sidik.sidik_penetapan_tahun), so a rekap across 553
    offices after one office saved a value computes that office alone: one
    query for the fingerprints, and one to compute what is missing. As in
    indicators.sidik.dari_cache, a value computed while its rows changed is
    not kept."""
    sidik = sidik_penetapan_tahun(penetapan_pk, tahun)
    if sidik is None:
        return _hitung_ringkasan(penetapan_pk, tahun, skala)
    tanda_skala = tuple((k.pk, k.batas_bawah) for k in skala)

    def kunci(pk: int, sidik_pk: str) -> str:
        return kunci_cache("rekap-iku", pk, tahun, sidik_pk, tanda_skala)

    per_kunci = {kunci(pk, sidik.get(pk, "")): pk for pk in penetapan_pk}
    hasil = {per_kunci[k]: v for k, v in caches["ringkasan"].get_many(list(per_kunci)).items()}
    kurang = [pk for pk in penetapan_pk if pk not in hasil]
    if kurang:
        baru = _hitung_ringkasan(kurang, tahun, skala)
        sesudah = sidik_penetapan_tahun(kurang, tahun)
        caches["ringkasan"].set_many(
            {
                kunci(pk, sidik.get(pk, "")): baru[pk]
                for pk in kurang
                if sesudah.get(pk, "") == sidik.get(pk, "")
            },
            timeout=BATAS_DETIK,
        )
        hasil.update(baru)
    return hasil


def rekap_satker(satker: Satker, tahun: int, skala: list[SkalaKategori]) -> list[BarisRekap]:
    """`satker` and every satker below it in `tahun`, ordered by kode: a fixed
    handful of queries whatever their number."""
    daftar = _satker_di_bawah(satker)
    per_pk = {s.pk: s for s in daftar}
    penetapan = _penetapan_tahun(list(per_pk), tahun)
    status = dict(
        TahunKinerja.objects.filter(satker__in=list(per_pk), tahun=tahun).values_list(
            "satker_id", "status"
        )
    )
    ringkasan = ringkasan_iku(sorted(penetapan.values()), tahun, skala)
    hasil = []
    for s in daftar:
        ada_iku = s.pk in penetapan
        r = ringkasan[penetapan[s.pk]] if ada_iku else RingkasanIKU()
        hitung = dict(r.per_kategori)
        hasil.append(
            BarisRekap(
                satker=s,
                ada_iku=ada_iku,
                status=status.get(s.pk, StatusTahun.DRAF) if ada_iku else TANPA_IKU,
                jumlah=r.jumlah,
                terukur=r.terukur,
                terverifikasi=r.terverifikasi,
                capaian=r.capaian,
                kategori=kategori_untuk(r.capaian, skala),
                per_kategori=[(k, hitung.get(k.pk, 0)) for k in skala],
            )
        )
    return hasil


# --- One national indicator ---------------------------------------------------------


def akar_indikator(indikator: Indikator) -> int:
    """The pk of the national indicator `indikator` descends from (itself when
    it was not adopted): the top of its `induk` chain, at most two steps up."""
    baris = (
        Indikator.objects.filter(pk=indikator.pk).values_list("induk_id", "induk__induk_id").get()
    )
    return baris[1] or baris[0] or indikator.pk


def _turunan(akar: int):
    """The national indicator `akar` and every copy of it (two levels down)."""
    return Indikator.objects.filter(Q(pk=akar) | Q(induk=akar) | Q(induk__induk=akar))


@dataclass(eq=False)
class NilaiSatker:
    satker: SatkerRingan
    indikator_id: int
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    kategori: SkalaKategori | None


@dataclass
class Sebaran:
    """One national indicator across a set of satker in one year."""

    baris: list[NilaiSatker]
    skala: list[SkalaKategori]

    @property
    def capaian(self) -> list[Decimal | None]:
        return [b.capaian for b in self.baris]

    @property
    def jumlah(self) -> int:
        return len(self.baris)

    @property
    def bercapaian(self) -> int:
        return sum(1 for c in self.capaian if c is not None)

    @property
    def median(self) -> Decimal | None:
        return median(self.capaian)

    @property
    def q1(self) -> Decimal | None:
        return kuantil(self.capaian, Decimal("0.25"))

    @property
    def q3(self) -> Decimal | None:
        return kuantil(self.capaian, Decimal("0.75"))

    @property
    def minimum(self) -> Decimal | None:
        return kuantil(self.capaian, 0)

    @property
    def maksimum(self) -> Decimal | None:
        return kuantil(self.capaian, 1)

    @property
    def per_kategori(self) -> list[tuple[SkalaKategori, int]]:
        hitung = Counter(b.kategori.pk for b in self.baris if b.kategori is not None)
        return [(k, hitung.get(k.pk, 0)) for k in self.skala]

    @property
    def tanpa_capaian(self) -> int:
        return self.jumlah - self.bercapaian


def sebaran_indikator(
    indikator: Indikator, tahun: int, tingkat: str, skala: list[SkalaKategori]
) -> Sebaran:
    """The national indicator of `indikator` in `tahun` across the satker of
    `tingkat` below `indikator`'s satker: each one's target, realisasi, capaian
    and kategori (satker without the indicator or its value count as without
    capaian). Four queries."""
    akar = akar_indikator(indikator)
    satker = [
        s
        for s in _satker_di_bawah(indikator.satker)
        if s.tingkat == tingkat and s.pk != indikator.satker.pk
    ]
    per_pk = {s.pk: s for s in satker}
    baris_satker: dict[int, NilaiSatker] = {}
    for pk, satker_id, polaritas, rumus, target, realisasi in (
        _nilai_tahun(
            _turunan(akar).filter(sasaran__kegiatan__program__penetapan__satker__in=list(per_pk)),
            tahun,
        )
        .filter(
            sasaran__kegiatan__program__penetapan__tahun_awal__lte=tahun,
            sasaran__kegiatan__program__penetapan__tahun_akhir__gte=tahun,
        )
        .order_by("pk")
        .values_list(
            "pk",
            "sasaran__kegiatan__program__penetapan__satker_id",
            "polaritas",
            "rumus_negatif",
            "n__target",
            "n__realisasi",
        )
    ):
        c = hitung_capaian(target, realisasi, polaritas, rumus)
        baris_satker[satker_id] = NilaiSatker(
            per_pk[satker_id], pk, target, realisasi, c, kategori_untuk(c, skala)
        )
    baris = [baris_satker.get(s.pk) or NilaiSatker(s, 0, None, None, None, None) for s in satker]
    return Sebaran(baris, skala)


# --- The national benchmark ------------------------------------------------------------


@dataclass(frozen=True)
class Banding:
    """A satker's capaian on one indicator beside the same national indicator
    at its peers (the satker of its level): the median of its province's (for
    a Kabupaten/Kota) and of all, and its rank among each."""

    indikator_id: int
    capaian: Decimal | None
    median_provinsi: Decimal | None
    jumlah_provinsi: int  # peers in the province with a capaian (itself included)
    peringkat_provinsi: int | None
    median_nasional: Decimal | None
    jumlah_nasional: int
    peringkat_nasional: int | None


def banding_nasional(
    penetapan: PenetapanIKU, tahun: int, indikator_id: list[int] | None = None
) -> dict[int, Banding]:
    """For each indicator of `penetapan` (or those named) that descends from a
    national indicator: its capaian in `tahun` beside the median of the same
    national indicator at the satker of its level in its province and in the
    whole country, and its rank in each ("peringkat 3 dari 15"). Three queries,
    whatever the number of indicators or satker. Indicators not adopted from a
    parent get no entry. This is the benchmark the Laporan Kinerja reports."""
    satker = penetapan.satker
    sendiri = Indikator.objects.dari_penetapan(penetapan)
    if indikator_id is not None:
        sendiri = sendiri.filter(pk__in=indikator_id)
    akar_per_indikator = {
        pk: atas or induk
        for pk, induk, atas in sendiri.filter(induk__isnull=False).values_list(
            "pk", "induk_id", "induk__induk_id"
        )
    }
    if not akar_per_indikator:
        return {}
    # Peers: the copies of the same national indicators at this satker's depth
    # (a Kabupaten/Kota's are two steps below KPU RI's, a Provinsi's one).
    dua_langkah = satker.tingkat == Satker.Tingkat.KABKOTA
    akar = set(akar_per_indikator.values())
    sejawat = Indikator.objects.filter(
        **({"induk__induk__in": akar} if dua_langkah else {"induk__in": akar}),
        sasaran__kegiatan__program__penetapan__satker__tingkat=satker.tingkat,
        sasaran__kegiatan__program__penetapan__tahun_awal__lte=tahun,
        sasaran__kegiatan__program__penetapan__tahun_akhir__gte=tahun,
    )
    nilai: dict[int, list[tuple[int, int | None, Decimal | None]]] = defaultdict(list)
    sendiri_capaian: dict[int, Decimal | None] = {}
    for pk, induk, atas, satker_id, satker_induk, polaritas, rumus, target, realisasi in (
        _nilai_tahun(sejawat, tahun)
        .order_by()
        .values_list(
            "pk",
            "induk_id",
            "induk__induk_id",
            "sasaran__kegiatan__program__penetapan__satker_id",
            "sasaran__kegiatan__program__penetapan__satker__induk_id",
            "polaritas",
            "rumus_negatif",
            "n__target",
            "n__realisasi",
        )
    ):
        c = hitung_capaian(target, realisasi, polaritas, rumus)
        nilai[atas if dua_langkah else induk].append((satker_id, satker_induk, c))
        if pk in akar_per_indikator:
            sendiri_capaian[pk] = c
    hasil = {}
    for pk, a in akar_per_indikator.items():
        semua = nilai.get(a, [])
        capaian = sendiri_capaian.get(pk)
        nasional = [c for _, _, c in semua]
        provinsi = [c for _, ind, c in semua if ind == satker.induk_id]
        hasil[pk] = Banding(
            indikator_id=pk,
            capaian=capaian,
            median_provinsi=median(provinsi) if dua_langkah else None,
            jumlah_provinsi=sum(1 for c in provinsi if c is not None) if dua_langkah else 0,
            peringkat_provinsi=peringkat(capaian, provinsi) if dua_langkah else None,
            median_nasional=median(nasional),
            jumlah_nasional=sum(1 for c in nasional if c is not None),
            peringkat_nasional=peringkat(capaian, nasional),
        )
    return hasil
