from contextvars import ContextVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import angka as fmt
from .impor_pengguna import ImporPenggunaMixin, ImporSatkerMixin
from .lampiran.admin import ImporLampiranAdminMixin, UnduhLampiranAdminMixin
from .models import (
    AnggaranKegiatan,
    BuktiDukung,
    Indikator,
    Kegiatan,
    NarasiLaporan,
    NilaiIndikator,
    PenetapanIKU,
    Pengguna,
    Program,
    RiwayatImpor,
    RiwayatStatus,
    Sasaran,
    Satker,
    SkalaKategori,
    TahunKinerja,
    UnitKerja,
    kategori_untuk,
)

# The rating scale, loaded once per changelist/change view rather than once per row.
_skala: ContextVar[list | None] = ContextVar("skala", default=None)


def _skala_aktif() -> list:
    skala = _skala.get()
    if skala is None:
        skala = SkalaKategori.objects.daftar()
        _skala.set(skala)
    return skala


class SkalaSekaliMixin:
    def changelist_view(self, request, extra_context=None):
        token = _skala.set(SkalaKategori.objects.daftar())
        try:
            return super().changelist_view(request, extra_context)
        finally:
            _skala.reset(token)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        token = _skala.set(SkalaKategori.objects.daftar())
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        finally:
            _skala.reset(token)


def _capaian(obj: NilaiIndikator) -> str:
    return fmt.persen(obj.capaian)


def _kategori(obj: NilaiIndikator) -> str:
    kategori = kategori_untuk(obj.capaian, _skala_aktif())
    return kategori.nama if kategori else fmt.KOSONG


