from django.urls import include, path

urlpatterns = [
    path("", include("reporting.dasbor.urls")),
    path("", include("reporting.laporan.urls")),
    path("", include("reporting.rekap.urls")),
]
