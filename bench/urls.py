from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from kpu_iku.urls import urlpatterns as aplikasi


@login_required
def ringan(request):
    """The baseline: session, user and middleware, no work of its own."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ringan/", ringan), *aplikasi]
