"""Pages the application answers by itself: the health check, and the error
pages (400, 500, 503) in Indonesian."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.defaults import bad_request

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
