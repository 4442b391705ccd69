"""The IKU domain: satker, decrees, the Program → Kegiatan → Sasaran → Indikator
hierarchy, yearly (later quarterly) values, review state, evidence and budget.

Per-row rules live here; reads across many rows live on the QuerySets.
"""

import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from . import capaian as cp
from . import periode as pr
from .angka import angka

DUA_DESIMAL = Decimal("0.01")


# --- Organisation -----------------------------------------------------------


class SatkerQuerySet(models.QuerySet):
    def di_bawah(self, satker: "Satker | int", termasuk: bool = True) -> "SatkerQuerySet":
        """`satker` (with `termasuk`) and every satker below it. The KPU has three
        levels (KPU RI → KPU Provinsi → KPU Kabupaten/Kota), so two steps down
        reach them all, in one query."""
        kondisi = Q(induk=satker) | Q(induk__induk=satker)
        if termasuk:
            kondisi |= Q(pk=satker.pk if isinstance(satker, Satker) else satker)
        return self.filter(kondisi)


class SatkerManager(models.Manager.from_queryset(SatkerQuerySet)):
    def get_by_natural_key(self, kode: str) -> "Satker":
        return self.get(kode=kode)


class Satker(models.Model):
    class Tingkat(models.TextChoices):
        PUSAT = "pusat", "Pusat"
        PROVINSI = "provinsi", "Provinsi"
        KABKOTA = "kabkota", "Kabupaten/Kota"

    kode = models.CharField("kode", max_length=20, unique=True)
    nama = models.CharField("nama", max_length=200)
    tingkat = models.CharField("tingkat", max_length=10, choices=Tingkat.choices)
    induk = models.ForeignKey(
        "self",
        verbose_name="satker induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anak",
    )
    kota = models.CharField(
        "tempat penandatanganan", max_length=100, blank=True, help_text="Contoh: Mesuji"
    )
    alamat = models.CharField("alamat", max_length=300, blank=True)
    nama_ketua = models.CharField("nama Ketua", max_length=150, blank=True)
    nama_sekretaris = models.CharField("nama Sekretaris", max_length=150, blank=True)
    nip_sekretaris = models.CharField("NIP Sekretaris", max_length=30, blank=True)
    data_contoh = models.BooleanField(
        "berisi data contoh",
        default=False,
        help_text="Diisi oleh seed_demo; selama ada satker bertanda ini, setiap halaman "
        "menampilkan spanduk “Data contoh”.",
    )

    objects = SatkerManager()

    class Meta:
        verbose_name = "satuan kerja"
        verbose_name_plural = "satuan kerja"
        ordering = ["kode"]

    def __str__(self) -> str:
        return self.nama

    def natural_key(self) -> tuple[str]:
        return (self.kode,)

    @property
    def punya_bawahan(self) -> bool:
        """KPU RI and a KPU Provinsi have offices below them (by level: no query)."""
        return self.tingkat in (self.Tingkat.PUSAT, self.Tingkat.PROVINSI)

    def membawahi(self, lain: "Satker") -> bool:
        """Is `lain` below this satker (one or two levels down)? Reads lain.induk."""
        return lain.induk_id == self.pk or (
            lain.induk_id is not None and lain.induk.induk_id == self.pk
        )

    @property
    def jabatan_ketua(self) -> str:
        return f"Ketua {self.nama}"

    @property
    def jabatan_sekretaris(self) -> str:
        return f"Sekretaris {self.nama}"


class UnitKerja(models.Model):
    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.CASCADE, related_name="unit_kerja"
    )
    nama = models.CharField("nama", max_length=200)

    class Meta:
        verbose_name = "unit kerja"
        verbose_name_plural = "unit kerja"
        ordering = ["satker__kode", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "nama"], name="unitkerja_unik_per_satker")
        ]

    def __str__(self) -> str:
        return self.nama


class Pengguna(AbstractUser):
    satker = models.ForeignKey(
        Satker,
        verbose_name="satker",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pengguna",
    )
    unit_kerja = models.ForeignKey(
        UnitKerja,
        verbose_name="unit kerja",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pengguna",
    )
    jabatan = models.CharField("jabatan", max_length=150, blank=True)

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    def clean(self) -> None:
        super().clean()
        if self.unit_kerja_id and self.unit_kerja.satker_id != self.satker_id:
            raise ValidationError({"unit_kerja": "Unit kerja harus milik satker pengguna."})

    def peran(self) -> set[str]:
        """Names of the user's groups (Admin, Operator, Sekretaris, Ketua), cached."""
        if not hasattr(self, "_peran"):
            self._peran = set(self.groups.values_list("name", flat=True))
        return self._peran

    def punya_peran(self, *nama: str) -> bool:
        return (self.is_superuser and "Admin" in nama) or bool(self.peran() & set(nama))


# --- The decree and its hierarchy ----------------------------------------------


class PenetapanIKUQuerySet(models.QuerySet):
    def untuk_tahun(self, satker: Satker | int, tahun: int) -> "PenetapanIKU | None":
        """The decree of `satker` whose period covers `tahun` (the newest if several)."""
        return (
            self.filter(satker=satker, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
            .order_by("-tahun_awal", "-tanggal")
            .first()
        )

    def terbaru(self, satker: Satker | int) -> "PenetapanIKU | None":
        return self.filter(satker=satker).order_by("-tahun_akhir", "-tanggal").first()

    def bawaan(self, satker: Satker | int, hari_ini: date | None = None) -> "PenetapanIKU | None":
        """The decree a page opens on: the one whose period contains today,
        else the newest."""
        tahun = (hari_ini or timezone.localdate()).year
        return self.untuk_tahun(satker, tahun) or self.terbaru(satker)

    def get_by_natural_key(self, satker_kode: str, tahun_awal: int, tahun_akhir: int):
        return self.get(satker__kode=satker_kode, tahun_awal=tahun_awal, tahun_akhir=tahun_akhir)

    def periode_tahun(self, satker: Satker | int) -> list[tuple[str, list[int]]]:
        """Every year a satker can choose, across its Renstra periods (a satker
        with 2020–2024 and 2025–2029 decrees picks any year of both), per
        period, oldest first: [("2020–2024", [2020, …]), …]. One query."""
        hasil, dipakai = [], set()
        for awal, akhir in (
            self.filter(satker=satker)
            .order_by("tahun_awal", "tahun_akhir")
            .values_list("tahun_awal", "tahun_akhir")
            .distinct()
        ):
            tahun = [t for t in range(awal, akhir + 1) if t not in dipakai]
            dipakai.update(tahun)
            if tahun:
                hasil.append((f"{awal}–{akhir}", tahun))
        return hasil


class PenetapanIKU(models.Model):
    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.PROTECT, related_name="penetapan"
    )
    nomor = models.CharField("nomor", max_length=100, help_text="Contoh: 18 Tahun 2022")
    tanggal = models.DateField("tanggal penetapan", null=True, blank=True)
    tentang = models.TextField("tentang", blank=True)
    tahun_awal = models.PositiveSmallIntegerField("tahun awal periode")
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir periode")
    penandatangan = models.CharField("penandatangan", max_length=150, blank=True)
    induk = models.ForeignKey(
        "self",
        verbose_name="diadopsi dari (penetapan IKU satker induk)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="turunan",
    )

    objects = PenetapanIKUQuerySet.as_manager()

    class Meta:
        verbose_name = "penetapan IKU"
        verbose_name_plural = "penetapan IKU"
        ordering = ["satker__kode", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun_awal", "tahun_akhir"], name="penetapan_unik_per_periode"
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal")),
                name="penetapan_periode_urut",
            ),
        ]

    def __str__(self) -> str:
        # No satker here: __str__ runs in filter lists and must not query.
        return f"Nomor {self.nomor} ({self.periode})"

    def natural_key(self) -> tuple:
        return (*self.satker.natural_key(), self.tahun_awal, self.tahun_akhir)

    natural_key.dependencies = ["indicators.satker"]

    @property
    def periode(self) -> str:
        return f"{self.tahun_awal}–{self.tahun_akhir}"

    @property
    def daftar_tahun(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))

    def tahun_bawaan(self, hari_ini: date | None = None) -> int:
        """The year every page opens on: this year when the period contains it,
        else the period's nearest year (its last for a past period)."""
        tahun = (hari_ini or timezone.localdate()).year
        return min(max(tahun, self.tahun_awal), self.tahun_akhir)

    def clean(self) -> None:
        if self.tahun_awal and self.tahun_akhir and self.tahun_akhir < self.tahun_awal:
            raise ValidationError({"tahun_akhir": "Tahun akhir tidak boleh sebelum tahun awal."})


