"""The rules of the admin site (/admin/), in one place.

- A satker's Admin sees and edits only its own satker's rows: lists, object
  pages, foreign-key and many-to-many choices, downloads and history. Another
  satker's object does not exist for it. Superusers see everything.
- Values, the satker-year, review history, evidence, budget and narrative
  change only through the application's screens and workflow (which keep the
  lock, the version and the audit trail): in the admin they are view only, for
  everyone.
- Change history (simple-history) is read only: no revert, for everyone.
- Deleting structure whose values lie in an approved (locked) year is refused.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from .models import (
    AnggaranKegiatan,
    BuktiDukung,
    Indikator,
    JadwalPengisian,
    Kegiatan,
    NarasiLaporan,
    NilaiIndikator,
    PenetapanIKU,
    Pengguna,
    PengingatTerkirim,
    Program,
    RiwayatImpor,
    RiwayatStatus,
    Sasaran,
    Satker,
    StatusTahun,
    TahunKinerja,
    UnitKerja,
)

_IKU = "sasaran__kegiatan__program__penetapan__satker_id"

# From each model to the id of the satker it belongs to (several: any of them).
JALUR_SATKER: dict[type, tuple[str, ...]] = {
    Satker: ("pk",),
    UnitKerja: ("satker_id",),
    Pengguna: ("satker_id",),
    PenetapanIKU: ("satker_id",),
    Program: ("penetapan__satker_id",),
    Kegiatan: ("program__penetapan__satker_id",),
    Sasaran: ("kegiatan__program__penetapan__satker_id",),
    Indikator: (_IKU,),
    TahunKinerja: ("satker_id",),
    NilaiIndikator: (f"indikator__{_IKU}",),
    RiwayatStatus: (f"nilai__indikator__{_IKU}", "tahun_kinerja__satker_id"),
    BuktiDukung: (f"nilai__indikator__{_IKU}",),
    AnggaranKegiatan: ("kegiatan__program__penetapan__satker_id",),
    NarasiLaporan: ("satker_id",),
    RiwayatImpor: ("satker_id",),
    JadwalPengisian: ("satker_id",),
    PengingatTerkirim: ("pengguna__satker_id",),
}

# Deleted with their structure (a decree, a Kegiatan...) though never on their own.
IKUT_STRUKTUR = {
    m._meta.verbose_name
    for m in (
        NilaiIndikator,
        RiwayatStatus,
        BuktiDukung,
        AnggaranKegiatan,
        NarasiLaporan,
        TahunKinerja,
    )
}

# From NilaiIndikator up to each structure model, for the lock check on delete.
NILAI_KE = {
    Satker: f"indikator__{_IKU}".removesuffix("_id"),
    PenetapanIKU: "indikator__sasaran__kegiatan__program__penetapan",
    Program: "indikator__sasaran__kegiatan__program",
    Kegiatan: "indikator__sasaran__kegiatan",
    Sasaran: "indikator__sasaran",
    Indikator: "indikator",
}


def milik_satker(model: type, satker_id: int) -> Q:
    """Rows of `model` belonging to the satker `satker_id`."""
    q = Q()
    for jalur in JALUR_SATKER[model]:
        q |= Q(**{jalur: satker_id})
    return q


def saring_satker(qs, request):
    """`qs` cut to the request user's satker (everything for a superuser,
    nothing for a user without a satker)."""
    user = request.user
    if user.is_superuser:
        return qs
    if user.satker_id is None:
        return qs.none()
    return qs.filter(milik_satker(qs.model, user.satker_id))


def tahun_terkunci(model: type, objs) -> list[int]:
    """Approved years holding values of the structure rows `objs`."""
    ke = NILAI_KE.get(model)
    if ke is None:
        return []
    disetujui = TahunKinerja.objects.filter(
        satker_id=OuterRef(f"indikator__{_IKU}"),
        tahun=OuterRef("tahun"),
        status=StatusTahun.DISETUJUI,
    )
    nilai = NilaiIndikator.objects.filter(**{f"{ke}__in": objs}).filter(Exists(disetujui))
    return sorted(set(nilai.values_list("tahun", flat=True)))


class PilihanSatkerMixin:
    """Foreign-key and many-to-many choices (inlines too) only of the user's satker."""

    def get_field_queryset(self, db, db_field, request):
        qs = super().get_field_queryset(db, db_field, request)
        model = db_field.remote_field.model
        if request.user.is_superuser or model not in JALUR_SATKER:
            return qs
        if qs is None:
            qs = model._default_manager.using(db).all()
        return saring_satker(qs, request)


class CakupanSatkerMixin(PilihanSatkerMixin):
    """A ModelAdmin whose rows, object pages and choices are the user's satker's."""

    def get_queryset(self, request):
        return saring_satker(super().get_queryset(request), request)

    def milik(self, request, obj) -> bool:
        """Whether `obj` is one of the rows this user may see here."""
        if obj is None or request.user.is_superuser:
            return True
        if obj.pk is None:
            return False
        tembolok = request.__dict__.setdefault("_cakupan_admin", {})
        kunci = (type(obj)._meta.label, obj.pk)
        if kunci not in tembolok:
            tembolok[kunci] = self.get_queryset(request).filter(pk=obj.pk).exists()
        return tembolok[kunci]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.milik(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.milik(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.milik(request, obj)

    def get_list_filter(self, request):
        # Related filters list only what the user's rows point to, not every satker's.
        return [
            (f, admin.RelatedOnlyFieldListFilter)
            if isinstance(f, str) and _relasi(self.model, f)
            else f
            for f in super().get_list_filter(request)
        ]


def _relasi(model, jalur: str) -> bool:
    field = None
    for nama in jalur.split("__"):
        field = model._meta.get_field(nama)
        if not field.is_relation:
            return False
        model = field.related_model
    return field is not None and field.is_relation


class HanyaLihatMixin:
    """View only, for everyone (superusers included): these rows change only
    through the application's screens and workflow."""

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class HanyaSuperuserMixin:
    """Everyone with the view permission reads; only a superuser writes."""

    def has_add_permission(self, request, *args) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


class RiwayatTanpaPulihMixin:
    """simple-history's pages show the change history; reverting to an old
    version (a save that skips the lock and the workflow) is switched off."""

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def history_view(self, request, object_id, extra_context=None):
        # simple-history reads the object without checking the id: "1/change" would be a 500.
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError as exc:
            raise Http404("Objek tidak ditemukan.") from exc
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Riwayat perubahan hanya dapat dibaca, tidak dapat dipulihkan.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class KunciHapusMixin:
    """Structure (a decree and what hangs under it) may be deleted with its values,
    but not while any of them lies in an approved year."""

    def get_deleted_objects(self, objs, request):
        hapus, jumlah, izin, lindung = super().get_deleted_objects(objs, request)
        izin = {nama for nama in izin if nama not in IKUT_STRUKTUR}
        tahun = tahun_terkunci(self.model, objs)
        if tahun:
            daftar = ", ".join(str(t) for t in tahun)
            lindung = [
                *lindung,
                f"Nilai indikator tahun {daftar} yang sudah disetujui (terkunci). "
                f"Data ini tidak dapat dihapus selama tahun {daftar} terkunci; "
                "buka kunci tahun itu lebih dahulu lewat halaman Realisasi (peran Admin).",
            ]
        return hapus, jumlah, izin, lindung
