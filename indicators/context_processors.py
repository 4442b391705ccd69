from django.utils.functional import SimpleLazyObject

from .models import Satker


def aplikasi(request) -> dict:
    """Values every page needs; lazy so pages that don't use them pay nothing."""
    return {
        "ada_data_contoh": SimpleLazyObject(
            lambda: Satker.objects.filter(data_contoh=True).exists()
        ),
    }
