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
