from django.urls import path

from . import views

urlpatterns = [
    path("lampiran/unduh/<str:bentuk>/", views.lampiran_unduh, name="lampiran_unduh"),
]
