"""Curators and reviewers no longer add or change reference data (countries, CAMEO codes,
topics): administrators and the importers do, with history. The roles keep viewing it,
and view its new history tables (rules in diplomacy/roles.py)."""

from django.db import migrations

from diplomacy.roles import CURATION_GROUPS, REFERENCE_ROWS


def _permission(apps, using, model_name: str, action: str):
    # As in roles.grant_roles: on a fresh database post_migrate has not yet created the
    # content types and permissions of the tables migration 0011 added.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.using(using).get_or_create(
        app_label="diplomacy", model=model_name)
    permission, _ = Permission.objects.using(using).get_or_create(
        content_type=content_type, codename=f"{action}_{model_name}",
        defaults={"name": f"Can {action} {model_name}"})
    return permission


def view_only(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    writes = Permission.objects.using(using).filter(
        content_type__app_label="diplomacy",
        codename__in=[f"{action}_{name}" for name in REFERENCE_ROWS
                      for action in ("add", "change", "delete")])
    views = [_permission(apps, using, name, "view")
             for model in sorted(REFERENCE_ROWS) for name in (model, f"historical{model}")]
    for group in Group.objects.using(using).filter(name__in=CURATION_GROUPS):
        group.permissions.remove(*writes)
        group.permissions.add(*views)


def add_and_change(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    granted = [_permission(apps, using, name, action)
               for name in sorted(REFERENCE_ROWS) for action in ("add", "change")]
    for group in Group.objects.using(using).filter(name__in=CURATION_GROUPS):
        group.permissions.add(*granted)


class Migration(migrations.Migration):

    dependencies = [
        ("diplomacy", "0011_reference_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(view_only, add_and_change),
    ]