class Program(models.Model):
    penetapan = models.ForeignKey(
        PenetapanIKU, verbose_name="penetapan IKU", on_delete=models.CASCADE, related_name="program"
    )
    urutan = models.PositiveIntegerField("urutan")
    kode = models.CharField("kode", max_length=40)
    nama = models.TextField("nama program")
    induk = models.ForeignKey(
        "self",
        verbose_name="program asal (satker induk)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="turunan",
    )

    class Meta:
        verbose_name = "program"
        verbose_name_plural = "program"
        ordering = ["penetapan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["penetapan", "kode"], name="program_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"


class Kegiatan(models.Model):
    program = models.ForeignKey(
        Program, verbose_name="program", on_delete=models.CASCADE, related_name="kegiatan"
    )
    urutan = models.PositiveIntegerField("urutan")
    kode = models.CharField("kode", max_length=40)
    nama = models.TextField("nama kegiatan")
    induk = models.ForeignKey(
        "self",
        verbose_name="kegiatan asal (satker induk)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="turunan",
    )

    class Meta:
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"
        ordering = ["program__urutan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kode"], name="kegiatan_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Sasaran(models.Model):
    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name="kegiatan", on_delete=models.CASCADE, related_name="sasaran"
    )
    urutan = models.PositiveIntegerField("urutan")
    kode = models.CharField("kode", max_length=40)
    nama = models.TextField("sasaran kegiatan")
    induk = models.ForeignKey(
        "self",
        verbose_name="sasaran asal (satker induk)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="turunan",
    )

    class Meta:
        verbose_name = "sasaran kegiatan"
        verbose_name_plural = "sasaran kegiatan"
        ordering = ["kegiatan__program__urutan", "kegiatan__urutan", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "kode"], name="sasaran_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class IndikatorQuerySet(models.QuerySet):
    def milik_satker(self, satker: Satker | int) -> "IndikatorQuerySet":
        return self.filter(sasaran__kegiatan__program__penetapan__satker=satker)

    def dari_penetapan(self, penetapan: PenetapanIKU) -> "IndikatorQuerySet":
        return self.filter(sasaran__kegiatan__program__penetapan=penetapan)

    def berlaku(self, tahun: int) -> "IndikatorQuerySet":
        """The indicators measured in `tahun`: active ones, and retired ones up
        to the year of their retirement (Indikator.berlaku_pada)."""
        return self.filter(Q(aktif=True) | Q(dihentikan_pada__year__gte=tahun))

    def dengan_nilai(self, *tahun: int) -> "IndikatorQuerySet":
        """Prefetch the yearly values of the given years into `nilai_tahunan`
        (one extra query); read them with Indikator.nilai_pada(tahun)."""
        return self.prefetch_related(
            models.Prefetch(
                "nilai",
                queryset=NilaiIndikator.objects.filter(triwulan=0, tahun__in=tahun),
                to_attr="nilai_tahunan",
            )
        )

    def target_induk(
        self, indikator_id: Iterable[int], tahun: Iterable[int]
    ) -> dict[tuple[int, int], "TargetInduk"]:
        """The parent's yearly targets of the given (child) indicators, one query:
        {(child indicator id, year): TargetInduk}."""
        baris = (
            self.filter(
                pk__in=list(indikator_id),
                induk__nilai__triwulan=0,
                induk__nilai__tahun__in=list(tahun),
                induk__nilai__target__isnull=False,
            )
            .values_list(
                "pk",
                "kode",
                "induk__nilai__tahun",
                "induk__nilai__target",
                "induk__polaritas",
                "induk__sasaran__kegiatan__program__penetapan__satker__nama",
            )
            .order_by()
        )
        return {
            (pk, tahun): TargetInduk(pk, kode, tahun, target, polaritas, satker)
            for pk, kode, tahun, target, polaritas, satker in baris
        }

    def pelanggaran_target_induk(
        self, usulan: dict[tuple[int, int], Decimal | None]
    ) -> dict[tuple[int, int], "TargetInduk"]:
        """The proposed targets {(indicator id, year): target} that break the
        cascade rule (Indikator.tidak_di_bawah_induk), with the parent's target."""
        usulan = {k: v for k, v in usulan.items() if v is not None}
        if not usulan:
            return {}
        induk = self.target_induk({i for i, _ in usulan}, {t for _, t in usulan})
        return {k: t for k, t in induk.items() if k in usulan and not t.membolehkan(usulan[k])}

    def dengan_hierarki(self) -> "IndikatorQuerySet":
        return self.select_related(
            "sasaran__kegiatan__program__penetapan__satker", "penanggung_jawab"
        ).order_by(
            "sasaran__kegiatan__program__urutan",
            "sasaran__kegiatan__urutan",
            "sasaran__urutan",
            "urutan",
        )


