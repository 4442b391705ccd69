from contextvars import ContextVar

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from simple_history.admin import SimpleHistoryAdmin

from . import angka as fmt
from .admin_cakupan import (
    CakupanSatkerMixin,
    HanyaLihatMixin,
    HanyaSuperuserMixin,
    KunciHapusMixin,
    PilihanSatkerMixin,
    RiwayatTanpaPulihMixin,
)
from .akses import ADMIN, SEMUA
from .impor_pengguna import ImporPenggunaMixin, ImporSatkerMixin
from .lampiran.admin import ImporLampiranAdminMixin, UnduhLampiranAdminMixin
from .models import (
    AnggaranKegiatan,
    BuktiDukung,
    Indikator,
    JadwalPengisian,
    Kegiatan,
    KemajuanRencanaAksi,
    NarasiLaporan,
    NilaiIndikator,
    PenetapanIKU,
    Pengguna,
    PengingatTerkirim,
    Program,
    RencanaAksi,
    RiwayatImpor,
    RiwayatStatus,
    Sasaran,
    Satker,
    SkalaKategori,
    TahunKinerja,
    UnitKerja,
    kategori_untuk,
)
from .realisasi.services import periode_diubah

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


def _satker_terlihat(request) -> set[int]:
    """The user's satker and every satker below it (via `induk`)."""
    if not hasattr(request, "_satker_terlihat"):
        terlihat: set[int] = set()
        baru = {request.user.satker_id} - {None}
        while baru:
            terlihat |= baru
            baru = set(Satker.objects.filter(induk__in=baru).values_list("pk", flat=True))
            baru -= terlihat
        request._satker_terlihat = terlihat
    return request._satker_terlihat


@admin.register(Satker)
class SatkerAdmin(ImporSatkerMixin, KunciHapusMixin, admin.ModelAdmin):
    """A satker's Admin edits its own satker's names and signatories, and reads the
    satkers below it; only a superuser creates, moves or deletes satkers."""

    list_display = ["kode", "nama", "tingkat", "induk", "data_contoh"]
    list_filter = ["tingkat", "data_contoh"]
    search_fields = ["kode", "nama"]
    list_select_related = ["induk"]
    autocomplete_fields = ["induk"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk__in=_satker_terlihat(request))

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["kode", "tingkat", "induk", "data_contoh"]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or request.user.is_superuser or obj.pk in _satker_terlihat(request)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or request.user.is_superuser or obj.pk == request.user.satker_id
        )

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(UnitKerja)
class UnitKerjaAdmin(CakupanSatkerMixin, admin.ModelAdmin):
    list_display = ["nama", "satker"]
    list_filter = ["satker"]
    search_fields = ["nama", "satker__nama"]
    list_select_related = ["satker"]


# What only a superuser grants: the admin itself decides who is staff (see save_related).
HAK_SUPERUSER = {"is_superuser", "is_staff", "user_permissions"}


@admin.register(Pengguna)
class PenggunaAdmin(ImporPenggunaMixin, CakupanSatkerMixin, UserAdmin):
    """A satker's Admin manages the users of its own satker and gives them the four
    roles; it never sees a superuser, nor grants superuser, staff or single
    permissions. Having the Admin role is what makes a user staff."""

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

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (judul, {**isi, "fields": [f for f in isi["fields"] if f not in HAK_SUPERUSER]})
            for judul, isi in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        tetap = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return tetap
        return [*tetap, "last_login", "date_joined"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=SEMUA).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.satker_id = request.user.satker_id  # a satker's Admin adds to its own satker
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        user = form.instance
        # Groups a satker's Admin cannot see in its choices stay as they were.
        tetap = [] if request.user.is_superuser else list(user.groups.exclude(name__in=SEMUA))
        super().save_related(request, form, formsets, change)
        user.groups.add(*tetap)
        admin_peran = user.groups.filter(name=ADMIN).exists()
        # The Admin role opens /admin/; a satker's Admin cannot make staff otherwise.
        staf = admin_peran or (request.user.is_superuser and user.is_staff) or user.is_superuser
        if user.is_staff != staf:
            user.is_staff = staf
            user.save(update_fields=["is_staff"])


admin.site.unregister(Group)


@admin.register(Group)
class PeranAdmin(HanyaSuperuserMixin, GroupAdmin):
    """The roles and their permissions: read by a satker's Admin, changed only by
    a superuser (a role's permissions apply to every satker)."""


class ProgramInline(PilihanSatkerMixin, admin.TabularInline):
    model = Program
    extra = 0
    fields = ["urutan", "kode", "nama"]
    show_change_link = True


@admin.register(PenetapanIKU)
class PenetapanIKUAdmin(
    KunciHapusMixin, UnduhLampiranAdminMixin, CakupanSatkerMixin, admin.ModelAdmin
):
    list_display = ["nomor", "satker", "tanggal", "tahun_awal", "tahun_akhir", "unduh_lampiran"]
    list_filter = ["satker", "tahun_awal"]
    search_fields = ["nomor", "tentang", "satker__nama"]
    list_select_related = ["satker"]
    inlines = [ProgramInline]


