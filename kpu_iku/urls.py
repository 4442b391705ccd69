from django.contrib import admin
from django.urls import include, path

from kpu_iku import views

admin.site.site_header = "KPU IKU — Administrasi"
admin.site.site_title = "KPU IKU"
admin.site.index_title = "Data induk dan pengguna"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Before Django's own: only where e-mail is configured (kpu_iku.views.lupa_sandi).
    path("accounts/password_reset/", views.lupa_sandi, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("reporting.urls")),
    path("", include("indicators.urls")),
    # Health check for monitoring and the load balancer (no login).
    path("healthz", views.healthz, name="healthz"),
]

handler400 = "kpu_iku.views.permintaan_buruk"
handler403 = "kpu_iku.views.akses_ditolak"
handler404 = "kpu_iku.views.tidak_ditemukan"
handler500 = "kpu_iku.views.galat_server"
