"""The Admin role reads the roles (the admin site's Peran list, read-only for
everyone but a superuser: admin_cakupan.HanyaSuperuserMixin) and changes none.

Migration 0002 meant to give it the group permissions, but on a fresh database
Django creates the auth app's permissions only after every migration has run,
so the Admin group got none of them; on a database whose auth permissions
already existed it got all four. Both now end the same: view only."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def admin_membaca_peran(apps, schema_editor):
    app_config = apps.get_app_config("auth")
    if not getattr(app_config, "models_module", None):
        app_config.models_module = True  # the migration's app stub lacks it
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    grup = Group.objects.filter(name="Admin").first()
    if grup is None:
        return
    hak = Permission.objects.filter(content_type__app_label="auth", content_type__model="group")
    grup.permissions.remove(*hak.exclude(codename="view_group"))
    grup.permissions.add(*hak.filter(codename="view_group"))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("indicators", "0006_tahun_dibuka_kembali"),
    ]

    operations = [migrations.RunPython(admin_membaca_peran, migrations.RunPython.noop)]
