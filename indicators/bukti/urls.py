from django.urls import path

from . import views

urlpatterns = [
    path("nilai/<int:pk>/bukti/", views.bukti_tambah, name="bukti_tambah"),
    path("bukti/<int:pk>/hapus/", views.bukti_buang, name="bukti_hapus"),
    path("bukti/<int:pk>/unduh/", views.bukti_unduh, name="bukti_unduh"),
]
