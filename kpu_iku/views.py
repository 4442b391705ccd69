"""Pages the application answers by itself: the health check, and the error
pages (400, 403, 404, 500, 503 and a failed CSRF check) in Indonesian."""

import logging
import sys

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.defaults import bad_request

from kpu_iku.context_processors import batas_hari_reset

log_ops = logging.getLogger("kpu_iku.ops")

# Raised by the drivers when the server is gone, the connection was cut or
# cannot be opened; a 503 tells the user (and nginx) to try again shortly.
GALAT_BASIS_DATA = (OperationalError, InterfaceError)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise. Says nothing about the
    configuration: monitoring needs a yes/no, an attacker needs nothing."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        log_ops.warning("healthz: basis data tidak terjangkau", exc_info=True)
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def halaman_basis_data_terputus(request: HttpRequest | None = None) -> HttpResponse:
    # Rendered without a RequestContext: the context processors and
    # request.user would query the database that is down.
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def galat_server(request: HttpRequest) -> HttpResponse:
    """handler500: a database error raised outside a view (in a middleware)
    still gets the 503 page; anything else the plain 500 page. Neither touches
    the database."""
    if isinstance(sys.exc_info()[1], GALAT_BASIS_DATA):
        return halaman_basis_data_terputus(request)
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def permintaan_buruk(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400. Django's session middleware reports a failed session save
    (the database went away after the view ran) as SessionInterrupted, a 400
    telling the user they logged out elsewhere; when a database error is the
    cause, say what really happened."""
    sebab: BaseException | None = exception
    while sebab is not None:
        if isinstance(sebab, GALAT_BASIS_DATA):
            return halaman_basis_data_terputus(request)
        sebab = sebab.__cause__ or sebab.__context__
    return bad_request(request, exception)


def akses_ditolak(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: the page says why, from the PermissionDenied the view raised
    (the views raise them with an Indonesian sentence; escaped by the template)."""
    return render(request, "403.html", {"alasan": str(exception or "")}, status=403)


def tidak_ditemukan(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404. The exception's text is not shown: get_object_or_404 says it
    in English and in the model's code name."""
    return render(request, "404.html", status=404)


def csrf_gagal(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent with a token that is missing or no longer
    valid, typically a page left open past its session, or cookies blocked."""
    konteks = {"cookie_hilang": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", konteks, status=403)


def lupa_sandi(request: HttpRequest) -> HttpResponse:
    """The password-reset request, only where e-mail can be sent (or while
    debugging, to the console); elsewhere a page saying whom to ask."""
    if not settings.RESET_SANDI_AKTIF:
        return render(request, "registration/password_reset_nonaktif.html", status=404)
    tampilan = auth_views.PasswordResetView.as_view(
        extra_email_context={"batas_hari": batas_hari_reset()}
    )
    return tampilan(request)
