"""A copy of the whole test database kept in memory, to put back in a fraction
of the time it took to build: the browser tests each need the demo data
(seed_demo, seconds of work) in a transactional database, and every test
starts from the database as migrate left it. Each test process takes a copy
with COPY once (tests.conftest), and a test gets that copy back, table by
table, ids and all.
"""

import io

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction


def _tabel() -> list[str]:
    # Every table of the project and of Django's apps.
    return sorted(connection.introspection.django_table_names(only_existing=True))


def ambil() -> dict[str, bytes]:
    """Every table's rows, as PostgreSQL's COPY writes them."""
    salinan = {}
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        for tabel in _tabel():
            buffer = io.BytesIO()
            cursor.copy_expert(f"COPY {q(tabel)} TO STDOUT", buffer)
            salinan[tabel] = buffer.getvalue()
    return salinan


def pulihkan(salinan: dict[str, bytes]) -> None:
    """The database exactly as `ambil` found it: every table emptied and
    refilled in one transaction (foreign keys are checked at its end), the id
    sequences moved past the ids put back and the planner's statistics
    refreshed, as after the seeding itself."""
    q = connection.ops.quote_name
    terisi = [t for t, isi in salinan.items() if isi]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(map(q, salinan))}")
        for tabel in terisi:
            cursor.copy_expert(f"COPY {q(tabel)} FROM STDIN", io.BytesIO(salinan[tabel]))
        for sql in connection.ops.sequence_reset_sql(
            no_style(), apps.get_models(include_auto_created=True)
        ):
            cursor.execute(sql)
        cursor.execute(f"ANALYZE {', '.join(map(q, terisi))}")
    # The content types' ids are the copy's again.
    ContentType.objects.clear_cache()
