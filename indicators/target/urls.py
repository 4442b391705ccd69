from django.urls import path

from . import views

urlpatterns = [
    path("target/", views.target, name="target"),
]