@dataclass(frozen=True)
class TargetInduk:
    """The parent satker's target of a child's indicator for one year."""

    indikator_id: int  # the child's indicator
    kode: str
    tahun: int
    target: Decimal
    polaritas: str
    satker: str  # the parent satker's name

    def membolehkan(self, target: Decimal) -> bool:
        return Indikator(polaritas=self.polaritas).tidak_di_bawah_induk(target, self.target)

    def pesan(self, target: Decimal) -> str:
        arah = "di atas" if self.polaritas == cp.NEGATIF else "di bawah"
        return (
            f"Target {self.tahun} untuk {self.kode} ({angka(target)}) tidak boleh "
            f"{arah} target {self.satker} ({angka(self.target)})."
        )


def satuan_dari_nama(nama: str) -> str:
    """Default unit read from the indicator's wording."""
    awal = nama.strip().lower()
    if awal.startswith("persentase") or awal.startswith("prosentase"):
        return "Persen"
    if awal.startswith("jumlah"):
        return "Jumlah"
    if re.search(r"dokumen|laporan|pedoman|petunjuk|juklas|juknis|regulasi|kajian", awal):
        return "Dokumen"
    return "Kegiatan"


class Indikator(models.Model):
    class Polaritas(models.TextChoices):
        POSITIF = cp.POSITIF, "Positif (makin tinggi makin baik)"
        NEGATIF = cp.NEGATIF, "Negatif (makin rendah makin baik)"

    class Rumus(models.TextChoices):
        DUA_T_KURANG_R = cp.RUMUS_2T_KURANG_R, "(2T − R) / T × 100%"
        T_BAGI_R = cp.RUMUS_T_BAGI_R, "T / R × 100%"
        SATU_PLUS = cp.RUMUS_1_PLUS, "(1 + (1 − R/T)) × 100%"

    sasaran = models.ForeignKey(
        Sasaran, verbose_name="sasaran kegiatan", on_delete=models.CASCADE, related_name="indikator"
    )
    urutan = models.PositiveIntegerField("urutan")
    kode = models.CharField("kode", max_length=40)
    nama = models.TextField("indikator kinerja kegiatan")
    satuan = models.CharField(
        "satuan",
        max_length=50,
        blank=True,
        help_text="Kosongkan untuk diisi otomatis dari nama (Persentase → Persen, Jumlah → Jumlah).",
    )
    polaritas = models.CharField(
        "polaritas", max_length=10, choices=Polaritas.choices, default=Polaritas.POSITIF
    )
    rumus_negatif = models.CharField(
        "rumus capaian (indikator negatif)",
        max_length=10,
        choices=Rumus.choices,
        default=Rumus.DUA_T_KURANG_R,
    )
    definisi = models.TextField("definisi / formulasi (cara pengukuran)", blank=True)
    sumber_data = models.CharField("sumber data", max_length=300, blank=True)
    penanggung_jawab = models.ForeignKey(
        UnitKerja,
        verbose_name="penanggung jawab (unit kerja)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indikator",
    )
    baseline = models.DecimalField(
        "baseline", max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_akhir = models.DecimalField(
        "target akhir Renstra",
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    induk = models.ForeignKey(
        "self",
        verbose_name="indikator asal (satker induk)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="turunan",
        help_text="Kosong untuk indikator satker sendiri.",
    )
    sidik_induk = models.CharField(
        "sidik indikator induk saat diterima",
        max_length=40,
        blank=True,
        help_text="Sidik isi indikator induk saat diadopsi atau revisinya diterima; "
        "berbeda dengan sidik induk sekarang berarti ada revisi yang belum diterima.",
    )
    aktif = models.BooleanField("aktif", default=True)
    dihentikan_pada = models.DateField("dihentikan pada", null=True, blank=True)

    class PeriodeUkur(models.TextChoices):
        TAHUNAN = pr.TAHUNAN, "Tahunan"
        SEMESTERAN = pr.SEMESTERAN, "Semesteran"
        TRIWULANAN = pr.TRIWULANAN, "Triwulanan"

    class AturanTahunan(models.TextChoices):
        KUMULATIF = pr.KUMULATIF, "Kumulatif (jumlah seluruh periode)"
        NILAI_AKHIR = pr.NILAI_AKHIR, "Nilai akhir (periode terakhir yang diukur)"
        RATA_RATA = pr.RATA_RATA, "Rata-rata periode"

    periode_ukur = models.CharField(
        "periode pengukuran",
        max_length=12,
        choices=PeriodeUkur.choices,
        default=PeriodeUkur.TAHUNAN,
        help_text="Triwulanan atau semesteran: realisasi diisi per periode dan nilai "
        "tahunan diturunkan darinya.",
    )
    aturan_tahunan = models.CharField(
        "aturan nilai tahunan",
        max_length=12,
        choices=AturanTahunan.choices,
        default=AturanTahunan.NILAI_AKHIR,
        help_text="Cara nilai periode menjadi nilai tahun: jumlah (mis. jumlah laporan), "
        "nilai periode terakhir (kebanyakan persentase) atau rata-rata.",
    )

    objects = IndikatorQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["urutan"])

    class Meta:
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"
        ordering = [
            "sasaran__kegiatan__program__urutan",
            "sasaran__kegiatan__urutan",
            "sasaran__urutan",
            "urutan",
        ]
        constraints = [
            models.UniqueConstraint(fields=["sasaran", "kode"], name="indikator_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def save(self, *args, **kwargs) -> None:
        if not self.satuan:
            self.satuan = satuan_dari_nama(self.nama)
        super().save(*args, **kwargs)

    @property
    def satker(self) -> Satker:
        return self.sasaran.kegiatan.program.penetapan.satker

    @property
    def penetapan(self) -> PenetapanIKU:
        return self.sasaran.kegiatan.program.penetapan

    # What a revision of the parent's indicator consists of (label per field).
    ISI_REVISI = {
        "kode": "kode",
        "nama": "nama",
        "satuan": "satuan",
        "polaritas": "polaritas",
        "rumus_negatif": "rumus capaian negatif",
        "definisi": "definisi",
        "periode_ukur": "periode pengukuran",
        "aturan_tahunan": "aturan nilai tahunan",
    }

    # Content added after fingerprints were first stored, with its default: it
    # enters the fingerprint only when it differs from that default, so every
    # fingerprint stored before it stays valid.
    ISI_REVISI_BAWAAN = {"periode_ukur": pr.TAHUNAN, "aturan_tahunan": pr.NILAI_AKHIR}

    def berlaku_pada(self, tahun: int) -> bool:
        """Measured in `tahun`: an active indicator always; a retired one only up
        to the year of its retirement, so earlier years' history and documents
        keep it while later years' entry grids and summaries leave it out."""
        if self.aktif:
            return True
        return self.dihentikan_pada is not None and tahun <= self.dihentikan_pada.year

    def sidik_isi(self) -> str:
        """Fingerprint of the content a child adopts (ISI_REVISI)."""
        bagian = []
        for f in self.ISI_REVISI:
            nilai = getattr(self, f)
            if f not in self.ISI_REVISI_BAWAAN:
                bagian.append(str(nilai))
            elif nilai != self.ISI_REVISI_BAWAAN[f]:
                bagian.append(f"{f}={nilai}")
        return hashlib.sha1("\x1f".join(bagian).encode()).hexdigest()

    @property
    def berperiode(self) -> bool:
        """Measured per quarter or semester: its yearly value is derived."""
        return self.periode_ukur != pr.TAHUNAN

    @property
    def slot_periode(self) -> tuple[int, ...]:
        return pr.slot(self.periode_ukur)

    @property
    def nama_aturan(self) -> str:
        """The yearly rule in a sentence: "kumulatif", "nilai akhir", "rata-rata"."""
        return pr.NAMA_ATURAN[self.aturan_tahunan]

    def penolakan_ubah_periode(self, periode_ukur: str, aturan_tahunan: str) -> str:
        """Why this (stored) indicator may not take the given periodicity or
        yearly rule now, or "". Refused while any year of its decree is with
        the Ketua or approved, and (periodicity) while values of the other kind
        exist: typed yearly realisations, or period rows."""
        if self.pk is None:
            return ""
        lama = Indikator.objects.filter(pk=self.pk).values("periode_ukur", "aturan_tahunan").first()
        if lama is None:
            return ""
        ganti_periode = lama["periode_ukur"] != periode_ukur
        ganti_aturan = (
            lama["aturan_tahunan"] != aturan_tahunan and lama["periode_ukur"] != pr.TAHUNAN
        )
        if not (ganti_periode or ganti_aturan):
            return ""
        penetapan = self.penetapan
        tahun_tutup = sorted(
            TahunKinerja.objects.filter(
                satker_id=penetapan.satker_id,
                tahun__gte=penetapan.tahun_awal,
                tahun__lte=penetapan.tahun_akhir,
            )
            .exclude(status=StatusTahun.DRAF)
            .values_list("tahun", flat=True)
        )
        apa = "Periode pengukuran" if ganti_periode else "Aturan nilai tahunan"
        if tahun_tutup:
            daftar = ", ".join(str(t) for t in tahun_tutup)
            return (
                f"{apa} {self.kode} tidak dapat diubah: tahun {daftar} sudah diajukan kepada "
                "atau disetujui Ketua. Kembalikan atau buka kunci tahun itu dahulu."
            )
        if not ganti_periode:
            return ""
        nilai = NilaiIndikator.objects.filter(indikator_id=self.pk)
        if lama["periode_ukur"] == pr.TAHUNAN:
            tahun_isi = nilai.filter(triwulan=0, realisasi__isnull=False)
            jenis = "realisasi tahunan"
        else:
            tahun_isi = nilai.filter(triwulan__gt=0).filter(
                Q(realisasi__isnull=False) | Q(target__isnull=False)
            )
            jenis = "nilai per " + (
                "semester" if lama["periode_ukur"] == pr.SEMESTERAN else "triwulan"
            )
        tahun_isi = sorted(set(tahun_isi.values_list("tahun", flat=True)))
        if tahun_isi:
            daftar = ", ".join(str(t) for t in tahun_isi)
            return (
                f"Periode pengukuran {self.kode} tidak dapat diubah: sudah ada {jenis} untuk "
                f"tahun {daftar}. Kosongkan nilai itu dahulu."
            )
        return ""

    def tidak_di_bawah_induk(self, target: Decimal, target_induk: Decimal) -> bool:
        """A child's target may not be below the parent's (above it for a
        negative indicator), by the parent's polarity."""
        if self.polaritas == self.Polaritas.NEGATIF:
            return target <= target_induk
        return target >= target_induk

    def hitung_capaian(self, target, realisasi) -> Decimal | None:
        return cp.hitung_capaian(target, realisasi, self.polaritas, self.rumus_negatif)

    def realisasi_janggal(self, target, realisasi) -> str:
        """Why a realisation looks mistyped (more than 3× its target, or above 100
        for a percentage), or "": such a value is accepted only once the user
        confirms it ("Nilai ini benar")."""
        if realisasi is None:
            return ""
        if self.satuan.strip().lower() == "persen" and realisasi > 100:
            return "Nilai persen di atas 100"
        if target is not None and target > 0 and realisasi > 3 * target:
            return "Nilai lebih dari 3× target"
        return ""

    def nilai_pada(self, tahun: int) -> "NilaiIndikator | None":
        """The yearly value prefetched by IndikatorQuerySet.dengan_nilai()."""
        for nilai in self.nilai_tahunan:
            if nilai.tahun == tahun:
                nilai.indikator = self  # avoid a query when capaian reads the polarity
                return nilai
        return None


# --- Rating scale ------------------------------------------------------------------


class SkalaKategoriQuerySet(models.QuerySet):
    def daftar(self) -> list["SkalaKategori"]:
        """The whole scale, highest band first (one query; pass it on, don't refetch)."""
        return list(self.order_by("-batas_bawah"))


class SkalaKategori(models.Model):
    nama = models.CharField("kategori", max_length=50, unique=True)
    batas_bawah = models.DecimalField(
        "capaian minimal (%)", max_digits=7, decimal_places=2, unique=True
    )
    warna = models.CharField(
        "warna", max_length=7, default="#6b7280", help_text="Kode warna heksadesimal, mis. #15803d"
    )

    objects = SkalaKategoriQuerySet.as_manager()

    class Meta:
        verbose_name = "skala kategori capaian"
        verbose_name_plural = "skala kategori capaian"
        ordering = ["-batas_bawah"]

    def __str__(self) -> str:
        return f"{self.nama} (≥ {self.batas_bawah}%)"

    @property
    def warna_teks(self) -> str:
        """Black or white, whichever reads better on the badge's colour. One of
        the two always reaches at least 4.58:1 (WCAG AA asks 4.5:1 for small
        text), whatever colour the scale is given."""
        return warna_teks_untuk(self.warna)


def _luminans(warna: str) -> float:
    """WCAG relative luminance of a #rgb or #rrggbb colour."""
    hexa = warna.lstrip("#")
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    kanal = [int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in kanal)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def kontras(warna_a: str, warna_b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    terang, gelap = sorted((_luminans(warna_a), _luminans(warna_b)), reverse=True)
    return (terang + 0.05) / (gelap + 0.05)


def warna_teks_untuk(latar: str) -> str:
    if not re.fullmatch(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})", latar or ""):
        return "#fff"
    return "#fff" if kontras(latar, "#fff") >= kontras(latar, "#000") else "#000"


def kategori_untuk(capaian: Decimal | None, skala: list[SkalaKategori]) -> SkalaKategori | None:
    """The band a capaian falls in, compared as shown (rounded to 2 places)."""
    if capaian is None:
        return None
    dibulatkan = capaian.quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)
    for kategori in sorted(skala, key=lambda k: k.batas_bawah, reverse=True):
        if dibulatkan >= kategori.batas_bawah:
            return kategori
    return None


# --- Review state ------------------------------------------------------------------


class StatusReviu(models.TextChoices):
    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIVERIFIKASI = "diverifikasi", "Diverifikasi"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"


# An entry under review or verified: its values stay as the Sekretaris saw them.
REVIU_TERKUNCI = (StatusReviu.DIAJUKAN, StatusReviu.DIVERIFIKASI)


class StatusTahun(models.TextChoices):
    DRAF = "draf", "Draf"
    DIAJUKAN = "diajukan", "Diajukan ke Ketua"
    DISETUJUI = "disetujui", "Disetujui (terkunci)"


class TahunTerkunci(ValidationError):
    """The satker-year is approved (locked) or with the Ketua: its targets,
    values and evidence may not change."""

    def __init__(self, tahun: int, status: str = "disetujui"):
        self.tahun = tahun
        if status == "diajukan":
            pesan = (
                f"Tahun {tahun} sudah diajukan kepada Ketua; target, realisasi dan bukti "
                "tidak dapat diubah sampai tahun itu dikembalikan."
            )
        else:
            pesan = (
                f"Tahun {tahun} sudah disetujui Ketua dan terkunci; perubahan ditolak. "
                "Admin dapat membuka kembali kuncinya dengan alasan."
            )
        super().__init__(pesan)

    def __str__(self) -> str:
        return self.message


class Konflik(Exception):
    """Someone saved a newer value of these items since the form was opened.
    `butir`: indicators (or anything with kode and nama), or ready-made texts
    that say what was changed by whom."""

    def __init__(self, butir: list):
        self.indikator = butir
        daftar = ", ".join(b if isinstance(b, str) else f"{b.kode} {b.nama[:60]}" for b in butir)
        super().__init__(
            "Data berikut telah diubah orang lain sejak halaman ini dibuka, sehingga "
            f"tidak disimpan: {daftar}. Isian Anda masih ada di formulir; periksa nilai "
            "terbaru (muat ulang halaman di tab lain) lalu simpan lagi."
        )


class TargetDiBawahInduk(Exception):
    """Targets below the parent satker's for the same indicator and year."""

    def __init__(self, pelanggaran: dict[tuple[int, int], TargetInduk], usulan: dict):
        self.pelanggaran = pelanggaran
        super().__init__(
            "Belum disimpan: "
            + " ".join(t.pesan(usulan[k]) for k, t in sorted(pelanggaran.items()))
        )


class TahunKinerjaQuerySet(models.QuerySet):
    def baca(self, satker: Satker, tahun: int) -> "TahunKinerja":
        """The satker-year as stored, or an unsaved draft: reading never writes."""
        tahun_kinerja = self.filter(satker=satker, tahun=tahun).first()
        return tahun_kinerja or TahunKinerja(satker=satker, tahun=tahun)

    def kunci(self, satker: Satker | int, tahun: int) -> "TahunKinerja":
        """The satker-year row locked FOR UPDATE until the transaction ends
        (created in draft state when missing). Every write that depends on the
        year's state takes this lock first, so an approval cannot slip between
        its check and its write."""
        satker_id = satker if isinstance(satker, int) else satker.pk
        self.get_or_create(satker_id=satker_id, tahun=tahun)
        return self.select_for_update().get(satker_id=satker_id, tahun=tahun)

    def kunci_untuk_ubah(self, satker: Satker | int, tahun: int) -> "TahunKinerja":
        """kunci(), refusing (TahunTerkunci) a year that is approved or with the Ketua."""
        tahun_kinerja = self.kunci(satker, tahun)
        if tahun_kinerja.status != StatusTahun.DRAF:
            raise TahunTerkunci(tahun, tahun_kinerja.status)
        return tahun_kinerja


class TahunKinerja(models.Model):
    """One satker's reporting year: its state in the review and its lock."""

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.CASCADE, related_name="tahun_kinerja"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    status = models.CharField(
        "status", max_length=12, choices=StatusTahun.choices, default=StatusTahun.DRAF
    )
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diajukan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diajukan_pada = models.DateTimeField("diajukan pada", null=True, blank=True)
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="disetujui oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disetujui_pada = models.DateTimeField("disetujui pada", null=True, blank=True)
    # The last reopening of an approved year (cleared when it is approved again):
    # the year's page and the dashboard show it while the year is open.
    dibuka_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dibuka kembali oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dibuka_pada = models.DateTimeField("dibuka kembali pada", null=True, blank=True)
    alasan_buka = models.TextField("alasan membuka kembali", blank=True)
    tanggal_laporan = models.DateField("tanggal penandatanganan laporan", null=True, blank=True)

    objects = TahunKinerjaQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tahun kinerja"
        verbose_name_plural = "tahun kinerja"
        ordering = ["satker__kode", "-tahun"]
        constraints = [
            models.UniqueConstraint(fields=["satker", "tahun"], name="tahunkinerja_unik")
        ]

    def __str__(self) -> str:
        return f"{self.satker} — {self.tahun} ({self.get_status_display()})"

    @property
    def terkunci(self) -> bool:
        return self.status == StatusTahun.DISETUJUI

    @property
    def dibuka_kembali(self) -> bool:
        """Reopened by the Admin after its approval and not approved again yet."""
        return self.dibuka_pada is not None and self.status != StatusTahun.DISETUJUI


# --- Values --------------------------------------------------------------------------


class NilaiIndikatorQuerySet(models.QuerySet):
    def tahunan(self) -> "NilaiIndikatorQuerySet":
        return self.filter(triwulan=0)

    def milik_satker(self, satker: Satker | int) -> "NilaiIndikatorQuerySet":
        return self.filter(indikator__sasaran__kegiatan__program__penetapan__satker=satker)

    def dengan_hierarki(self) -> "NilaiIndikatorQuerySet":
        return self.select_related(
            "indikator__sasaran__kegiatan__program__penetapan__satker",
            "indikator__penanggung_jawab",
        )

    def per_periode(
        self, indikator: Iterable["Indikator"], tahun: Iterable[int]
    ) -> dict[tuple[int, int], dict[int, "NilaiIndikator"]]:
        """The period rows of the given indicators and years, one query:
        {(indicator id, year): {slot: row}}."""
        hasil: dict[tuple[int, int], dict[int, NilaiIndikator]] = {}
        for n in self.filter(
            indikator__in=list(indikator), tahun__in=list(tahun), triwulan__gt=0
        ).order_by():
            hasil.setdefault((n.indikator_id, n.tahun), {})[n.triwulan] = n
        return hasil

    def tulis(self, ubah: list, baru: list, pengguna, kolom: list[str]) -> None:
        """Write changed and new values in bulk, each with its history row
        (by `pengguna`); callers hold the satker-year lock and checked versi."""
        if ubah:
            bulk_update_with_history(
                ubah,
                NilaiIndikator,
                [*kolom, "versi", "diubah_oleh", "diubah_pada"],
                default_user=pengguna,
            )
        if baru:
            bulk_create_with_history(baru, NilaiIndikator, default_user=pengguna)

    def turunkan_tahunan(self, indikator: Iterable["Indikator"], tahun: int, pengguna) -> None:
        """Derive the yearly rows of the given indicators measured per period from
        their period rows, by each indicator's rule (indicators/periode.py): the
        realisasi so far, the target so far, the yearly target unless typed, the
        last measured period's explanations, and the review state (verified once
        every period is). Callers hold the satker-year lock; every write of a
        period row calls this in the same transaction."""
        indikator = [i for i in indikator if i.berperiode]
        if not indikator:
            return
        baris = self.filter(indikator__in=indikator, tahun=tahun).order_by("triwulan")
        per_indikator: dict[int, dict[int, NilaiIndikator]] = {}
        for n in baris:
            per_indikator.setdefault(n.indikator_id, {})[n.triwulan] = n
        ubah, baru = [], []
        for ind in indikator:
            ada = per_indikator.get(ind.pk, {})
            tahunan = ada.get(0) or NilaiIndikator(
                indikator=ind, tahun=tahun, triwulan=0, target_diketik=False
            )
            periode = [ada.get(s) for s in ind.slot_periode]
            pasangan = [(p.target, p.realisasi) if p else (None, None) for p in periode]
            if not tahunan.target_diketik:
                tahunan.target = pr.gabung(ind.aturan_tahunan, [t for t, _ in pasangan])
            target_sd, realisasi = pr.sampai_saat_ini(ind.aturan_tahunan, pasangan)
            terukur = [p for p in periode if p is not None and p.realisasi is not None]
            terakhir = terukur[-1] if terukur else None
            lengkap = len(terukur) == len(periode)
            tahunan.realisasi = realisasi
            tahunan.target_sd = tahunan.target if lengkap else target_sd
            tahunan.terukur_sampai = terakhir.triwulan if terakhir else 0
            for f in ("analisis", "kendala", "tindak_lanjut"):
                setattr(tahunan, f, getattr(terakhir, f) if terakhir else "")
            tahunan.status = status_gabungan([p.status if p else StatusReviu.DRAF for p in periode])
            tahunan.diubah_oleh = pengguna
            if tahunan.pk is None:
                baru.append(tahunan)
            else:
                tahunan.versi += 1
                ubah.append(tahunan)
        self.tulis(
            ubah,
            baru,
            pengguna,
            [
                "target",
                "realisasi",
                "target_sd",
                "terukur_sampai",
                "analisis",
                "kendala",
                "tindak_lanjut",
                "status",
            ],
        )


def status_gabungan(status: list[str]) -> str:
    """The review state of a year made of periods: returned if any period is,
    verified once all are, submitted once all are submitted or verified."""
    if any(s == StatusReviu.DIKEMBALIKAN for s in status):
        return StatusReviu.DIKEMBALIKAN
    if status and all(s == StatusReviu.DIVERIFIKASI for s in status):
        return StatusReviu.DIVERIFIKASI
    if status and all(s in (StatusReviu.DIAJUKAN, StatusReviu.DIVERIFIKASI) for s in status):
        return StatusReviu.DIAJUKAN
    return StatusReviu.DRAF


class NilaiIndikator(models.Model):
    """Target and realisasi of one indicator for one year (triwulan 0) or,
    later, one quarter (triwulan 1–4), with its explanation and review state."""

    class Triwulan(models.IntegerChoices):
        TAHUNAN = 0, "Tahunan"
        TW1 = 1, "Triwulan I"
        TW2 = 2, "Triwulan II"
        TW3 = 3, "Triwulan III"
        TW4 = 4, "Triwulan IV"

    indikator = models.ForeignKey(
        Indikator, verbose_name="indikator", on_delete=models.CASCADE, related_name="nilai"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField(
        "periode pengukuran", choices=Triwulan.choices, default=Triwulan.TAHUNAN
    )
    target = models.DecimalField(
        "target",
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    realisasi = models.DecimalField(
        "realisasi",
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    analisis = models.TextField("analisis (penjelasan capaian)", blank=True, max_length=5000)
    kendala = models.TextField("kendala", blank=True, max_length=5000)
    tindak_lanjut = models.TextField("tindak lanjut", blank=True, max_length=5000)
    status = models.CharField(
        "status reviu", max_length=12, choices=StatusReviu.choices, default=StatusReviu.DRAF
    )
    catatan_reviu = models.TextField("catatan pengembalian", blank=True)
    versi = models.PositiveIntegerField(
        "versi", default=0, help_text="Naik pada setiap penyimpanan; mencegah penimpaan diam-diam."
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    # For the yearly row of an indicator measured per quarter or semester: its
    # realisasi (and explanations and review state) are derived from the period
    # rows by NilaiIndikatorQuerySet.turunkan_tahunan(), never typed.
    target_diketik = models.BooleanField(
        "target tahunan diketik",
        default=True,
        help_text="Tidak: target tahunan diturunkan dari target periode dengan aturan indikator.",
    )
    target_sd = models.DecimalField(
        "target s.d. periode terakhir yang diukur",
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Baris tahunan indikator berperiode: target periode yang sudah diukur, "
        "dasar capaian sampai saat ini. Kosong untuk indikator tahunan.",
    )
    terukur_sampai = models.PositiveSmallIntegerField(
        "diukur sampai triwulan",
        default=0,
        help_text="Baris tahunan indikator berperiode: triwulan periode terakhir yang diukur.",
    )
    alasan_terlambat = models.TextField(
        "alasan pengisian setelah batas",
        blank=True,
        max_length=2000,
        help_text="Wajib bila nilai periode diisi atau diubah setelah batas pengisian.",
    )

    objects = NilaiIndikatorQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["diubah_pada"])

    class Meta:
        verbose_name = "nilai indikator"
        verbose_name_plural = "nilai indikator (target dan realisasi)"
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "triwulan"], name="nilai_unik_per_periode"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=0) & Q(triwulan__lte=4), name="nilai_triwulan_0_4"
            ),
        ]
        indexes = [models.Index(fields=["tahun", "status"])]

    def __str__(self) -> str:
        return f"{self.indikator.kode} — {self.tahun}"

    def clean(self) -> None:
        penetapan = self.indikator.penetapan
        if not penetapan.tahun_awal <= self.tahun <= penetapan.tahun_akhir:
            raise ValidationError(
                {
                    "tahun": f"Tahun {self.tahun} di luar periode IKU "
                    f"{penetapan.tahun_awal}–{penetapan.tahun_akhir}."
                }
            )

    @property
    def capaian(self) -> Decimal | None:
        """Capaian of this entry; for a yearly row derived from periods, so far in
        the year (against the target of the periods measured)."""
        target = self.target_sd if self.target_sd is not None else self.target
        return self.indikator.hitung_capaian(target, self.realisasi)

    @property
    def nama_periode(self) -> str:
        return pr.nama_periode(self.indikator.periode_ukur, self.triwulan)

    @property
    def nama_periode_terukur(self) -> str:
        """A derived yearly row: the last period measured ("Triwulan II"), or ""."""
        if not self.terukur_sampai:
            return ""
        return pr.nama_periode(self.indikator.periode_ukur, self.terukur_sampai)

    def kategori(self, skala: list[SkalaKategori]) -> SkalaKategori | None:
        return kategori_untuk(self.capaian, skala)

    @property
    def penjelasan_kurang(self) -> list[str]:
        """The explanation fields this entry still needs before it can be
        submitted (see penjelasan_kurang() below)."""
        return penjelasan_kurang(self.capaian, self.analisis, self.kendala, self.tindak_lanjut)

    @property
    def perlu_analisis(self) -> bool:
        return "analisis" in self.penjelasan_kurang


# The explanation each result needs (PermenPANRB 53/2014, Bab III: the causes of
# success or failure and the solutions taken): above target, an analysis; below
# target, its cause (kendala) and the solution taken (tindak lanjut).
LABEL_PENJELASAN = {"analisis": "analisis", "kendala": "kendala", "tindak_lanjut": "tindak lanjut"}


def penjelasan_kurang(
    capaian: Decimal | None, analisis: str, kendala: str, tindak_lanjut: str
) -> list[str]:
    """The names of the explanation fields still empty for a result of `capaian`:
    ["analisis"] above 100%, ["kendala", "tindak_lanjut"] (or one of them) below
    100%, [] at exactly 100% or with no capaian."""
    if capaian is None:
        return []
    if capaian > 100:
        return [] if analisis.strip() else ["analisis"]
    if capaian < 100:
        isi = {"kendala": kendala, "tindak_lanjut": tindak_lanjut}
        return [k for k, v in isi.items() if not v.strip()]
    return []


def teks_penjelasan_kurang(capaian: Decimal | None, kurang: list[str]) -> str:
    """One Indonesian sentence saying what is missing, for messages and the grid."""
    if not kurang:
        return ""
    daftar = " dan ".join(LABEL_PENJELASAN[k] for k in kurang)
    if capaian is not None and capaian > 100:
        return f"Capaian di atas 100% (realisasi melampaui target): isi {daftar}."
    return f"Capaian di bawah target: isi {daftar} (penyebab dan solusi yang diambil)."


class RiwayatStatus(models.Model):
    """Every review transition, of an indicator-year or of a whole satker-year."""

    nilai = models.ForeignKey(
        NilaiIndikator,
        verbose_name="nilai indikator",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="riwayat_status",
    )
    tahun_kinerja = models.ForeignKey(
        TahunKinerja,
        verbose_name="tahun kinerja",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="riwayat_status",
    )
    dari = models.CharField("dari status", max_length=12, blank=True)
    ke = models.CharField("ke status", max_length=12)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pada = models.DateTimeField("pada", auto_now_add=True)
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "riwayat status"
        verbose_name_plural = "riwayat status"
        ordering = ["pada", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nilai__isnull=False) | Q(tahun_kinerja__isnull=False),
                name="riwayat_punya_objek",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dari or '—'} → {self.ke}"


