from django.urls import path

from . import views

urlpatterns = [
    path("bantuan/", views.bantuan, name="bantuan"),
]
