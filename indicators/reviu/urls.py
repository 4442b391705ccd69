from django.urls import path

from . import views

urlpatterns = [
    path("realisasi/<int:tahun>/ajukan/", views.realisasi_ajukan, name="realisasi_ajukan"),
    path(
        "realisasi/<int:tahun>/verifikasi/", views.realisasi_verifikasi, name="realisasi_verifikasi"
    ),
    path("realisasi/<int:tahun>/ajukan-tahun/", views.tahun_ajukan, name="tahun_ajukan"),
    path("realisasi/<int:tahun>/setujui/", views.tahun_setujui, name="tahun_setujui"),
    path(
        "realisasi/<int:tahun>/kembalikan-tahun/", views.tahun_kembalikan, name="tahun_kembalikan"
    ),
    path("realisasi/<int:tahun>/buka-kunci/", views.tahun_buka, name="tahun_buka"),
    path(
        "realisasi/<int:tahun>/buka-kunci/pilih/",
        views.tahun_buka_pilih,
        name="tahun_buka_pilih",
    ),
    path("nilai/<int:pk>/kembalikan/", views.nilai_kembalikan, name="nilai_kembalikan"),
    path("antrean/", views.antrean, name="antrean"),
    path("antrean/verifikasi/", views.antrean_verifikasi_nilai, name="antrean_verifikasi_nilai"),
    path(
        "antrean/<int:pk>/kembalikan/",
        views.antrean_kembalikan_nilai,
        name="antrean_kembalikan_nilai",
    ),
]
