from django.urls import path

from . import views

urlpatterns = [
    path("rekap/", views.rekap, name="rekap"),
    path("rekap/indikator/<int:pk>/", views.rekap_indikator, name="rekap_indikator"),
]