def lokasi_bukti(instance: "BuktiDukung", filename: str) -> str:
    # Random names: the original name is kept in the row, never in the path.
    akhiran = PurePath(filename).suffix.lower()[:10]
    return f"bukti/{instance.nilai.tahun}/{uuid.uuid4().hex}{akhiran}"


class BuktiDukung(models.Model):
    nilai = models.ForeignKey(
        NilaiIndikator,
        verbose_name="nilai indikator",
        on_delete=models.CASCADE,
        related_name="bukti",
    )
    berkas = models.FileField("berkas", upload_to=lokasi_bukti, max_length=200)
    nama_asli = models.CharField("nama berkas", max_length=255)
    jenis = models.CharField("jenis (MIME)", max_length=100)
    ukuran = models.PositiveIntegerField("ukuran (bita)")
    keterangan = models.CharField("keterangan", max_length=300, blank=True)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diunggah oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "bukti dukung"
        verbose_name_plural = "bukti dukung"
        ordering = ["diunggah_pada", "pk"]

    def __str__(self) -> str:
        return self.nama_asli


# --- Budget and narrative ----------------------------------------------------------------


class AnggaranKegiatan(models.Model):
    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name="kegiatan", on_delete=models.CASCADE, related_name="anggaran"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    pagu = models.DecimalField(
        "pagu (Rp)",
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    realisasi = models.DecimalField(
        "realisasi anggaran (Rp)",
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    history = HistoricalRecords(excluded_fields=["diubah_pada"])

    class Meta:
        verbose_name = "anggaran kegiatan"
        verbose_name_plural = "anggaran kegiatan"
        ordering = ["kegiatan", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "tahun"], name="anggaran_unik_per_tahun")
        ]

    def __str__(self) -> str:
        return f"{self.kegiatan.kode} — {self.tahun}"

    @property
    def persen(self) -> Decimal | None:
        if not self.pagu or self.realisasi is None:
            return None
        return self.realisasi / self.pagu * 100


