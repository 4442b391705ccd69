"""Satker and users in and out of the admin through django-import-export:
upload an xlsx/csv, preview (a dry run), confirm; per-row errors in Indonesian.

Imported users get no password. Each gets a one-time link to set one
(Django's password-reset token for that user), which the admin hands out: the
links are shown after the import, and the action "Buat tautan atur kata sandi"
downloads them as an xlsx for any selected users.

Scoping: a superuser imports users of any satker and the satker list; a satker
Admin (group Admin, staff) imports only users of its own satker, with one of the
four roles, never staff or superuser."""

from collections import Counter
from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.results import RowResult
from import_export.signals import post_import
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from . import akses
from .models import Pengguna, Satker, UnitKerja

PERAN = akses.SEMUA
KOLOM_PENGGUNA = ("username", "nama lengkap", "email", "satker kode", "peran")  # + "unit kerja"


def kode_satker(nilai) -> str:
    """A satker kode as typed in a cell: 1811 may arrive as the number 1811 (or
    1811.0), KPU RI's "00" as 0."""
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    teks = str(nilai).strip()
    return teks.zfill(2) if teks.isdigit() and len(teks) < 2 else teks


class KodeSatkerWidget(widgets.ForeignKeyWidget):
    """A satker by its kode, with an Indonesian message when there is none."""

    def __init__(self):
        super().__init__(Satker, field="kode")

    def clean(self, value, row=None, **kwargs):
        kode = kode_satker(value)
        if not kode:
            return None
        try:
            return Satker.objects.get(kode=kode)
        except Satker.DoesNotExist:
            raise ValueError(f"Tidak ada satker dengan kode “{kode}”.") from None


def _normalkan_judul(dataset) -> None:
    # "Satker Kode " and "satker kode" are the same column.
    if dataset.headers:
        dataset.headers = [str(h or "").strip().lower() for h in dataset.headers]


