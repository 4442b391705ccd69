from django.urls import path

from . import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("kategori.css", views.kategori_css, name="kategori_css"),
]
