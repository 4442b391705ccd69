from django.urls import include, path

from .sesi import sesi_segarkan

urlpatterns = [
    path("", include("indicators.iku.urls")),
    path("", include("indicators.realisasi.urls")),
    path("", include("indicators.reviu.urls")),
    path("", include("indicators.bukti.urls")),
    path("", include("indicators.target.urls")),
    path("", include("indicators.lampiran.urls")),
    path("", include("indicators.kaskade.urls")),
    path("", include("indicators.bantuan.urls")),
    path("", include("indicators.rencana_aksi.urls")),
    path("", include("indicators.kekurangan.urls")),
    path("sesi/segarkan/", sesi_segarkan, name="sesi_segarkan"),
]
