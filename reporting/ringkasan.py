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


def rata_rata(nilai: list[Decimal]) -> Decimal | None:
    return sum(nilai, Decimal(0)) / len(nilai) if nilai else None


@dataclass
class BarisIndikator:
    """One indicator in the chosen year, with its values read from memory."""

    indikator: Indikator
    nilai: NilaiIndikator | None
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

    @property
    def capaian(self) -> Decimal | None:
        return rata_rata([b.capaian for b in self.baris if b.capaian is not None])

    @property
    def kategori(self) -> SkalaKategori | None:
        return kategori_untuk(self.capaian, self.skala)

    @property
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

    @property
    def jumlah_indikator(self) -> int:
        return len(self.baris)

    @property
    def jumlah_realisasi(self) -> int:
        return sum(1 for b in self.baris if b.ada_realisasi)

    @property
    def persen_realisasi(self) -> Decimal | None:
        if not self.baris:
            return None
        return Decimal(self.jumlah_realisasi * 100) / len(self.baris)

    @property
    def capaian(self) -> Decimal | None:
        return rata_rata([b.capaian for b in self.baris if b.capaian is not None])

    @property
    def kategori(self) -> SkalaKategori | None:
        return kategori_untuk(self.capaian, self.skala)

    @property
    def per_kategori(self) -> list[tuple[SkalaKategori, int]]:
        return _hitung_kategori(self.baris, self.skala)

    @property
    def tanpa_capaian(self) -> int:
        return sum(1 for b in self.baris if b.capaian is None)

    @property
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


def tahun_terakhir_berdata(nilai: list[NilaiIndikator]) -> int | None:
    """The latest year with at least one realisation entered."""
    return max((n.tahun for n in nilai if n.realisasi is not None), default=None)


def baca_nilai(penetapan: PenetapanIKU) -> tuple[list[Indikator], list[NilaiIndikator]]:
    """The decree's indicators (hierarchy joined) and all their yearly values
    over the period: two queries, whatever the size of the database."""
    indikator = list(Indikator.objects.dari_penetapan(penetapan).dengan_hierarki())
    nilai = list(
        NilaiIndikator.objects.filter(
            indikator__sasaran__kegiatan__program__penetapan=penetapan,
            triwulan=0,
            tahun__gte=penetapan.tahun_awal,
            tahun__lte=penetapan.tahun_akhir,
        ).only("id", "indikator_id", "tahun", "triwulan", "target", "realisasi", "status", "versi")
    )
    return indikator, nilai


def susun_ringkasan(
    penetapan: PenetapanIKU,
    tahun: int,
    indikator: list[Indikator],
    nilai: list[NilaiIndikator],
    skala: list[SkalaKategori],
) -> Ringkasan:
    """Everything the dashboard shows for `tahun`, from the rows of baca_nilai()
    plus two small queries (evidence presence and the year's review state)."""
    per_kunci = {(n.indikator_id, n.tahun): n for n in nilai}
    indikator_per_pk = {i.pk: i for i in indikator}
    for n in nilai:  # capaian reads the polarity: give each value its indicator
        if n.indikator_id in indikator_per_pk:
            n.indikator = indikator_per_pk[n.indikator_id]

    nilai_tahun_ini = [n.pk for n in nilai if n.tahun == tahun]
    berbukti = set(
        BuktiDukung.objects.filter(nilai_id__in=nilai_tahun_ini)
        .values_list("nilai_id", flat=True)
        .distinct()
    )

    def baris_untuk(ind: Indikator, th: int) -> BarisIndikator:
        n = per_kunci.get((ind.pk, th))
        c = n.capaian if n is not None else None
        return BarisIndikator(
            indikator=ind,
            nilai=n,
            capaian=c,
            kategori=kategori_untuk(c, skala),
            ada_bukti=n is not None and n.pk in berbukti,
        )

    baris = [baris_untuk(ind, tahun) for ind in indikator]

    program: list[Kelompok] = []
    for b in baris:
        sasaran = b.indikator.sasaran
        kegiatan, prog = sasaran.kegiatan, sasaran.kegiatan.program
        if not program or program[-1].objek.pk != prog.pk:
            program.append(Kelompok(prog, skala=skala))
        p = program[-1]
        if not p.anak or p.anak[-1].objek.pk != kegiatan.pk:
            p.anak.append(Kelompok(kegiatan, skala=skala))
        k = p.anak[-1]
        if not k.anak or k.anak[-1].objek.pk != sasaran.pk:
            k.anak.append(Kelompok(sasaran, skala=skala))
        for kelompok in (p, k, k.anak[-1]):
            kelompok.baris.append(b)

    tren = []
    for th in penetapan.daftar_tahun:
        baris_th = baris if th == tahun else [baris_untuk(ind, th) for ind in indikator]
        tren.append(
            TahunTren(
                tahun=th,
                jumlah=len(baris_th),
                ada_target=sum(1 for b in baris_th if b.ada_target),
                ada_realisasi=sum(1 for b in baris_th if b.ada_realisasi),
                tercapai=sum(1 for b in baris_th if b.capaian is not None and b.capaian >= 100),
                capaian=rata_rata([b.capaian for b in baris_th if b.capaian is not None]),
                per_kategori=_hitung_kategori(baris_th, skala),
            )
        )

    tahun_kinerja = TahunKinerja.objects.filter(satker=penetapan.satker, tahun=tahun).first()
    status_tahun = tahun_kinerja.status if tahun_kinerja else StatusTahun.DRAF
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
