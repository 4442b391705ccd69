"""The dashboard's reads: a satker's whole period summarised in Python from a
fixed handful of queries (the indicators with their hierarchy, their yearly
values, which values have evidence, the review state of the year), so the
dashboard costs the same whether the database holds one satker or hundreds.

Averages of capaian are plain means over the indicators that have a capaian;
indicators without one are counted, never treated as zero.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Q
from django.urls import reverse

from indicators.akses import boleh
from indicators.capaian import hitung_capaian, rata_rata
from indicators.hierarki import susun_hierarki
from indicators.models import (
    BuktiDukung,
    Indikator,
    NilaiIndikator,
    PenetapanIKU,
    SkalaKategori,
    StatusReviu,
    StatusTahun,
    TahunKinerja,
    kategori_untuk,
)
from indicators.reviu.selectors import ringkasan_persetujuan


@dataclass
class BarisIndikator:
    """One indicator in the chosen year, with its values read from memory."""

    indikator: "IndikatorRingan"
    nilai: "NilaiRingan | None"
    capaian: Decimal | None
    kategori: SkalaKategori | None
    ada_bukti: bool

    @property
    def ada_target(self) -> bool:
        return self.nilai is not None and self.nilai.target is not None

    @property
    def ada_realisasi(self) -> bool:
        return self.nilai is not None and self.nilai.realisasi is not None

    @property
    def status(self) -> str:
        return self.nilai.status if self.nilai is not None else StatusReviu.DRAF


@dataclass
class Kelompok:
    """A Program, Kegiatan or Sasaran with the indicators under it."""

    objek: object
    baris: list[BarisIndikator] = field(default_factory=list)
    anak: list["Kelompok"] = field(default_factory=list)
    skala: list[SkalaKategori] = field(default_factory=list, repr=False)

    @cached_property
    def capaian(self) -> Decimal | None:
        return rata_rata([b.capaian for b in self.baris])

    @cached_property
    def kategori(self) -> SkalaKategori | None:
        return kategori_untuk(self.capaian, self.skala)

    @cached_property
    def jumlah_bercapaian(self) -> int:
        return sum(1 for b in self.baris if b.capaian is not None)


@dataclass
class TahunTren:
    tahun: int
    jumlah: int
    ada_target: int
    ada_realisasi: int
    tercapai: int  # capaian ≥ 100%
    capaian: Decimal | None
    per_kategori: list[tuple[SkalaKategori, int]]


@dataclass
class Perhatian:
    """What needs acting on this year, each list of BarisIndikator."""

    kurang: list[BarisIndikator]
    tanpa_realisasi: list[BarisIndikator]
    tanpa_bukti: list[BarisIndikator]
    dikembalikan: list[BarisIndikator]

    @property
    def jumlah(self) -> int:
        return (
            len(self.kurang)
            + len(self.tanpa_realisasi)
            + len(self.tanpa_bukti)
            + len(self.dikembalikan)
        )


@dataclass
class Ringkasan:
    penetapan: PenetapanIKU
    tahun: int
    skala: list[SkalaKategori]
    baris: list[BarisIndikator]
    program: list[Kelompok]
    tren: list[TahunTren]
    status_tahun: str
    status_tahun_label: str
    status_nilai: list[tuple[str, str, int]]
    perhatian: Perhatian

    @cached_property
    def jumlah_indikator(self) -> int:
        return len(self.baris)

    @cached_property
    def jumlah_realisasi(self) -> int:
        return sum(1 for b in self.baris if b.ada_realisasi)

    @cached_property
    def persen_realisasi(self) -> Decimal | None:
        if not self.baris:
            return None
        return Decimal(self.jumlah_realisasi * 100) / len(self.baris)

    @cached_property
    def capaian(self) -> Decimal | None:
        return rata_rata([b.capaian for b in self.baris])

    @cached_property
    def kategori(self) -> SkalaKategori | None:
        return kategori_untuk(self.capaian, self.skala)

    @cached_property
    def per_kategori(self) -> list[tuple[SkalaKategori, int]]:
        return _hitung_kategori(self.baris, self.skala)

    @cached_property
    def tanpa_capaian(self) -> int:
        return sum(1 for b in self.baris if b.capaian is None)

    @cached_property
    def kegiatan(self) -> list[Kelompok]:
        return [k for p in self.program for k in p.anak]

    def cari_program(self, pk: int) -> Kelompok | None:
        return next((p for p in self.program if p.objek.pk == pk), None)

    def cari_kegiatan(self, pk: int) -> Kelompok | None:
        return next((k for k in self.kegiatan if k.objek.pk == pk), None)


def _hitung_kategori(
    baris: list[BarisIndikator], skala: list[SkalaKategori]
) -> list[tuple[SkalaKategori, int]]:
    hitung = Counter(b.kategori.pk for b in baris if b.kategori is not None)
    return [(k, hitung.get(k.pk, 0)) for k in skala]


@dataclass(eq=False)
class Simpul:
    """A Program, Kegiatan or Sasaran as the dashboard needs it (read as plain
    values: building hundreds of model instances per request is the slow part)."""

    pk: int
    kode: str
    nama: str
    induk_id: int | None = None

    @property
    def program_id(self) -> int | None:
        return self.induk_id


@dataclass(eq=False)
class IndikatorRingan:
    pk: int
    kode: str
    nama: str
    satuan: str
    polaritas: str
    rumus_negatif: str
    sasaran: Simpul
    kegiatan: Simpul
    program: Simpul
    url: str = ""
    tahun_henti: int | None = None  # retired: measured up to this year (Indikator.berlaku_pada)

    def berlaku_pada(self, tahun: int) -> bool:
        return self.tahun_henti is None or tahun <= self.tahun_henti


@dataclass(eq=False)
class NilaiRingan:
    pk: int
    indikator_id: int
    tahun: int
    target: Decimal | None
    realisasi: Decimal | None
    status: str


def baca_nilai(penetapan: PenetapanIKU) -> tuple[list[IndikatorRingan], list[NilaiRingan]]:
    """The decree's indicators with their hierarchy and all their yearly values
    over the period: two queries, whatever the size of the database."""
    simpul: dict[tuple[str, int], Simpul] = {}

    def ambil(jenis: str, pk: int, kode: str, nama: str, induk: int | None = None) -> Simpul:
        kunci = (jenis, pk)
        if kunci not in simpul:
            simpul[kunci] = Simpul(pk, kode, nama, induk)
        return simpul[kunci]

    indikator = []
    for baris in (
        Indikator.objects.dari_penetapan(penetapan)
        .order_by(
            "sasaran__kegiatan__program__urutan",
            "sasaran__kegiatan__urutan",
            "sasaran__urutan",
            "urutan",
        )
        .values_list(
            "pk",
            "kode",
            "nama",
            "satuan",
            "polaritas",
            "rumus_negatif",
            "sasaran_id",
            "sasaran__kode",
            "sasaran__nama",
            "sasaran__kegiatan_id",
            "sasaran__kegiatan__kode",
            "sasaran__kegiatan__nama",
            "sasaran__kegiatan__program_id",
            "sasaran__kegiatan__program__kode",
            "sasaran__kegiatan__program__nama",
            "aktif",
            "dihentikan_pada",
        )
    ):
        (pk, kode, nama, satuan, polaritas, rumus, s_pk, s_kode, s_nama, k_pk, k_kode, k_nama,
         p_pk, p_kode, p_nama, aktif, dihentikan) = baris  # fmt: skip
        indikator.append(
            IndikatorRingan(
                pk,
                kode,
                nama,
                satuan,
                polaritas,
                rumus,
                sasaran=ambil("s", s_pk, s_kode, s_nama, k_pk),
                kegiatan=ambil("k", k_pk, k_kode, k_nama, p_pk),
                program=ambil("p", p_pk, p_kode, p_nama),
                # Retired without a date: measured in no year (as Indikator.berlaku_pada).
                tahun_henti=None if aktif else (dihentikan.year if dihentikan else 0),
            )
        )
    nilai = [
        NilaiRingan(*baris)
        for baris in NilaiIndikator.objects.filter(
            indikator_id__in=[i.pk for i in indikator],
            triwulan=0,
            tahun__gte=penetapan.tahun_awal,
            tahun__lte=penetapan.tahun_akhir,
        )
        .order_by()
        .values_list("pk", "indikator_id", "tahun", "target", "realisasi", "status")
    ]
    # One reverse() for all rows: the pattern with a placeholder pk.
    pola = reverse("indikator_detail", args=[987654321])
    for ind in indikator:
        ind.url = pola.replace("987654321", str(ind.pk))
    return indikator, nilai


def susun_ringkasan(
    penetapan: PenetapanIKU,
    tahun: int,
    indikator: list[IndikatorRingan],
    nilai: list[NilaiRingan],
    skala: list[SkalaKategori],
) -> Ringkasan:
    """Everything the dashboard shows for `tahun`, from the rows of baca_nilai()
    plus two small queries (evidence presence and the year's review state).
    Each year counts the indicators measured in it (retired ones up to the
    year of their retirement)."""
    semua_indikator = indikator
    indikator = [i for i in semua_indikator if i.berlaku_pada(tahun)]
    per_kunci = {(n.indikator_id, n.tahun): n for n in nilai}
    nilai_tahun_ini = [n.pk for n in nilai if n.tahun == tahun]
    berbukti = set(
        BuktiDukung.objects.filter(nilai_id__in=nilai_tahun_ini)
        .order_by()  # the model's ordering would widen the DISTINCT
        .values_list("nilai_id", flat=True)
        .distinct()
    )

    def baris_untuk(ind: IndikatorRingan, th: int) -> BarisIndikator:
        n = per_kunci.get((ind.pk, th))
        c = (
            hitung_capaian(n.target, n.realisasi, ind.polaritas, ind.rumus_negatif)
            if n is not None
            else None
        )
        return BarisIndikator(
            indikator=ind,
            nilai=n,
            capaian=c,
            kategori=kategori_untuk(c, skala),
            ada_bukti=n is not None and n.pk in berbukti,
        )

    baris = [baris_untuk(ind, tahun) for ind in indikator]

    program: list[Kelompok] = []
    for p in susun_hierarki(
        baris, lambda b: (b.indikator.program, b.indikator.kegiatan, b.indikator.sasaran)
    ):
        kelompok_p = Kelompok(p["objek"], skala=skala)
        for k in p["kegiatan"]:
            kelompok_k = Kelompok(k["objek"], skala=skala)
            for s in k["sasaran"]:
                kelompok_k.anak.append(Kelompok(s["objek"], list(s["indikator"]), skala=skala))
                kelompok_k.baris += s["indikator"]
            kelompok_p.anak.append(kelompok_k)
            kelompok_p.baris += kelompok_k.baris
        program.append(kelompok_p)

    tren = []
    for th in penetapan.daftar_tahun:
        if th == tahun:
            capaian_th = [b.capaian for b in baris]
            kategori_th = [b.kategori for b in baris]
            nilai_th = [b.nilai for b in baris]
        else:  # other years need only numbers, not row objects
            indikator_th = [i for i in semua_indikator if i.berlaku_pada(th)]
            nilai_th = [per_kunci.get((ind.pk, th)) for ind in indikator_th]
            capaian_th = [
                hitung_capaian(n.target, n.realisasi, ind.polaritas, ind.rumus_negatif)
                if n is not None
                else None
                for ind, n in zip(indikator_th, nilai_th, strict=True)
            ]
            kategori_th = [kategori_untuk(c, skala) for c in capaian_th]
        ada = [c for c in capaian_th if c is not None]
        hitung = Counter(k.pk for k in kategori_th if k is not None)
        tren.append(
            TahunTren(
                tahun=th,
                jumlah=len(nilai_th),
                ada_target=sum(1 for n in nilai_th if n is not None and n.target is not None),
                ada_realisasi=sum(1 for n in nilai_th if n is not None and n.realisasi is not None),
                tercapai=sum(1 for c in ada if c >= 100),
                capaian=rata_rata(ada),
                per_kategori=[(k, hitung.get(k.pk, 0)) for k in skala],
            )
        )

    status_tahun = TahunKinerja.objects.baca(penetapan.satker, tahun).status
    hitung_status = Counter(b.status for b in baris if b.nilai is not None)
    status_nilai = [(s.value, s.label, hitung_status.get(s.value, 0)) for s in StatusReviu]

    # The two lowest bands of the scale are "Kurang" and "Sangat Kurang".
    rendah = {k.pk for k in sorted(skala, key=lambda k: k.batas_bawah)[:2]}
    perhatian = Perhatian(
        kurang=sorted(
            (b for b in baris if b.kategori is not None and b.kategori.pk in rendah),
            key=lambda b: b.capaian,
        ),
        tanpa_realisasi=[b for b in baris if not b.ada_realisasi],
        tanpa_bukti=[b for b in baris if b.ada_realisasi and not b.ada_bukti],
        dikembalikan=[b for b in baris if b.status == StatusReviu.DIKEMBALIKAN],
    )
    return Ringkasan(
        penetapan=penetapan,
        tahun=tahun,
        skala=skala,
        baris=baris,
        program=program,
        tren=tren,
        status_tahun=status_tahun,
        status_tahun_label=StatusTahun(status_tahun).label,
        status_nilai=status_nilai,
        perhatian=perhatian,
    )


@dataclass
class Menanti:
    """What awaits the user at the top of the dashboard (never cached: it
    depends on the role and changes with every review step)."""

    tahun_diajukan: list  # TahunKinerja submitted to the Ketua (Ketua only), each with
    # .ringkasan_setujui: the sentences the approval's confirmation shows
    verifikasi: list  # (tahun, count) of entries waiting for the Sekretaris
    dibuka: list  # the satker's years reopened by the Admin and not approved again

    @property
    def jumlah_verifikasi(self) -> int:
        return sum(n for _, n in self.verifikasi)

    @property
    def ada(self) -> bool:
        return bool(self.tahun_diajukan or self.verifikasi or self.dibuka)


def menanti_untuk(user, penetapan: PenetapanIKU) -> Menanti:
    """One read of the satker's years (submitted or reopened), and for the
    Sekretaris one count of the submitted entries per year."""
    satker = penetapan.satker
    tahun_list = list(
        TahunKinerja.objects.filter(satker=satker)
        .filter(Q(status=StatusTahun.DIAJUKAN) | Q(dibuka_pada__isnull=False))
        .select_related("diajukan_oleh", "dibuka_oleh")
        .order_by("tahun")
    )
    diajukan = []
    if boleh(user, "setujui_tahun"):
        for t in tahun_list:
            if t.status != StatusTahun.DIAJUKAN:
                continue
            # The year may belong to another period than the one shown.
            milik = (
                penetapan
                if t.tahun in penetapan.daftar_tahun
                else PenetapanIKU.objects.untuk_tahun(satker, t.tahun)
            )
            if milik is not None:
                t.ringkasan_setujui = ringkasan_persetujuan(milik, t.tahun)
                diajukan.append(t)
    verifikasi = []
    if boleh(user, "verifikasi"):
        verifikasi = list(
            NilaiIndikator.objects.milik_satker(satker)
            .tahunan()
            .filter(status=StatusReviu.DIAJUKAN)
            .values_list("tahun")
            .annotate(n=Count("pk"))
            .order_by("tahun")
        )
    return Menanti(diajukan, verifikasi, [t for t in tahun_list if t.dibuka_kembali])
