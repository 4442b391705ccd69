from django.urls import path

from . import views

urlpatterns = [
    path("belum-diisi/", views.kekurangan, name="kekurangan"),
    path("belum-diisi/<int:tahun>/jadwal/", views.jadwal_ubah, name="jadwal_ubah"),
]
