"""Everything the year's documents show, assembled for one satker-year in a
fixed number of queries (whatever the number of indicators): the LAKIP PDF,
the Perjanjian Kinerja, the IKU and their Excel twins all read from here.

Nothing here formats for a page except the chart SVGs; the templates and the
spreadsheet writer format numbers with indicators.format.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from indicators.capaian import rata_rata
from indicators.hierarki import jenjang_indikator, susun_hierarki
from indicators.models import (
    AnggaranKegiatan,
    Indikator,
    Kegiatan,
    NarasiLaporan,
    NilaiIndikator,
    PenetapanIKU,
    SkalaKategori,
    StatusTahun,
    TahunKinerja,
    kategori_untuk,
)

from .. import grafik


@dataclass
class BarisIndikator:
    """One indicator in the report year, with its history over the period."""

    indikator: Indikator
    nilai: NilaiIndikator | None
    capaian: Decimal | None
    kategori: SkalaKategori | None
    # capaian per year of the period up to the report year, in order
    riwayat: list[tuple[int, NilaiIndikator | None, Decimal | None]]
    realisasi_terakhir: Decimal | None  # the latest realisation up to the report year
    capaian_renstra: Decimal | None  # that realisation against Indikator.target_akhir

    @property
    def target(self) -> Decimal | None:
        return self.nilai.target if self.nilai else None

    @property
    def realisasi(self) -> Decimal | None:
        return self.nilai.realisasi if self.nilai else None

    @property
    def persen(self) -> bool:
        return self.indikator.satuan == "Persen"

    def capaian_tahun(self, tahun: int) -> Decimal | None:
        for t, _, c in self.riwayat:
            if t == tahun:
                return c
        return None


@dataclass
class BlokSasaran:
    sasaran: object
    kegiatan: object
    baris: list[BarisIndikator]
    rata_rata: Decimal | None = None
    rata_rata_lalu: Decimal | None = None
    kategori: SkalaKategori | None = None
    catatan: str = ""  # saved narrative note, "" when none
    grafik: str = ""
    nomor_tabel: int = 0
    nomor_grafik: int = 0

    @property
    def analisis(self) -> list[BarisIndikator]:
        return [
            b
            for b in self.baris
            if b.nilai and (b.nilai.analisis or b.nilai.kendala or b.nilai.tindak_lanjut)
        ]


@dataclass
class BlokKegiatan:
    kegiatan: Kegiatan
    sasaran: list[BlokSasaran]

    @property
    def jumlah_indikator(self) -> int:
        return sum(len(s.baris) for s in self.sasaran)


@dataclass
class BlokProgram:
    program: object
    kegiatan: list[BlokKegiatan]


@dataclass
class BarisAnggaran:
    kegiatan: Kegiatan
    pagu: Decimal | None
    realisasi: Decimal | None

    @property
    def persen(self) -> Decimal | None:
        if not self.pagu or self.realisasi is None:
            return None
        return self.realisasi / self.pagu * 100


@dataclass
class Laporan:
    satker: object
    penetapan: PenetapanIKU
    tahun: int
    tahun_kinerja: TahunKinerja
    skala: list[SkalaKategori]
    program: list[BlokProgram]
    baris: list[BarisIndikator]
    anggaran: list[BarisAnggaran]
    narasi: dict[str, str]  # bagian → saved text (only sections that were saved)
    tahun_banding: list[int]  # years of the period up to the report year
    sebaran: list[tuple[SkalaKategori, int]] = field(default_factory=list)
    belum_terukur: int = 0
    grafik_kegiatan: str = ""
    grafik_sebaran: str = ""

    @property
    def disetujui(self) -> bool:
        return self.tahun_kinerja.status == StatusTahun.DISETUJUI

    @property
    def sasaran(self) -> list[BlokSasaran]:
        return [s for p in self.program for k in p.kegiatan for s in k.sasaran]

    @property
    def kegiatan(self) -> list[BlokKegiatan]:
        return [k for p in self.program for k in p.kegiatan]

    @property
    def rata_rata(self) -> Decimal | None:
        return rata_rata([b.capaian for b in self.baris])

    def rata_rata_tahun(self, tahun: int) -> Decimal | None:
        return rata_rata([b.capaian_tahun(tahun) for b in self.baris])

    @property
    def total_pagu(self) -> Decimal | None:
        ada = [a.pagu for a in self.anggaran if a.pagu is not None]
        return sum(ada, Decimal(0)) if ada else None

    @property
    def total_realisasi_anggaran(self) -> Decimal | None:
        ada = [a.realisasi for a in self.anggaran if a.realisasi is not None]
        return sum(ada, Decimal(0)) if ada else None

    @property
    def persen_anggaran(self) -> Decimal | None:
        pagu, realisasi = self.total_pagu, self.total_realisasi_anggaran
        if not pagu or realisasi is None:
            return None
        return realisasi / pagu * 100

    @property
    def nama_singkat(self) -> str:
        return singkat(self.satker.nama)

    @property
    def tanggal_tanda_tangan(self):
        tk = self.tahun_kinerja
        if tk.tanggal_laporan:
            return tk.tanggal_laporan
        if tk.disetujui_pada:
            from django.utils import timezone

            return timezone.localtime(tk.disetujui_pada).date()
        return None


def singkat(nama: str) -> str:
    """ "Komisi Pemilihan Umum Kabupaten Mesuji" → "KPU Kabupaten Mesuji"."""
    return nama.replace("Komisi Pemilihan Umum", "KPU", 1)


def susun_laporan(penetapan: PenetapanIKU, tahun: int, *, grafik_sasaran: bool = True) -> Laporan:
    """The whole report of `penetapan.satker` for `tahun` (7 queries)."""
    satker = penetapan.satker
    tahun_banding = [t for t in penetapan.daftar_tahun if t <= tahun]
    skala = SkalaKategori.objects.daftar()
    indikator_list = list(
        Indikator.objects.dari_penetapan(penetapan)
        .berlaku(tahun)  # a retired indicator stays in the reports of its years only
        .dengan_hierarki()
        .dengan_nilai(*penetapan.daftar_tahun)
    )
    kegiatan_list = list(
        Kegiatan.objects.filter(program__penetapan=penetapan)
        .select_related("program")
        .order_by("program__urutan", "urutan")
    )
    anggaran = {
        a.kegiatan_id: a
        for a in AnggaranKegiatan.objects.filter(kegiatan__in=kegiatan_list, tahun=tahun)
    }
    narasi_rows = list(NarasiLaporan.objects.filter(satker=satker, tahun=tahun))
    tahun_kinerja = TahunKinerja.objects.baca(satker, tahun)

    narasi = {n.bagian: n.isi for n in narasi_rows if n.sasaran_id is None and n.isi.strip()}
    catatan_sasaran = {n.sasaran_id: n.isi for n in narasi_rows if n.sasaran_id and n.isi.strip()}

    semua_baris: list[BarisIndikator] = []
    for indikator in indikator_list:
        riwayat = []
        realisasi_terakhir = None
        for t in tahun_banding:
            n = indikator.nilai_pada(t)
            riwayat.append((t, n, n.capaian if n else None))
            if n and n.realisasi is not None:
                realisasi_terakhir = n.realisasi
        nilai = indikator.nilai_pada(tahun)
        capaian = nilai.capaian if nilai else None
        baris = BarisIndikator(
            indikator=indikator,
            nilai=nilai,
            capaian=capaian,
            kategori=kategori_untuk(capaian, skala),
            riwayat=riwayat,
            realisasi_terakhir=realisasi_terakhir,
            capaian_renstra=indikator.hitung_capaian(indikator.target_akhir, realisasi_terakhir),
        )
        semua_baris.append(baris)

    program_list = [
        BlokProgram(
            p["objek"],
            [
                BlokKegiatan(
                    k["objek"],
                    [
                        BlokSasaran(
                            s["objek"],
                            k["objek"],
                            s["indikator"],
                            catatan=catatan_sasaran.get(s["objek"].pk, ""),
                        )
                        for s in k["sasaran"]
                    ],
                )
                for k in p["kegiatan"]
            ],
        )
        for p in susun_hierarki(semua_baris, lambda b: jenjang_indikator(b.indikator))
    ]

    laporan = Laporan(
        satker=satker,
        penetapan=penetapan,
        tahun=tahun,
        tahun_kinerja=tahun_kinerja,
        skala=skala,
        program=program_list,
        baris=semua_baris,
        anggaran=[
            BarisAnggaran(
                k,
                anggaran[k.pk].pagu if k.pk in anggaran else None,
                anggaran[k.pk].realisasi if k.pk in anggaran else None,
            )
            for k in kegiatan_list
        ],
        narasi=narasi,
        tahun_banding=tahun_banding,
    )
    _ringkas(laporan, grafik_sasaran=grafik_sasaran)
    return laporan


def _ringkas(laporan: Laporan, *, grafik_sasaran: bool) -> None:
    """Averages, category spread, numbering of tables and charts, and the charts."""
    skala = laporan.skala
    tahun_lalu = laporan.tahun - 1 if laporan.tahun - 1 in laporan.tahun_banding else None
    hitung = {k.pk: 0 for k in skala}
    for b in laporan.baris:
        if b.kategori:
            hitung[b.kategori.pk] += 1
        else:
            laporan.belum_terukur += 1
    laporan.sebaran = [(k, hitung[k.pk]) for k in skala]

    # Tables 1–2 are the Ikhtisar and Perjanjian Kinerja summary; charts 1–2 the overview.
    nomor_tabel, nomor_grafik = 2, 2
    for blok in laporan.sasaran:
        blok.rata_rata = rata_rata([b.capaian for b in blok.baris])
        blok.kategori = kategori_untuk(blok.rata_rata, skala)
        if tahun_lalu:
            blok.rata_rata_lalu = rata_rata([b.capaian_tahun(tahun_lalu) for b in blok.baris])
        nomor_tabel += 1
        blok.nomor_tabel = nomor_tabel
        nomor_tabel += 1  # the comparison table across years
        if grafik_sasaran:
            nomor_grafik += 1
            blok.nomor_grafik = nomor_grafik
            blok.grafik = _grafik_sasaran(blok, laporan.tahun_banding)

    warna = {k.pk: k.warna for k in skala}
    laporan.grafik_sebaran = grafik.batang_horizontal(
        [grafik.Batang(k.nama, Decimal(n), k.warna) for k, n in laporan.sebaran],
        judul="Jumlah indikator per kategori capaian",
        satuan="",
        maks=_batas_hitungan(max([n for _, n in laporan.sebaran] + [1])),
    )
    batang = []
    for blok in laporan.kegiatan:
        nilai = rata_rata([b.capaian for s in blok.sasaran for b in s.baris])
        kat = kategori_untuk(nilai, skala)
        batang.append(
            grafik.Batang(
                f"{blok.kegiatan.kode} {blok.kegiatan.nama}",
                nilai,
                warna.get(kat.pk, "#6b7280") if kat else "#6b7280",
                kat.nama if kat else "",
            )
        )
    laporan.grafik_kegiatan = grafik.batang_horizontal(
        batang, judul="Capaian rata-rata per Kegiatan"
    )


def _batas_hitungan(n: int) -> Decimal:
    """An axis end for counts whose quarter ticks are whole numbers."""
    langkah = 20 if n > 20 else 4
    return Decimal(-(-n // langkah) * langkah)


def _grafik_sasaran(blok: BlokSasaran, tahun_banding: list[int]) -> str:
    label = [str(t) for t in tahun_banding]
    if len(blok.baris) <= 4:
        seri = [
            grafik.Seri(
                f"IK {b.indikator.kode}",
                [b.capaian_tahun(t) for t in tahun_banding],
            )
            for b in blok.baris
        ]
    else:
        seri = [
            grafik.Seri(
                "Capaian rata-rata",
                [rata_rata([b.capaian_tahun(t) for b in blok.baris]) for t in tahun_banding],
                bentuk="batang",
            )
        ]
    return grafik.tren(
        label,
        seri,
        judul=f"Capaian Sasaran {blok.sasaran.kode} per tahun",
        tinggi=220,
        satuan="%",
    )


@dataclass
class BarisIKU:
    nomor: int | None  # the Kegiatan's number within its Program, on its first row only
    kegiatan: Kegiatan | None  # set on the Kegiatan's first row only
    rowspan_kegiatan: int
    sasaran: object | None  # set on the Sasaran's first row only
    rowspan_sasaran: int
    indikator: Indikator


def tabel_iku(penetapan: PenetapanIKU) -> list[tuple[object, list[BarisIKU]]]:
    """The decree's Lampiran as printed: one table per Program, Kegiatan and
    Sasaran cells merged over their indicators (one query)."""
    indikator_list = list(Indikator.objects.dari_penetapan(penetapan).dengan_hierarki())
    hitung_kegiatan: dict[int, int] = {}
    hitung_sasaran: dict[int, int] = {}
    for i in indikator_list:
        hitung_kegiatan[i.sasaran.kegiatan_id] = hitung_kegiatan.get(i.sasaran.kegiatan_id, 0) + 1
        hitung_sasaran[i.sasaran_id] = hitung_sasaran.get(i.sasaran_id, 0) + 1
    tabel: list[tuple[object, list[BarisIKU]]] = []
    kegiatan_lalu = sasaran_lalu = None
    nomor = 0
    for i in indikator_list:
        sasaran = i.sasaran
        kegiatan = sasaran.kegiatan
        if not tabel or tabel[-1][0].pk != kegiatan.program_id:
            tabel.append((kegiatan.program, []))
            nomor = 0
        kegiatan_baru = kegiatan.pk != kegiatan_lalu
        sasaran_baru = sasaran.pk != sasaran_lalu
        if kegiatan_baru:
            nomor += 1
        tabel[-1][1].append(
            BarisIKU(
                nomor=nomor if kegiatan_baru else None,
                kegiatan=kegiatan if kegiatan_baru else None,
                rowspan_kegiatan=hitung_kegiatan[kegiatan.pk],
                sasaran=sasaran if sasaran_baru else None,
                rowspan_sasaran=hitung_sasaran[sasaran.pk],
                indikator=i,
            )
        )
        kegiatan_lalu, sasaran_lalu = kegiatan.pk, sasaran.pk
    return tabel


# --- Rencana Aksi and the quarterly report -------------------------------------------


@dataclass
class BarisRencana:
    """One indicator of the Rencana Aksi: its yearly target and its actions."""

    baris: BarisIndikator
    rencana: list  # RencanaAksi with `kolom` (steps TW I–IV)

    @property
    def anggaran(self) -> Decimal | None:
        ada = [r.anggaran for r in self.rencana if r.anggaran is not None]
        return sum(ada, Decimal(0)) if ada else None


@dataclass
class DokumenRencanaAksi:
    laporan: Laporan
    sasaran: list[tuple[BlokSasaran, list[BarisRencana]]]

    @property
    def total_anggaran(self) -> Decimal | None:
        ada = [b.anggaran for _, daftar in self.sasaran for b in daftar if b.anggaran is not None]
        return sum(ada, Decimal(0)) if ada else None


def susun_rencana_aksi(penetapan: PenetapanIKU, tahun: int) -> DokumenRencanaAksi:
    """The Rencana Aksi of a satker-year, per Sasaran and indicator (9 queries)."""
    from indicators.rencana_aksi.selectors import rencana_per_indikator

    laporan = susun_laporan(penetapan, tahun, grafik_sasaran=False)
    rencana = rencana_per_indikator(penetapan, tahun)
    return DokumenRencanaAksi(
        laporan,
        [
            (s, [BarisRencana(b, rencana.get(b.indikator.pk, [])) for b in s.baris])
            for s in laporan.sasaran
        ],
    )


@dataclass
class PeriodeTriwulan:
    singkatan: str
    target: Decimal | None
    realisasi: Decimal | None


@dataclass
class BarisTriwulan:
    """One indicator in the quarterly report: its periods up to the quarter and
    its capaian so far by its rule."""

    baris: BarisIndikator
    periode: list[PeriodeTriwulan]  # measured periods ending by the quarter; [] for yearly
    target_sd: Decimal | None
    realisasi_sd: Decimal | None
    capaian: Decimal | None
    kategori: SkalaKategori | None
    langkah: list  # (RencanaAksi, KemajuanRencanaAksi) of the quarter
    sel: list = field(default_factory=list)  # per quarter TW I … the report's: period or None

    @property
    def indikator(self) -> Indikator:
        return self.baris.indikator


@dataclass
class LaporanTriwulan:
    laporan: Laporan
    triwulan: int
    nama_triwulan: str
    sasaran: list[tuple[BlokSasaran, list[BarisTriwulan]]]
    kolom: list[str]  # period headings TW I … up to the quarter

    @property
    def baris(self) -> list[BarisTriwulan]:
        return [b for _, daftar in self.sasaran for b in daftar]

    @property
    def rata_rata(self) -> Decimal | None:
        return rata_rata([b.capaian for b in self.baris])

    @property
    def langkah_selesai(self) -> tuple[int, int]:
        semua = [k for b in self.baris for _, k in b.langkah]
        return sum(k.status == "selesai" for k in semua), len(semua)


def susun_laporan_triwulan(penetapan: PenetapanIKU, tahun: int, triwulan: int) -> LaporanTriwulan:
    """Target and realisasi per period up to `triwulan`, the capaian so far by
    each indicator's rule (periode.sampai_saat_ini over those periods; a yearly
    indicator by its yearly row) and the quarter's Rencana Aksi progress
    (10 queries)."""
    from indicators import periode as pr
    from indicators.rencana_aksi.selectors import rencana_per_indikator

    laporan = susun_laporan(penetapan, tahun, grafik_sasaran=False)
    periode: dict[int, dict[int, NilaiIndikator]] = {}
    for n in NilaiIndikator.objects.filter(
        indikator__sasaran__kegiatan__program__penetapan=penetapan,
        tahun=tahun,
        triwulan__gt=0,
        triwulan__lte=triwulan,
    ):
        periode.setdefault(n.indikator_id, {})[n.triwulan] = n
    rencana = rencana_per_indikator(penetapan, tahun)

    def baris_triwulan(b: BarisIndikator) -> BarisTriwulan:
        ind = b.indikator
        langkah = [
            (r, r.langkah[triwulan]) for r in rencana.get(ind.pk, []) if triwulan in r.langkah
        ]
        if not ind.berperiode:
            return BarisTriwulan(
                b, [], b.target, b.realisasi, b.capaian, b.kategori, langkah, [None] * triwulan
            )
        ada = periode.get(ind.pk, {})
        slot = [s for s in ind.slot_periode if s <= triwulan]
        pasangan = [(ada[s].target, ada[s].realisasi) if s in ada else (None, None) for s in slot]
        target_sd, realisasi_sd = pr.sampai_saat_ini(ind.aturan_tahunan, pasangan)
        capaian = ind.hitung_capaian(target_sd, realisasi_sd)
        per_slot = {
            s: PeriodeTriwulan(pr.singkatan_periode(ind.periode_ukur, s), t, r)
            for s, (t, r) in zip(slot, pasangan, strict=True)
        }
        return BarisTriwulan(
            b,
            list(per_slot.values()),
            target_sd,
            realisasi_sd,
            capaian,
            kategori_untuk(capaian, laporan.skala),
            langkah,
            [per_slot.get(tw) for tw in range(1, triwulan + 1)],
        )

    return LaporanTriwulan(
        laporan,
        triwulan,
        pr.nama_periode(pr.TRIWULANAN, triwulan),
        [(s, [baris_triwulan(b) for b in s.baris]) for s in laporan.sasaran],
        [pr.singkatan_periode(pr.TRIWULANAN, tw) for tw in range(1, triwulan + 1)],
    )
