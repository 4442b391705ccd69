from django.urls import path

from . import views, views_laporan

urlpatterns = [
    path("dasbor/", views.dasbor, name="dasbor"),
    path("indikator/<int:pk>/", views.indikator_detail, name="indikator_detail"),
    path("laporan/", views_laporan.laporan_daftar, name="laporan"),
    path("laporan/iku.pdf", views_laporan.iku_pdf, name="laporan_iku_pdf"),
    path("laporan/<int:tahun>/lakip.pdf", views_laporan.lakip_pdf, name="laporan_lakip_pdf"),
    path(
        "laporan/<int:tahun>/perjanjian-kinerja.pdf",
        views_laporan.perjanjian_kinerja_pdf,
        name="laporan_pk_pdf",
    ),
    path(
        "laporan/<int:tahun>/ikhtisar.xlsx",
        views_laporan.ikhtisar_xlsx,
        name="laporan_ikhtisar_xlsx",
    ),
    path(
        "laporan/<int:tahun>/pengukuran-kinerja.xlsx",
        views_laporan.pengukuran_xlsx,
        name="laporan_pengukuran_xlsx",
    ),
    path("laporan/<int:tahun>/narasi/", views_laporan.narasi_ubah, name="laporan_narasi"),
    path("laporan/<int:tahun>/anggaran/", views_laporan.anggaran_ubah, name="laporan_anggaran"),
]
