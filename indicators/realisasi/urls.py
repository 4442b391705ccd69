from django.urls import path, register_converter

from . import views


class KodePeriode:
    """A period of the year in a URL: tw1–tw4 (quarters), s1–s2 (semesters);
    periode.kode_url."""

    regex = "tw[1-4]|s[12]"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KodePeriode, "periode")

urlpatterns = [
    path("realisasi/", views.realisasi_bawaan, name="realisasi_bawaan"),
    path("realisasi/<int:tahun>/", views.realisasi, name="realisasi"),
    path("realisasi/<int:tahun>/capaian/", views.realisasi_capaian, name="realisasi_capaian"),
    path(
        "realisasi/<int:tahun>/<periode:kode>/", views.realisasi_periode, name="realisasi_periode"
    ),
    path(
        "realisasi/<int:tahun>/<periode:kode>/capaian/",
        views.realisasi_periode_capaian,
        name="realisasi_periode_capaian",
    ),
    path("nilai/<int:pk>/", views.nilai_detail, name="nilai_detail"),
]
