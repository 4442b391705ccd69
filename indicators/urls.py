from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("kategori.css", views.kategori_css, name="kategori_css"),
    path("bukti/<int:pk>/unduh/", views.bukti_unduh, name="bukti_unduh"),
    path("", include("indicators.lampiran.urls")),
]
