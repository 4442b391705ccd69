from django.urls import path

from . import views

urlpatterns = [
    path("rencana-aksi/<int:tahun>/", views.rencana_aksi_tahun, name="rencana_aksi"),
    path(
        "rencana-aksi/<int:tahun>/indikator/<int:pk>/",
        views.rencana_aksi_indikator,
        name="rencana_aksi_indikator",
    ),
    path("rencana-aksi/hapus/<int:pk>/", views.rencana_aksi_hapus, name="rencana_aksi_hapus"),
    path(
        "rencana-aksi/<int:tahun>/tw<int:triwulan>/",
        views.rencana_aksi_triwulan,
        name="rencana_aksi_triwulan",
    ),
]
