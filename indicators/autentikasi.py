"""The login backend: Django's ModelBackend, reading with the user what every
page shows beside it: the user's satker (the menu, the scoping of every read
and write) and whether the deployment holds sample data (the "Data contoh"
banner, indicators.context_processors). One query where there were three;
bench/bench_rekap.py counts it against a trivial view."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists


class BackendPengguna(ModelBackend):
    def get_user(self, user_id):
        from .models import Satker

        Pengguna = get_user_model()
        try:
            user = (
                Pengguna._default_manager.select_related("satker")
                .annotate(ada_data_contoh=Exists(Satker.objects.filter(data_contoh=True)))
                .get(pk=user_id)
            )
        except Pengguna.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
