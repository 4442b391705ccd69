from django.urls import path

from . import views

urlpatterns = [
    path("kaskade/", views.kaskade, name="kaskade"),
    path("kaskade/adopsi/", views.kaskade_adopsi, name="kaskade_adopsi"),
    path("kaskade/adopsi-anak/", views.kaskade_adopsi_anak, name="kaskade_adopsi_anak"),
    path("kaskade/revisi/", views.kaskade_terima_revisi, name="kaskade_terima_revisi"),
    path("kaskade/salin-periode/", views.kaskade_salin_periode, name="kaskade_salin_periode"),
    path("indikator/<int:pk>/hentikan/", views.indikator_hentikan, name="indikator_hentikan"),
]
