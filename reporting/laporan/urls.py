from django.urls import path

from . import views

urlpatterns = [
    path("laporan/", views.laporan_daftar, name="laporan"),
    path("laporan/iku.pdf", views.iku_pdf, name="laporan_iku_pdf"),
    path("laporan/<int:tahun>/lakip.pdf", views.lakip_pdf, name="laporan_lakip_pdf"),
    path(
        "laporan/<int:tahun>/perjanjian-kinerja.pdf",
        views.perjanjian_kinerja_pdf,
        name="laporan_pk_pdf",
    ),
    path("laporan/<int:tahun>/ikhtisar.xlsx", views.ikhtisar_xlsx, name="laporan_ikhtisar_xlsx"),
    path(
        "laporan/<int:tahun>/pengukuran-kinerja.xlsx",
        views.pengukuran_xlsx,
        name="laporan_pengukuran_xlsx",
    ),
    path(
        "laporan/<int:tahun>/rencana-aksi.pdf",
        views.rencana_aksi_pdf,
        name="laporan_rencana_aksi_pdf",
    ),
    path(
        "laporan/<int:tahun>/rencana-aksi.xlsx",
        views.rencana_aksi_xlsx,
        name="laporan_rencana_aksi_xlsx",
    ),
    path(
        "laporan/<int:tahun>/tw<int:triwulan>/capaian-triwulan.pdf",
        views.laporan_triwulan_pdf,
        name="laporan_triwulan_pdf",
    ),
    path(
        "laporan/<int:tahun>/tw<int:triwulan>/capaian-triwulan.xlsx",
        views.laporan_triwulan_xlsx,
        name="laporan_triwulan_xlsx",
    ),
    path("laporan/<int:tahun>/narasi/", views.narasi_ubah, name="laporan_narasi"),
    path("laporan/<int:tahun>/anggaran/", views.anggaran_ubah, name="laporan_anggaran"),
]