@admin.register(Satker)
class SatkerAdmin(ImporSatkerMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "tingkat", "induk", "data_contoh"]
    list_filter = ["tingkat", "data_contoh"]
    search_fields = ["kode", "nama"]
    list_select_related = ["induk"]
    autocomplete_fields = ["induk"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["nama", "satker"]
    list_filter = ["satker"]
    search_fields = ["nama", "satker__nama"]
    list_select_related = ["satker"]


@admin.register(Pengguna)
class PenggunaAdmin(ImporPenggunaMixin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "satker", "unit_kerja", "is_active"]
    list_filter = ["groups", "satker", "is_active", "is_staff"]
    list_select_related = ["satker", "unit_kerja"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = UserAdmin.fieldsets + (
        ("Satuan kerja", {"fields": ("satker", "unit_kerja", "jabatan")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Satuan kerja", {"fields": ("satker", "unit_kerja", "jabatan", "groups")}),
    )


class ProgramInline(admin.TabularInline):
    model = Program
    extra = 0
    fields = ["urutan", "kode", "nama"]
    show_change_link = True


@admin.register(PenetapanIKU)
class PenetapanIKUAdmin(UnduhLampiranAdminMixin, admin.ModelAdmin):
    list_display = ["nomor", "satker", "tanggal", "tahun_awal", "tahun_akhir", "unduh_lampiran"]
    list_filter = ["satker", "tahun_awal"]
    search_fields = ["nomor", "tentang", "satker__nama"]
    list_select_related = ["satker"]
    inlines = [ProgramInline]


class KegiatanInline(admin.TabularInline):
    model = Kegiatan
    extra = 0
    fields = ["urutan", "kode", "nama"]
    show_change_link = True


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "penetapan"]
    list_filter = ["penetapan__satker", "penetapan"]
    search_fields = ["kode", "nama"]
    list_select_related = ["penetapan__satker"]
    inlines = [KegiatanInline]


class SasaranInline(admin.TabularInline):
    model = Sasaran
    extra = 0
    fields = ["urutan", "kode", "nama"]
    show_change_link = True


class AnggaranInline(admin.TabularInline):
    model = AnggaranKegiatan
    extra = 0
    fields = ["tahun", "pagu", "realisasi"]


@admin.register(Kegiatan)
class KegiatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "program"]
    list_filter = ["program__penetapan__satker", "program"]
    search_fields = ["kode", "nama"]
    list_select_related = ["program"]
    inlines = [SasaranInline, AnggaranInline]


class IndikatorInline(admin.TabularInline):
    model = Indikator
    extra = 0
    fields = ["urutan", "kode", "nama", "satuan", "polaritas"]
    show_change_link = True


@admin.register(Sasaran)
class SasaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kegiatan"]
    list_filter = ["kegiatan__program__penetapan__satker", "kegiatan__program"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kegiatan"]
    inlines = [IndikatorInline]


class NilaiInline(admin.TabularInline):
    model = NilaiIndikator
    extra = 0
    fields = ["tahun", "triwulan", "target", "realisasi", "capaian", "kategori", "status"]
    readonly_fields = ["capaian", "kategori"]

    @admin.display(description="capaian")
    def capaian(self, obj):
        return _capaian(obj)

    @admin.display(description="kategori")
    def kategori(self, obj):
        return _kategori(obj)


@admin.register(Indikator)
class IndikatorAdmin(SkalaSekaliMixin, SimpleHistoryAdmin):
    list_display = ["kode", "nama", "satuan", "polaritas", "sasaran_singkat", "satker"]
    list_filter = [
        "sasaran__kegiatan__program__penetapan__satker",
        "sasaran__kegiatan__program",
        "polaritas",
        "satuan",
    ]
    search_fields = ["kode", "nama", "sasaran__nama"]
    list_select_related = ["sasaran__kegiatan__program__penetapan__satker"]
    inlines = [NilaiInline]
    autocomplete_fields = ["sasaran"]

    @admin.display(description="sasaran")
    def sasaran_singkat(self, obj):
        return f"{obj.sasaran.kode} {obj.sasaran.nama[:60]}"

    @admin.display(description="satker")
    def satker(self, obj):
        return obj.sasaran.kegiatan.program.penetapan.satker.kode


@admin.register(SkalaKategori)
class SkalaKategoriAdmin(admin.ModelAdmin):
    list_display = ["nama", "batas_bawah", "warna"]


@admin.register(NilaiIndikator)
class NilaiIndikatorAdmin(SkalaSekaliMixin, SimpleHistoryAdmin):
    list_display = [
        "indikator_kode",
        "indikator_nama",
        "tahun",
        "triwulan",
        "target_tampil",
        "realisasi_tampil",
        "capaian",
        "kategori",
        "status",
    ]
    list_filter = ["indikator__sasaran__kegiatan__program__penetapan__satker", "tahun", "status"]
    search_fields = ["indikator__kode", "indikator__nama"]
    list_select_related = ["indikator"]
    readonly_fields = ["capaian", "kategori", "versi", "diubah_oleh", "diubah_pada"]
    autocomplete_fields = ["indikator"]

    @admin.display(description="kode", ordering="indikator__kode")
    def indikator_kode(self, obj):
        return obj.indikator.kode

    @admin.display(description="indikator")
    def indikator_nama(self, obj):
        return obj.indikator.nama[:80]

    @admin.display(description="target", ordering="target")
    def target_tampil(self, obj):
        return fmt.angka(obj.target)

    @admin.display(description="realisasi", ordering="realisasi")
    def realisasi_tampil(self, obj):
        return fmt.angka(obj.realisasi)

    @admin.display(description="capaian")
    def capaian(self, obj):
        return _capaian(obj)

    @admin.display(description="kategori")
    def kategori(self, obj):
        return _kategori(obj)


@admin.register(TahunKinerja)
class TahunKinerjaAdmin(SimpleHistoryAdmin):
    list_display = ["satker", "tahun", "status", "disetujui_pada"]
    list_filter = ["status", "tahun", "satker"]
    list_select_related = ["satker"]
    search_fields = ["satker__nama"]


@admin.register(RiwayatStatus)
class RiwayatStatusAdmin(admin.ModelAdmin):
    list_display = ["pada", "nilai", "tahun_kinerja", "dari", "ke", "oleh"]
    list_filter = ["ke"]
    list_select_related = ["nilai__indikator", "tahun_kinerja__satker", "oleh"]
    search_fields = ["catatan"]


@admin.register(BuktiDukung)
class BuktiDukungAdmin(SimpleHistoryAdmin):
    list_display = ["nama_asli", "nilai", "jenis", "ukuran", "diunggah_oleh", "diunggah_pada"]
    list_select_related = ["nilai__indikator", "diunggah_oleh"]
    search_fields = ["nama_asli", "keterangan"]
    exclude = ["berkas"]
    readonly_fields = ["nilai", "nama_asli", "jenis", "ukuran", "diunggah_oleh"]


@admin.register(AnggaranKegiatan)
class AnggaranKegiatanAdmin(SimpleHistoryAdmin):
    list_display = ["kegiatan", "tahun", "pagu", "realisasi", "persen_realisasi"]
    list_filter = ["tahun", "kegiatan__program__penetapan__satker"]
    list_select_related = ["kegiatan"]
    search_fields = ["kegiatan__nama"]

    @admin.display(description="% realisasi")
    def persen_realisasi(self, obj):
        return fmt.persen(obj.persen)


@admin.register(NarasiLaporan)
class NarasiLaporanAdmin(SimpleHistoryAdmin):
    list_display = ["bagian", "satker", "tahun", "sasaran", "diubah_pada"]
    list_filter = ["bagian", "tahun", "satker"]
    list_select_related = ["satker", "sasaran"]
    search_fields = ["isi"]


@admin.register(RiwayatImpor)
class RiwayatImporAdmin(ImporLampiranAdminMixin, admin.ModelAdmin):
    list_display = ["waktu", "nama_berkas", "satker", "pengguna", "uji_coba", "berhasil"]
    list_filter = ["berhasil", "uji_coba"]
    list_select_related = ["satker", "pengguna"]
    search_fields = ["nama_berkas"]
    readonly_fields = [f.name for f in RiwayatImpor._meta.fields]
