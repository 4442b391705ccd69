from django.urls import include, path

from . import views, views_entri

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("kategori.css", views.kategori_css, name="kategori_css"),
    path("bukti/<int:pk>/unduh/", views.bukti_unduh, name="bukti_unduh"),
    path("realisasi/", views_entri.realisasi_bawaan, name="realisasi_bawaan"),
    path("realisasi/<int:tahun>/", views_entri.realisasi, name="realisasi"),
    path("realisasi/<int:tahun>/capaian/", views_entri.realisasi_capaian, name="realisasi_capaian"),
    path("realisasi/<int:tahun>/ajukan/", views_entri.realisasi_ajukan, name="realisasi_ajukan"),
    path(
        "realisasi/<int:tahun>/verifikasi/",
        views_entri.realisasi_verifikasi,
        name="realisasi_verifikasi",
    ),
    path("realisasi/<int:tahun>/ajukan-tahun/", views_entri.tahun_ajukan, name="tahun_ajukan"),
    path("realisasi/<int:tahun>/setujui/", views_entri.tahun_setujui, name="tahun_setujui"),
    path(
        "realisasi/<int:tahun>/kembalikan-tahun/",
        views_entri.tahun_kembalikan,
        name="tahun_kembalikan",
    ),
    path("realisasi/<int:tahun>/buka-kunci/", views_entri.tahun_buka, name="tahun_buka"),
    path("nilai/<int:pk>/", views_entri.nilai_detail, name="nilai_detail"),
    path("nilai/<int:pk>/kembalikan/", views_entri.nilai_kembalikan, name="nilai_kembalikan"),
    path("nilai/<int:pk>/bukti/", views_entri.bukti_tambah, name="bukti_tambah"),
    path("bukti/<int:pk>/hapus/", views_entri.bukti_buang, name="bukti_hapus"),
    path("target/", views_entri.target, name="target"),
    path("antrean/", views_entri.antrean, name="antrean"),
    path("", include("indicators.lampiran.urls")),
]
