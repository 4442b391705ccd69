from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "KPU IKU — Administrasi"
admin.site.site_title = "KPU IKU"
admin.site.index_title = "Data induk dan pengguna"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("reporting.urls")),
    path("", include("indicators.urls")),
]

# Operations: health check for monitoring and the load balancer (no login).
from kpu_iku import ops  # noqa: E402

urlpatterns.append(path("healthz", ops.healthz, name="healthz"))
handler500 = "kpu_iku.ops.galat_server"
handler400 = "kpu_iku.ops.permintaan_buruk"