# --- Measurement through the year ---------------------------------------------------


class JadwalPengisianQuerySet(models.QuerySet):
    def batas(self, satker: Satker | int, tahun: int) -> dict[int, date]:
        """The deadline of each quarter of a satker-year: the one its Admin set,
        else the default (indicators/periode.py). One query."""
        satker_id = satker if isinstance(satker, int) else satker.pk
        diatur = dict(
            self.filter(satker_id=satker_id, tahun=tahun).values_list("triwulan", "batas")
        )
        return {tw: diatur.get(tw) or pr.batas_bawaan(tahun, tw) for tw in (1, 2, 3, 4)}


class JadwalPengisian(models.Model):
    """The deadline an Admin set for entering one quarter's values (periods
    ending in that quarter, semesters included)."""

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.CASCADE, related_name="jadwal_pengisian"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", validators=[MinValueValidator(1)], choices=NilaiIndikator.Triwulan.choices[1:]
    )
    batas = models.DateField("batas pengisian")
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    objects = JadwalPengisianQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["diubah_pada"])

    class Meta:
        verbose_name = "jadwal pengisian"
        verbose_name_plural = "jadwal pengisian"
        ordering = ["satker", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "triwulan"], name="jadwal_unik_per_triwulan"
            ),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1) & Q(triwulan__lte=4), name="jadwal_triwulan_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.satker} — {self.tahun} TW {pr.ROMAWI[self.triwulan]}: {self.batas}"


