from django.conf import settings
from django.http import HttpRequest


def batas_hari_reset() -> int:
    """How many days a password-reset link stays valid."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)


def akun(request: HttpRequest) -> dict:
    """For the login and password-reset pages; reads settings only, no query."""
    return {"reset_sandi_aktif": settings.RESET_SANDI_AKTIF, "batas_hari": batas_hari_reset()}
