"""The Operator, Sekretaris and Ketua groups carried Django model permissions
that nothing checks: the application decides by role in indicators/akses.py,
and only staff (Admin) open the admin site, where the Admin group's
permissions apply. Remove the unused ones so the groups say what they mean."""

from django.db import migrations

PERAN_APLIKASI = ("Operator", "Sekretaris", "Ketua")


def hapus(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for grup in Group.objects.filter(name__in=PERAN_APLIKASI):
        grup.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_data_awal")]

    operations = [migrations.RunPython(hapus, migrations.RunPython.noop)]