class PengingatTerkirim(models.Model):
    """A deadline reminder sent to one user, so the daily run sends it once."""

    pengguna = models.ForeignKey(
        "Pengguna", verbose_name="pengguna", on_delete=models.CASCADE, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    triwulan = models.PositiveSmallIntegerField("triwulan")
    batas = models.DateField("batas pengisian")
    dikirim_pada = models.DateTimeField("dikirim pada", default=timezone.now)

    class Meta:
        verbose_name = "pengingat terkirim"
        verbose_name_plural = "pengingat terkirim"
        constraints = [
            models.UniqueConstraint(
                fields=["pengguna", "tahun", "triwulan", "batas"], name="pengingat_sekali"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pengguna} — {self.tahun} TW {pr.ROMAWI.get(self.triwulan, self.triwulan)}"


class RencanaAksi(models.Model):
    """One action planned under an indicator-year to reach its target (the
    Rencana Aksi KPU offices sign with the Perjanjian Kinerja)."""

    indikator = models.ForeignKey(
        Indikator, verbose_name="indikator", on_delete=models.CASCADE, related_name="rencana_aksi"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    urutan = models.PositiveIntegerField("urutan", default=0)
    uraian = models.TextField("uraian kegiatan/aksi", max_length=2000)
    penanggung_jawab = models.ForeignKey(
        UnitKerja,
        verbose_name="penanggung jawab (unit kerja)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rencana_aksi",
    )
    anggaran = models.DecimalField(
        "anggaran (Rp)",
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    versi = models.PositiveIntegerField("versi", default=0)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    history = HistoricalRecords(excluded_fields=["diubah_pada"])

    class Meta:
        verbose_name = "rencana aksi"
        verbose_name_plural = "rencana aksi"
        ordering = ["indikator", "tahun", "urutan", "pk"]
        indexes = [models.Index(fields=["indikator", "tahun"])]

    def __str__(self) -> str:
        return f"{self.indikator.kode} — {self.tahun}: {self.uraian[:60]}"


class KemajuanRencanaAksi(models.Model):
    """An action's target or milestone for one quarter and what was done."""

    class Status(models.TextChoices):
        BELUM = "belum", "Belum dilaksanakan"
        PROSES = "proses", "Dalam proses"
        SELESAI = "selesai", "Selesai"

    rencana = models.ForeignKey(
        RencanaAksi, verbose_name="rencana aksi", on_delete=models.CASCADE, related_name="kemajuan"
    )
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", choices=NilaiIndikator.Triwulan.choices[1:]
    )
    target = models.CharField("target/tonggak triwulan", max_length=300, blank=True)
    realisasi = models.CharField("realisasi", max_length=300, blank=True)
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.BELUM)
    keterangan = models.TextField("keterangan", blank=True, max_length=2000)
    versi = models.PositiveIntegerField("versi", default=0)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    history = HistoricalRecords(excluded_fields=["diubah_pada"])

    class Meta:
        verbose_name = "kemajuan rencana aksi"
        verbose_name_plural = "kemajuan rencana aksi"
        ordering = ["rencana", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["rencana", "triwulan"], name="kemajuan_unik_per_tw"),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1) & Q(triwulan__lte=4), name="kemajuan_triwulan_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rencana} — TW {pr.ROMAWI[self.triwulan]}"


class NarasiLaporan(models.Model):
    """A narrative section of the Laporan Kinerja for one satker-year
    (or, with `sasaran`, the note on one Sasaran). Plain text: paragraphs
    separated by blank lines, list items starting with "- "."""

    class Bagian(models.TextChoices):
        KATA_PENGANTAR = "kata_pengantar", "Kata Pengantar"
        RINGKASAN = "ringkasan", "Ikhtisar Eksekutif (ringkasan)"
        LATAR_BELAKANG = "latar_belakang", "Bab I — Latar Belakang"
        TUGAS_FUNGSI = "tugas_fungsi", "Bab I — Tugas dan Fungsi"
        STRUKTUR = "struktur", "Bab I — Struktur Organisasi"
        ISU_STRATEGIS = "isu_strategis", "Bab I — Isu Strategis"
        PENUTUP = "penutup", "Bab IV — Penutup"
        SASARAN = "sasaran", "Bab III — Catatan per Sasaran"

    satker = models.ForeignKey(
        Satker, verbose_name="satker", on_delete=models.CASCADE, related_name="narasi"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    bagian = models.CharField("bagian", max_length=20, choices=Bagian.choices)
    sasaran = models.ForeignKey(
        Sasaran, verbose_name="sasaran", null=True, blank=True, on_delete=models.CASCADE
    )
    isi = models.TextField("isi", blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    history = HistoricalRecords(excluded_fields=["diubah_pada"])

    class Meta:
        verbose_name = "narasi laporan"
        verbose_name_plural = "narasi laporan"
        ordering = ["satker", "tahun", "bagian"]
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun", "bagian"],
                condition=Q(sasaran__isnull=True),
                name="narasi_unik_per_bagian",
            ),
            models.UniqueConstraint(
                fields=["satker", "tahun", "bagian", "sasaran"],
                condition=Q(sasaran__isnull=False),
                name="narasi_unik_per_sasaran",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_bagian_display()} {self.tahun}"


class RiwayatImpor(models.Model):
    """Every Lampiran import: who, when, which file, what it counted, how it ended."""

    satker = models.ForeignKey(
        Satker, verbose_name="satker", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    penetapan = models.ForeignKey(
        PenetapanIKU,
        verbose_name="penetapan IKU",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    nama_berkas = models.CharField("nama berkas", max_length=255)
    berkas = models.FileField("salinan berkas", upload_to="impor/%Y/", blank=True, max_length=200)
    uji_coba = models.BooleanField("uji coba (tanpa menyimpan)", default=False)
    berhasil = models.BooleanField("berhasil", default=False)
    jumlah = models.JSONField("jumlah", default=dict, blank=True)
    pesan = models.TextField("pesan", blank=True)

    class Meta:
        verbose_name = "riwayat impor"
        verbose_name_plural = "riwayat impor"
        ordering = ["-waktu"]

    def __str__(self) -> str:
        return f"{self.nama_berkas} ({self.waktu:%d-%m-%Y %H.%M})"


class JejakPerubahan(models.Model):
    """The change log behind the fingerprints of pages across satker
    (indicators.sidik): PostgreSQL's triggers (migration 0008) add to it on
    every statement that writes a Program, Kegiatan, Sasaran, Indikator or
    NilaiIndikator, whatever wrote it. One row per decree and year, folded as
    it goes: `bobot` counts the committed writes, `txid` the newest writing
    transaction. Written by the database only; nobody edits it, and it is
    neither backed up nor restored (a restore writes its own)."""

    penetapan_id = models.IntegerField("penetapan")  # 0: a decree no longer found (counts for all)
    tahun = models.SmallIntegerField("tahun")  # 0: the tree itself (every year)
    bobot = models.BigIntegerField("jumlah perubahan")
    txid = models.BigIntegerField("transaksi terakhir")

    class Meta:
        verbose_name = "jejak perubahan"
        verbose_name_plural = "jejak perubahan"
        indexes = [models.Index(fields=["penetapan_id", "tahun"])]

    def __str__(self) -> str:
        return f"{self.penetapan_id}/{self.tahun}: {self.bobot}"
