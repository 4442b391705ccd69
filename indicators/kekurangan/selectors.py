"""What still has to be filled: the period entries of the indicators measured
per quarter or semester whose period has opened (its last day has come) and
that have no realisasi yet, per unit kerja (the indicator's penanggung jawab),
with the deadline and the days left. Read by the "Belum diisi" page, the menu's
count, the Ketua's dashboard block and the reminder command
(ingatkan_batas)."""

from dataclasses import dataclass
from datetime import date

from .. import jadwal, sidik
from .. import periode as pr
from ..akses import boleh_ubah_realisasi
from ..models import Indikator, NilaiIndikator, Satker, UnitKerja
from ..tautan import tautan_indikator


@dataclass
class Butir:
    """One period entry still empty."""

    indikator: Indikator
    tahun: int
    triwulan: int
    jendela: jadwal.Jendela

    @property
    def nama_periode(self) -> str:
        return pr.nama_periode(self.indikator.periode_ukur, self.triwulan)

    @property
    def url(self) -> str:
        kode = pr.kode_url(self.indikator.periode_ukur, self.triwulan)
        return tautan_indikator(self.tahun, self.indikator.pk, periode=kode)


@dataclass
class KelompokUnit:
    unit: UnitKerja | None  # None: indicators with no penanggung jawab
    butir: list[Butir]

    @property
    def nama(self) -> str:
        return self.unit.nama if self.unit else "Tanpa penanggung jawab"


def _tahun_berjalan(hari: date) -> list[int]:
    return [hari.year - 1, hari.year]


def butir_kekurangan(
    satker: Satker | int, hari: date | None = None, *, semua_tahun_ini: bool = True
) -> list[Butir]:
    """The empty period entries of the satker whose period has opened: of this
    year (every opened period, also past its deadline, while
    `semua_tahun_ini`), and of last year while its window is still open (TW IV
    in early January). Ordered by deadline, then indicator. One small query (the catalogue's
    fingerprint) when the satker measures nothing per period, two more the
    first time; otherwise five or six."""
    hari = hari or jadwal.hari_ini()
    satker_id = satker if isinstance(satker, int) else satker.pk
    daftar_tahun = _tahun_berjalan(hari)
    periodik = (
        Indikator.objects.milik_satker(satker_id)
        .exclude(periode_ukur=pr.TAHUNAN)
        .filter(
            aktif=True,
            sasaran__kegiatan__program__penetapan__tahun_awal__lte=daftar_tahun[-1],
            sasaran__kegiatan__program__penetapan__tahun_akhir__gte=daftar_tahun[0],
        )
    )
    # Most satker measure nothing per period: that answer is kept under the
    # fingerprint of the satker's catalogue, so the menu's count on every page
    # costs one small query (bench/bench_rekap.py: 7,6 ms for KPU RI before).
    if not sidik.dari_cache_pohon("ada-periodik", satker_id, tuple(daftar_tahun), periodik.exists):
        return []
    indikator = list(periodik.dengan_hierarki())
    terisi = set(
        NilaiIndikator.objects.filter(
            indikator__in=indikator,
            tahun__in=daftar_tahun,
            triwulan__gt=0,
            realisasi__isnull=False,
        ).values_list("indikator_id", "tahun", "triwulan")
    )
    hasil = []
    for tahun in daftar_tahun:
        jendela = jadwal.jendela_tahun(satker_id, tahun, hari)
        for ind in indikator:
            penetapan = ind.penetapan
            if not penetapan.tahun_awal <= tahun <= penetapan.tahun_akhir:
                continue
            for s in ind.slot_periode:
                j = jendela[s]
                if j.belum_buka or (ind.pk, tahun, s) in terisi:
                    continue
                if j.lewat_batas and not (semua_tahun_ini and tahun == hari.year):
                    continue
                hasil.append(Butir(ind, tahun, s, j))
    hasil.sort(key=lambda b: (b.jendela.batas, b.indikator.kode))
    return hasil


def per_unit(butir: list[Butir]) -> list[KelompokUnit]:
    """The entries grouped by the unit in charge, units by name, the
    indicators with none last."""
    kelompok: dict[int | None, KelompokUnit] = {}
    for b in butir:
        unit = b.indikator.penanggung_jawab
        kunci = unit.pk if unit else None
        kelompok.setdefault(kunci, KelompokUnit(unit, [])).butir.append(b)
    return sorted(kelompok.values(), key=lambda k: (k.unit is None, k.nama))


def untuk_pengguna(butir: list[Butir], user) -> list[Butir]:
    """What this user has to fill: an Operator their unit's (akses), the
    other roles see everything."""
    if not user.punya_peran("Operator") or user.is_superuser:
        return butir
    return [b for b in butir if boleh_ubah_realisasi(user, b.indikator)]


def jumlah_untuk(user) -> int:
    """The menu's count: the entries still empty for this user."""
    if not user.is_authenticated or user.satker_id is None:
        return 0
    return len(untuk_pengguna(butir_kekurangan(user.satker_id), user))


def butir_permintaan(request, satker_id: int | None = None) -> list[Butir]:
    """butir_kekurangan() of the request's satker (the user's unless given),
    read once per request: the menu's count and the Ketua's block share it."""
    satker_id = satker_id or request.user.satker_id
    if satker_id is None:
        return []
    simpanan = request.__dict__.setdefault("_butir_kekurangan", {})
    if satker_id not in simpanan:
        simpanan[satker_id] = butir_kekurangan(satker_id)
    return simpanan[satker_id]


def jumlah_permintaan(request) -> int:
    """The menu's count for the request's user (jumlah_untuk, read once)."""
    user = request.user
    if not user.is_authenticated or user.satker_id is None:
        return 0
    return len(untuk_pengguna(butir_permintaan(request), user))


@dataclass
class RingkasTriwulan:
    """The Ketua's view of one quarter: how many entries are still empty, by unit."""

    tahun: int
    triwulan: int
    jendela: jadwal.Jendela
    unit: list[tuple[str, int]]  # (unit name, entries still empty)

    @property
    def jumlah(self) -> int:
        return sum(n for _, n in self.unit)

    @property
    def nama(self) -> str:
        return f"TW {pr.ROMAWI[self.triwulan]} {self.tahun}"


def ringkas_per_triwulan(butir: list[Butir]) -> list[RingkasTriwulan]:
    """The empty entries per quarter (semesters count in the quarter they end
    in), each with its units, oldest quarter first."""
    per_tw: dict[tuple[int, int], list[Butir]] = {}
    for b in butir:
        per_tw.setdefault((b.tahun, b.triwulan), []).append(b)
    hasil = []
    for (tahun, tw), daftar in sorted(per_tw.items()):
        hasil.append(
            RingkasTriwulan(
                tahun,
                tw,
                daftar[0].jendela,
                [(k.nama, len(k.butir)) for k in per_unit(daftar)],
            )
        )
    return hasil
