"""Two roles for the curation workflow, as groups with permissions.

*curators* add, change and view every diplomacy model (and view the history
tables); they may delete the detail rows they need to correct (aliases,
tenures, participants, citations, relations, agreement parties, exchanges), but
never events or agreements, and they cannot publish or retract.
*reviewers* have everything curators have plus publish and retract.

Model permissions are normally created by a post_migrate signal, after all
migrations have run, so on a fresh database they do not exist yet here: this
migration creates the content types and permission rows it needs itself
(get_or_create, so post_migrate later finds them and adds nothing). The workflow
permissions are not in any model's Meta, so only this migration creates them.
"""

from django.db import migrations

from diplomacy.roles import CURATORS, REVIEWERS

# Events (and their kind proxies) and agreements: public records are retracted,
# never deleted, and drafts are deleted only by an administrator.
CURATED = {"event", "statement", "meeting", "incident", "agreement"}
# Rows a curator must be able to remove to correct a record on its screen.
DETAIL_ROWS = {
    "personalias", "organisationalias", "tenure", "eventparticipant", "eventrelation",
    "citation", "agreementparty", "exchange",
}
WORKFLOW = [
    ("event", "publish_event", "Can publish event"),
    ("event", "retract_event", "Can retract event"),
    ("agreement", "publish_agreement", "Can publish agreement"),
    ("agreement", "retract_agreement", "Can retract agreement"),
]


def _actions(model_name: str) -> list[str]:
    if model_name.startswith("historical"):
        return ["view"]  # history is written by the system, read by people
    if model_name in DETAIL_ROWS:
        return ["add", "change", "delete", "view"]
    return ["add", "change", "view"]


def create_roles(apps, schema_editor):
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    def permission(model_name: str, codename: str, name: str):
        content_type, _ = ContentType.objects.using(db).get_or_create(
            app_label="diplomacy", model=model_name,
        )
        perm, _ = Permission.objects.using(db).get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name},
        )
        return perm

    curator_perms = []
    for model in apps.get_app_config("diplomacy").get_models():
        opts = model._meta
        for action in _actions(opts.model_name):
            curator_perms.append(permission(
                opts.model_name, f"{action}_{opts.model_name}",
                f"Can {action} {opts.verbose_name_raw}",
            ))
    workflow_perms = [permission(*spec) for spec in WORKFLOW]

    curators, _ = Group.objects.using(db).get_or_create(name=CURATORS)
    curators.permissions.set(curator_perms)
    reviewers, _ = Group.objects.using(db).get_or_create(name=REVIEWERS)
    reviewers.permissions.set(curator_perms + workflow_perms)


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