class KegiatanInline(PilihanSatkerMixin, admin.TabularInline):
    model = Kegiatan
    extra = 0
    fields = ["urutan", "kode", "nama"]
    show_change_link = True


@admin.register(Program)
class ProgramAdmin(KunciHapusMixin, CakupanSatkerMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "penetapan"]
    list_filter = ["penetapan__satker", "penetapan"]
    search_fields = ["kode", "nama"]
    list_select_related = ["penetapan__satker"]
    inlines = [KegiatanInline]


class SasaranInline(PilihanSatkerMixin, admin.TabularInline):
    model = Sasaran
    extra = 0
    fields = ["urutan", "kode", "nama"]
    show_change_link = True


class AnggaranInline(HanyaLihatMixin, admin.TabularInline):
    model = AnggaranKegiatan
    extra = 0
    fields = ["tahun", "pagu", "realisasi"]


@admin.register(Kegiatan)
class KegiatanAdmin(KunciHapusMixin, CakupanSatkerMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "program"]
    list_filter = ["program__penetapan__satker", "program"]
    search_fields = ["kode", "nama"]
    list_select_related = ["program"]
    inlines = [SasaranInline, AnggaranInline]


class IndikatorInline(PilihanSatkerMixin, admin.TabularInline):
    model = Indikator
    extra = 0
    fields = ["urutan", "kode", "nama", "satuan", "polaritas"]
    show_change_link = True


@admin.register(Sasaran)
class SasaranAdmin(KunciHapusMixin, CakupanSatkerMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "kegiatan"]
    list_filter = ["kegiatan__program__penetapan__satker", "kegiatan__program"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kegiatan"]
    inlines = [IndikatorInline]


class NilaiInline(HanyaLihatMixin, admin.TabularInline):
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


class IndikatorAdminForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        inst = self.instance
        periode_ukur = data.get("periode_ukur", inst.periode_ukur)
        aturan = data.get("aturan_tahunan", inst.aturan_tahunan)
        pesan = inst.penolakan_ubah_periode(periode_ukur, aturan) if inst.pk else ""
        if pesan:
            medan = "periode_ukur" if "Periode" in pesan else "aturan_tahunan"
            raise ValidationError({medan: pesan})
        return data


@admin.register(Indikator)
class IndikatorAdmin(
    RiwayatTanpaPulihMixin,
    KunciHapusMixin,
    CakupanSatkerMixin,
    SkalaSekaliMixin,
    SimpleHistoryAdmin,
):
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
    form = IndikatorAdminForm

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"periode_ukur", "aturan_tahunan"} & set(form.changed_data):
            periode_diubah(indikator=obj, pengguna=request.user)

    @admin.display(description="sasaran")
    def sasaran_singkat(self, obj):
        return f"{obj.sasaran.kode} {obj.sasaran.nama[:60]}"

    @admin.display(description="satker")
    def satker(self, obj):
        return obj.sasaran.kegiatan.program.penetapan.satker.kode


@admin.register(SkalaKategori)
class SkalaKategoriAdmin(HanyaSuperuserMixin, admin.ModelAdmin):
    """One scale for every satker: only a superuser changes it."""

    list_display = ["nama", "batas_bawah", "warna"]


@admin.register(NilaiIndikator)
class NilaiIndikatorAdmin(
    RiwayatTanpaPulihMixin,
    HanyaLihatMixin,
    CakupanSatkerMixin,
    SkalaSekaliMixin,
    SimpleHistoryAdmin,
):
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
class TahunKinerjaAdmin(
    RiwayatTanpaPulihMixin, HanyaLihatMixin, CakupanSatkerMixin, SimpleHistoryAdmin
):
    list_display = ["satker", "tahun", "status", "disetujui_pada"]
    list_filter = ["status", "tahun", "satker"]
    list_select_related = ["satker"]
    search_fields = ["satker__nama"]


@admin.register(RiwayatStatus)
class RiwayatStatusAdmin(HanyaLihatMixin, CakupanSatkerMixin, admin.ModelAdmin):
    list_display = ["pada", "nilai", "tahun_kinerja", "dari", "ke", "oleh"]
    list_filter = ["ke"]
    list_select_related = ["nilai__indikator", "tahun_kinerja__satker", "oleh"]
    search_fields = ["catatan"]


@admin.register(BuktiDukung)
class BuktiDukungAdmin(
    RiwayatTanpaPulihMixin, HanyaLihatMixin, CakupanSatkerMixin, SimpleHistoryAdmin
):
    list_display = ["nama_asli", "nilai", "jenis", "ukuran", "diunggah_oleh", "diunggah_pada"]
    list_select_related = ["nilai__indikator", "diunggah_oleh"]
    search_fields = ["nama_asli", "keterangan"]
    exclude = ["berkas"]
    readonly_fields = ["nilai", "nama_asli", "jenis", "ukuran", "diunggah_oleh"]


