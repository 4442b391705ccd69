from django.urls import path

from . import views

urlpatterns = [
    path("realisasi/", views.realisasi_bawaan, name="realisasi_bawaan"),
    path("realisasi/<int:tahun>/", views.realisasi, name="realisasi"),
    path("realisasi/<int:tahun>/capaian/", views.realisasi_capaian, name="realisasi_capaian"),
    path("nilai/<int:pk>/", views.nilai_detail, name="nilai_detail"),
]
