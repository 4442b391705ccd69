from django.urls import path

from . import views

urlpatterns = [
    path("dasbor/", views.dasbor, name="dasbor"),
    path("indikator/<int:pk>/", views.indikator_detail, name="indikator_detail"),
]