@admin.register(AnggaranKegiatan)
class AnggaranKegiatanAdmin(
    RiwayatTanpaPulihMixin, HanyaLihatMixin, CakupanSatkerMixin, SimpleHistoryAdmin
):
    list_display = ["kegiatan", "tahun", "pagu", "realisasi", "persen_realisasi"]
    list_filter = ["tahun", "kegiatan__program__penetapan__satker"]
    list_select_related = ["kegiatan"]
    search_fields = ["kegiatan__nama"]

    @admin.display(description="% realisasi")
    def persen_realisasi(self, obj):
        return fmt.persen(obj.persen)


@admin.register(NarasiLaporan)
class NarasiLaporanAdmin(
    RiwayatTanpaPulihMixin, HanyaLihatMixin, CakupanSatkerMixin, SimpleHistoryAdmin
):
    list_display = ["bagian", "satker", "tahun", "sasaran", "diubah_pada"]
    list_filter = ["bagian", "tahun", "satker"]
    list_select_related = ["satker", "sasaran"]
    search_fields = ["isi"]


@admin.register(RiwayatImpor)
class RiwayatImporAdmin(
    ImporLampiranAdminMixin, HanyaLihatMixin, CakupanSatkerMixin, admin.ModelAdmin
):
    # Narrow columns that wrap, so the list fits a 1366 px screen beside the
    # admin's menu and filter: the time and file name break, the satker shows
    # its code (the name on hover), success and dry run share one column.
    list_display = ["waktu_impor", "berkas_impor", "satker_kode", "pengguna", "hasil"]
    list_display_links = ["waktu_impor"]
    list_filter = ["berhasil", "uji_coba"]
    list_select_related = ["satker", "pengguna"]
    search_fields = ["nama_berkas"]
    readonly_fields = [f.name for f in RiwayatImpor._meta.fields]

    class Media:
        css = {"all": ["css/impor-admin.css"]}

    @admin.display(description="waktu", ordering="waktu")
    def waktu_impor(self, obj):
        return date_format(localtime(obj.waktu), "j F Y, H.i")

    @admin.display(description="berkas", ordering="nama_berkas")
    def berkas_impor(self, obj):
        return format_html('<span class="nama-berkas">{}</span>', obj.nama_berkas)

    @admin.display(description="satker", ordering="satker__kode")
    def satker_kode(self, obj):
        if obj.satker is None:
            return "—"
        return format_html('<span title="{}">{}</span>', obj.satker.nama, obj.satker.kode)

    @admin.display(description="hasil", ordering="berhasil")
    def hasil(self, obj):
        teks = "Berhasil" if obj.berhasil else "Gagal"
        if obj.uji_coba:
            teks += " (uji coba, tidak disimpan)"
        return format_html(
            '<span class="hasil-impor hasil-{}">{}</span>',
            "berhasil" if obj.berhasil else "gagal",
            teks,
        )


# Measurement through the year: deadlines (set on the "Belum diisi" page under
# the satker-year lock), reminders and Rencana Aksi change through the
# application's screens (which lock and version); here they are read.
@admin.register(JadwalPengisian)
class JadwalPengisianAdmin(
    RiwayatTanpaPulihMixin, HanyaLihatMixin, CakupanSatkerMixin, SimpleHistoryAdmin
):
    list_display = ["satker", "tahun", "triwulan", "batas", "diubah_oleh"]
    list_filter = ["tahun", "triwulan"]
    list_select_related = ["satker", "diubah_oleh"]


@admin.register(PengingatTerkirim)
class PengingatTerkirimAdmin(HanyaLihatMixin, CakupanSatkerMixin, admin.ModelAdmin):
    list_display = ["dikirim_pada", "pengguna", "tahun", "triwulan", "batas"]
    list_filter = ["tahun", "triwulan"]
    list_select_related = ["pengguna"]


class KemajuanInline(HanyaLihatMixin, admin.TabularInline):
    model = KemajuanRencanaAksi
    extra = 0
    fields = ["triwulan", "target", "realisasi", "status", "keterangan"]


@admin.register(RencanaAksi)
class RencanaAksiAdmin(
    RiwayatTanpaPulihMixin, HanyaLihatMixin, CakupanSatkerMixin, SimpleHistoryAdmin
):
    list_display = ["indikator", "tahun", "uraian", "penanggung_jawab", "anggaran"]
    list_filter = ["tahun"]
    list_select_related = ["indikator", "penanggung_jawab"]
    search_fields = ["uraian", "indikator__nama"]
    inlines = [KemajuanInline]


@admin.register(KemajuanRencanaAksi)
class KemajuanRencanaAksiAdmin(
    RiwayatTanpaPulihMixin, HanyaLihatMixin, CakupanSatkerMixin, SimpleHistoryAdmin
):
    list_display = ["rencana", "triwulan", "target", "realisasi", "status"]
    list_filter = ["triwulan", "status"]
    list_select_related = ["rencana__indikator"]
