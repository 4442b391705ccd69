"""How long the user's session lasts, for the entry grid's warning, and the
"Tetap masuk" endpoint that extends it (kpu_iku.middleware.SegarkanSesiMiddleware
moves the expiry on at most every SESSION_REFRESH_SECONDS)."""

import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .akses import wajib


def sisa_sesi(request) -> int:
    """Seconds until the session ends without further activity, counting the
    refresh this very request makes when its last one is old enough."""
    umur = settings.SESSION_COOKIE_AGE
    sekarang = int(time.time())
    disegarkan = request.session.get("_disegarkan", 0)
    if sekarang - disegarkan >= settings.SESSION_REFRESH_SECONDS:
        return umur
    return max(0, disegarkan + umur - sekarang)


@login_required
@require_POST
def sesi_segarkan(request):
    """Extend the session now (the page's "Tetap masuk")."""
    wajib(request, "lihat")
    request.session["_disegarkan"] = int(time.time())
    return JsonResponse({"sisa": settings.SESSION_COOKIE_AGE})