class SatkerResource(resources.ModelResource):
    induk = fields.Field(attribute="induk", column_name="induk", widget=KodeSatkerWidget())

    class Meta:
        model = Satker
        fields = ("kode", "nama", "tingkat", "induk", "kota")
        import_id_fields = ("kode",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_import(self, dataset, **kwargs):
        _normalkan_judul(dataset)
        kurang = [k for k in self.Meta.fields if k not in (dataset.headers or [])]
        if kurang:
            raise ValidationError(f"Kolom wajib tidak ada di baris judul: {', '.join(kurang)}.")

    def before_import_row(self, row, **kwargs):
        row["kode"] = kode_satker(row.get("kode"))
        if row.get("kode") and row["kode"] == kode_satker(row.get("induk")):
            raise ValidationError({"induk": "Satker tidak boleh menjadi induk dirinya sendiri."})


class PenggunaResource(resources.ModelResource):
    """Columns: username, nama lengkap, email, satker kode, unit kerja (optional),
    peran. Only new users: an existing username is an error."""

    username = fields.Field(attribute="username", column_name="username")
    nama_lengkap = fields.Field(attribute="first_name", column_name="nama lengkap")
    email = fields.Field(attribute="email", column_name="email")
    satker = fields.Field(attribute="satker", column_name="satker kode", widget=KodeSatkerWidget())
    unit_kerja = fields.Field(attribute="unit_kerja_impor", column_name="unit kerja")
    peran = fields.Field(attribute="peran_impor", column_name="peran")

    class Meta:
        model = Pengguna
        fields = ("username", "nama_lengkap", "email", "satker", "unit_kerja", "peran")
        import_id_fields = ("username",)
        clean_model_instances = True

    def __init__(self, pengimpor: Pengguna | None = None, **kwargs):
        super().__init__(**kwargs)
        self.pengimpor = pengimpor

    # --- import ---

    def before_import(self, dataset, **kwargs):
        _normalkan_judul(dataset)
        kurang = [k for k in KOLOM_PENGGUNA if k not in (dataset.headers or [])]
        if kurang:
            raise ValidationError(f"Kolom wajib tidak ada di baris judul: {', '.join(kurang)}.")
        kolom = dataset.headers.index("username")
        self._baris_username = Counter(
            str(baris[kolom] or "").strip().lower() for baris in dataset if baris[kolom]
        )

    def before_import_row(self, row, **kwargs):
        galat: dict[str, str] = {}
        username = str(row.get("username") or "").strip()
        row["username"] = username
        if not username:
            galat["username"] = "Wajib diisi."
        elif self._baris_username[username.lower()] > 1:
            galat["username"] = f"“{username}” muncul lebih dari sekali di berkas."
        elif Pengguna.objects.filter(username__iexact=username).exists():
            galat["username"] = f"“{username}” sudah dipakai pengguna lain."

        kode = kode_satker(row.get("satker kode"))
        row["satker kode"] = kode
        satker = Satker.objects.filter(kode=kode).first() if kode else None
        if not kode:
            galat["satker kode"] = "Wajib diisi."
        elif satker is None:
            galat["satker kode"] = f"Tidak ada satker dengan kode “{kode}”."
        elif not self._boleh_satker(satker):
            sendiri = self.pengimpor.satker.kode if self.pengimpor.satker else "—"
            galat["satker kode"] = (
                f"Satker “{kode}” bukan satker Anda ({sendiri}): Admin satker hanya boleh "
                "mengimpor pengguna satkernya sendiri."
            )

        peran_teks = str(row.get("peran") or "").strip()
        peran = next((p for p in PERAN if p.lower() == peran_teks.lower()), None)
        if peran is None:
            galat["peran"] = (
                f"Peran “{peran_teks}” tidak dikenal; isi salah satu: {', '.join(PERAN)}."
                if peran_teks
                else f"Wajib diisi: salah satu dari {', '.join(PERAN)}."
            )
        row["peran"] = peran or peran_teks
        row["nama lengkap"] = str(row.get("nama lengkap") or "").strip()
        row["email"] = str(row.get("email") or "").strip()
        row["unit kerja"] = str(row.get("unit kerja") or "").strip()
        if galat:
            raise ValidationError(galat)

    def _boleh_satker(self, satker: Satker) -> bool:
        user = self.pengimpor
        if user is None or user.is_superuser:
            return True
        return user.satker_id is not None and satker.pk == user.satker_id

    def after_init_instance(self, instance, new, row, **kwargs):
        if new:
            # No password, ever a shared one: the user sets it through the link.
            instance.set_unusable_password()
            instance.is_staff = instance.is_superuser = False

    def before_save_instance(self, instance, row, **kwargs):
        instance.last_name = ""
        nama_unit = getattr(instance, "unit_kerja_impor", "")
        if nama_unit:
            unit = UnitKerja.objects.filter(satker=instance.satker, nama__iexact=nama_unit).first()
            instance.unit_kerja = unit or UnitKerja.objects.create(
                satker=instance.satker, nama=nama_unit
            )

    def after_save_instance(self, instance, row, **kwargs):
        instance.groups.set([Group.objects.get(name=instance.peran_impor)])
        # As in the user form: the Admin role is what makes a user staff.
        staf = instance.peran_impor == akses.ADMIN
        if instance.is_staff != staf:
            instance.is_staff = staf
            instance.save(update_fields=["is_staff"])

    # --- export (the same columns, so an export reads back as a template) ---

    def dehydrate_nama_lengkap(self, obj: Pengguna) -> str:
        return obj.get_full_name()

    def dehydrate_unit_kerja(self, obj: Pengguna) -> str:
        return obj.unit_kerja.nama if obj.unit_kerja_id else ""

    def dehydrate_peran(self, obj: Pengguna) -> str:
        return ", ".join(g.name for g in obj.groups.all() if g.name in PERAN)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("satker", "unit_kerja").prefetch_related("groups")


# --- one-time set-password links ---


def tautan_atur_sandi(request, user: Pengguna) -> str:
    """Django's password-reset link for the user: it works once (the token dies
    when the password changes or the user logs in) and until
    PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return request.build_absolute_uri(path)


def daftar_tautan(request, pengguna) -> list[dict]:
    berlaku = timezone.localtime() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return [
        {
            "pengguna": user,
            "satker": user.satker.kode if user.satker_id else "",
            "tautan": tautan_atur_sandi(request, user),
            "berlaku_sampai": berlaku.strftime("%d-%m-%Y %H:%M"),
        }
        for user in pengguna
    ]


def xlsx_teks(judul_lembar: str, baris: list[list], lebar: tuple[int, ...] = ()) -> bytes:
    """A workbook of one sheet in which every cell is text, never a formula,
    whatever a name or a link starts with."""
    wb = Workbook()
    ws = wb.active
    ws.title = judul_lembar
    for r, nilai_baris in enumerate(baris, start=1):
        for c, nilai in enumerate(nilai_baris, start=1):
            if nilai is None or nilai == "":
                continue
            sel = ws.cell(row=r, column=c)
            sel.value = str(nilai)
            sel.data_type = "s"
            sel.number_format = "@"
    for kolom, lebar_kolom in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(kolom)].width = lebar_kolom
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def xlsx_tautan(baris: list[dict]) -> bytes:
    judul = ["Username", "Nama lengkap", "Satker", "Tautan atur kata sandi", "Berlaku sampai"]
    isi = [
        [
            b["pengguna"].username,
            b["pengguna"].get_full_name(),
            b["satker"],
            b["tautan"],
            b["berlaku_sampai"],
        ]
        for b in baris
    ]
    return xlsx_teks("Tautan atur kata sandi", [judul, *isi], lebar=(20, 30, 10, 90, 18))


class XLSXTeks(base_formats.XLSX):
    """The export as xlsx with text cells only (the library's writer would turn a
    name that starts with "=" into a formula)."""

    def export_data(self, dataset, **kwargs):
        return xlsx_teks("Ekspor", [dataset.headers, *dataset])


# --- admin mixins ---

FORMAT_IMPOR = (base_formats.XLSX, base_formats.CSV)
FORMAT_EKSPOR = (XLSXTeks,)  # no csv: a spreadsheet would run its formulas


class PesanIndonesiaMixin(ImportExportMixin):
    def add_success_message(self, result, request):
        jumlah = result.totals
        messages.success(
            request,
            f"Impor selesai: {jumlah[RowResult.IMPORT_TYPE_NEW]} baru, "
            f"{jumlah[RowResult.IMPORT_TYPE_UPDATE]} berubah, "
            f"{jumlah[RowResult.IMPORT_TYPE_SKIP]} tetap ({self.model._meta.verbose_name_plural}).",
        )


class ImporSatkerMixin(PesanIndonesiaMixin):
    """Satker import/export by kode (parents by kode): superusers only."""

    resource_classes = [SatkerResource]
    import_formats = FORMAT_IMPOR
    export_formats = FORMAT_EKSPOR
    import_template_name = "admin/indicators/impor.html"

    def has_import_permission(self, request):
        return request.user.is_superuser

    def has_export_permission(self, request):
        return request.user.is_superuser


def boleh_kelola_pengguna(user) -> bool:
    """A superuser, or a satker Admin who opens the admin site."""
    if user.is_superuser:
        return True
    return bool(user.is_staff and user.satker_id and akses.ADMIN in user.peran())


class ImporPenggunaMixin(PesanIndonesiaMixin):
    """User import/export, with set-password links after the import and as an action."""

    resource_classes = [PenggunaResource]
    import_formats = FORMAT_IMPOR
    export_formats = FORMAT_EKSPOR
    import_template_name = "admin/indicators/impor.html"

    def has_import_permission(self, request):
        return boleh_kelola_pengguna(request.user)

    def has_export_permission(self, request):
        return boleh_kelola_pengguna(request.user)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "pengimpor": request.user}

    def _dalam_jangkauan(self, request, queryset):
        if request.user.is_superuser:
            return queryset
        return queryset.filter(satker_id=request.user.satker_id, is_superuser=False)

    def get_export_queryset(self, request):
        return self._dalam_jangkauan(request, super().get_export_queryset(request))

    def process_result(self, result, request):
        self.generate_log_entries(result, request)
        self.add_success_message(result, request)
        post_import.send(sender=None, model=self.model)
        baru = [row.instance for row in result if row.import_type == RowResult.IMPORT_TYPE_NEW]
        return self.halaman_tautan(request, baru)

    def halaman_tautan(self, request, pengguna):
        context = {
            **self.admin_site.each_context(request),
            "title": "Tautan atur kata sandi",
            "opts": self.model._meta,
            "baris": daftar_tautan(request, pengguna),
            "berlaku_jam": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        return TemplateResponse(request, "admin/indicators/pengguna/tautan_sandi.html", context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if boleh_kelola_pengguna(request.user):
            actions["buat_tautan_atur_sandi"] = self.get_action("buat_tautan_atur_sandi")
        return actions

    @admin.action(description="Buat tautan atur kata sandi")
    def buat_tautan_atur_sandi(self, request, queryset):
        pengguna = self._dalam_jangkauan(request, queryset).filter(is_active=True)
        pengguna = pengguna.select_related("satker").order_by("username")
        isi = xlsx_tautan(daftar_tautan(request, pengguna))
        response = HttpResponse(
            isi, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="tautan-atur-kata-sandi.xlsx"'
        return response
