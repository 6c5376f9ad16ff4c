"""The two curation roles as groups with permissions (rules in diplomacy/roles.py)."""

from django.db import migrations

from diplomacy.roles import CURATORS, REVIEWERS, WORKFLOW, grant_roles


def create_roles(apps, schema_editor):
    grant_roles(apps, schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.using(db).filter(name__in=[CURATORS, REVIEWERS]).delete()
    # The workflow permissions exist only because of this migration; the model
    # permissions belong to post_migrate and stay.
    Permission.objects.using(db).filter(
        content_type__app_label="diplomacy", codename__in=[spec[1] for spec in WORKFLOW],
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("diplomacy", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
    ]
