"""The client's address, for the login lockout (django-axes).

Behind nginx every request arrives from 127.0.0.1; the client's address is in
X-Forwarded-For, which nginx appends to ($proxy_add_x_forwarded_for). The
header is believed only when the request comes from a trusted proxy, and then
only the entry that proxy wrote: whatever the client put in front of it is
ignored, so a client cannot choose the address its failures count against.

Written here rather than through django-ipware (which axes would use when
installed) because ipware reads the header whoever sent it: it has no notion
of "only from the proxy's own address", which is what makes the header safe.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _dari_proxy_tepercaya(alamat: str | None) -> bool:
    try:
        ip = ipaddress.ip_address(alamat or "")
    except ValueError:
        return False
    return any(ip in jaringan for jaringan in settings.TRUSTED_PROXIES)


def alamat_klien(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or with DJANGO_TRUSTED_PROXY_COUNT = N proxies in front and
    the request coming from one of DJANGO_TRUSTED_PROXIES, the N-th address of
    X-Forwarded-For counted from the right (the one the outermost proxy saw)."""
    langsung = request.META.get("REMOTE_ADDR")
    jumlah = settings.TRUSTED_PROXY_COUNT
    if not jumlah or not _dari_proxy_tepercaya(langsung):
        return langsung
    diteruskan = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    if len(diteruskan) < jumlah:
        # The proxy did not write the header: its own address is all we know.
        return langsung
    try:
        return str(ipaddress.ip_address(diteruskan[-jumlah]))
    except ValueError:
        return langsung
