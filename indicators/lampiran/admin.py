"""The Lampiran import and downloads in the admin.

Upload → dry run with a per-level preview (new / changed / unchanged) and every
problem → confirm → done. django-import-export's ImportMixin previews one
resource's rows and re-reads the upload through tablib, which cannot show the
five levels of one decree side by side; so this is a small admin view of its own
in front of the same import_lampiran() the command uses. The dry run stores the
upload (RiwayatImpor.berkas) and the confirmation imports exactly that copy.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from ..akses import wajib
from ..models import PenetapanIKU, Satker
from .baca import BATAS_UKURAN
from .impor import import_lampiran
from .views import respons_xlsx


class FormImpor(forms.Form):
    satker = forms.ModelChoiceField(Satker.objects.all(), label="Satker")
    tahun_awal = forms.IntegerField(label="Tahun awal periode", min_value=2000, max_value=2100)
    tahun_akhir = forms.IntegerField(label="Tahun akhir periode", min_value=2000, max_value=2100)
    berkas = forms.FileField(
        label="Berkas Lampiran (.xlsx, .xls atau .ods)",
        help_text="Salinan Excel atau LibreOffice tabel Lampiran seperti tercetak, atau templat "
        "hasil unduhan. Maksimal 10 MB dan 50.000 baris.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.xls,.ods,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                "application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
            }
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_superuser:  # a satker's Admin imports only into its own satker
            self.fields["satker"].queryset = Satker.objects.filter(pk=user.satker_id or 0)

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > BATAS_UKURAN:
            raise forms.ValidationError("Ukuran berkas melebihi batas 10 MB.")
        return berkas

    def clean(self):
        data = super().clean()
        awal, akhir = data.get("tahun_awal"), data.get("tahun_akhir")
        if awal and akhir and akhir < awal:
            self.add_error("tahun_akhir", "Tahun akhir tidak boleh sebelum tahun awal.")
        return data


def _awal_form(request) -> dict:
    awal = {}
    satker = getattr(request.user, "satker", None)
    if satker is not None:
        awal["satker"] = satker
        penetapan = PenetapanIKU.objects.terbaru(satker)
        if penetapan:
            awal |= {"tahun_awal": penetapan.tahun_awal, "tahun_akhir": penetapan.tahun_akhir}
    return awal


class ImporLampiranAdminMixin:
    """On RiwayatImpor's admin: the import pages."""

    change_list_template = "admin/indicators/riwayatimpor/change_list.html"

    def get_urls(self):
        return [
            path(
                "impor/",
                self.admin_site.admin_view(self.impor_view),
                name="indicators_riwayatimpor_impor",
            ),
            path(
                "<int:pk>/salinan/",
                self.admin_site.admin_view(self.salinan_view),
                name="indicators_riwayatimpor_salinan",
            ),
            *super().get_urls(),
        ]

    def salinan_view(self, request, pk: int):
        """The stored copy of an imported file; never served from a public URL."""
        riwayat = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, riwayat):
            raise PermissionDenied
        if not riwayat.berkas:
            raise Http404("Salinan berkas tidak ada.")
        try:
            berkas = riwayat.berkas.open("rb")
        except FileNotFoundError as exc:
            raise Http404("Salinan berkas tidak ada di penyimpanan.") from exc
        return FileResponse(berkas, as_attachment=True, filename=riwayat.nama_berkas)

    @admin.display(description="salinan berkas")
    def salinan_berkas(self, obj):
        if not obj.berkas:
            return "—"
        return format_html(
            '<a href="{}">Unduh {}</a>',
            reverse("admin:indicators_riwayatimpor_salinan", args=[obj.pk]),
            obj.nama_berkas,
        )

    def get_readonly_fields(self, request, obj=None):
        return [f for f in super().get_readonly_fields(request, obj) if f != "berkas"] + [
            "salinan_berkas"
        ]

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), "berkas"]

    def has_add_permission(self, request) -> bool:
        return False  # records are written by the import only

    def _render(self, request, konteks: dict):
        return TemplateResponse(
            request,
            "admin/indicators/import_lampiran.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Impor Lampiran IKU",
                **konteks,
            },
        )

    def impor_view(self, request):
        wajib(request, "impor_lampiran")
        if request.method == "POST" and "konfirmasi" in request.POST:
            return self._konfirmasi(request)
        if request.method == "POST":
            form = FormImpor(request.POST, request.FILES, user=request.user)
            if form.is_valid():
                berkas = form.cleaned_data["berkas"]
                hasil = import_lampiran(
                    data=berkas.read(),
                    nama_berkas=berkas.name,
                    satker=form.cleaned_data["satker"],
                    tahun_awal=form.cleaned_data["tahun_awal"],
                    tahun_akhir=form.cleaned_data["tahun_akhir"],
                    pengguna=request.user,
                    uji_coba=True,
                )
                return self._render(request, {"form": form, "hasil": hasil, "pratinjau": True})
        else:
            form = FormImpor(initial=_awal_form(request), user=request.user)
        return self._render(request, {"form": form})

    def _konfirmasi(self, request):
        uji = get_object_or_404(
            self.get_queryset(request).select_related("satker"),
            pk=request.POST.get("konfirmasi")
            if request.POST.get("konfirmasi", "").isdigit()
            else 0,
            uji_coba=True,
            berhasil=True,
        )
        if uji.pengguna_id != request.user.pk:
            raise PermissionDenied("Pratinjau ini milik pengguna lain.")
        periode = uji.jumlah.get("periode") or []
        if len(periode) != 2 or uji.satker is None or not uji.berkas:
            raise Http404("Pratinjau tidak lengkap; unggah ulang berkasnya.")
        with uji.berkas.open("rb") as f:
            data = f.read()
        hasil = import_lampiran(
            data=data,
            nama_berkas=uji.nama_berkas,
            satker=uji.satker,
            tahun_awal=periode[0],
            tahun_akhir=periode[1],
            pengguna=request.user,
            sejak=uji.waktu,
        )
        if not hasil.berhasil:
            form = FormImpor(
                initial={"satker": uji.satker, "tahun_awal": periode[0], "tahun_akhir": periode[1]},
                user=request.user,
            )
            return self._render(request, {"form": form, "hasil": hasil, "pratinjau": True})
        messages.success(request, f"Impor {uji.nama_berkas} berhasil. {hasil.ringkasan()}.")
        return HttpResponseRedirect(reverse("admin:indicators_riwayatimpor_changelist"))


class UnduhLampiranAdminMixin:
    """On PenetapanIKU's admin: download links for each decree."""

    change_form_template = "admin/indicators/penetapaniku/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:pk>/lampiran/<str:bentuk>/",
                self.admin_site.admin_view(self.unduh_view),
                name="indicators_penetapaniku_lampiran",
            ),
            *super().get_urls(),
        ]

    def unduh_view(self, request, pk: int, bentuk: str):
        penetapan = get_object_or_404(self.get_queryset(request).select_related("satker"), pk=pk)
        if not self.has_view_permission(request, penetapan):
            raise PermissionDenied
        return respons_xlsx(penetapan, bentuk)

    @admin.display(description="unduh Excel")
    def unduh_lampiran(self, obj):
        return format_html(
            '<a href="{}">tercetak</a> · <a href="{}">templat</a>',
            reverse("admin:indicators_penetapaniku_lampiran", args=[obj.pk, "tercetak"]),
            reverse("admin:indicators_penetapaniku_lampiran", args=[obj.pk, "datar"]),
        )
