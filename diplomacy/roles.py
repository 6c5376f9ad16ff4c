"""The two curation roles: the names of their groups and the permissions they hold.

*curators* add, change and view every diplomacy model (and view the history
tables); they may delete the detail rows they need to correct (aliases,
tenures, participants, citations, relations, agreement parties, exchanges), but
never events or agreements, and they cannot publish or retract.
*reviewers* have everything curators have plus publish and retract.

Migration 0002 grants them; a post_migrate hook grants them again on a database
that has lost them (a test flush). Services add people to the groups; selectors
ask whether someone is in one. Every one of them reads the names from here.
"""

CURATORS = "curators"
REVIEWERS = "reviewers"
# Anyone in one of these groups sees drafts and retracted records.
CURATION_GROUPS = (CURATORS, REVIEWERS)

# Rows a curator must be able to remove to correct a record on its screen. Events
# (and their kind proxies) and agreements are retracted, never deleted, and drafts
# are deleted only by an administrator.
DETAIL_ROWS = {
    "personalias", "organisationalias", "tenure", "eventparticipant", "eventrelation",
    "citation", "agreementparty", "exchange",
}
# Rows only the system writes (derived from the curated tables), which no role edits.
SYSTEM_ROWS = {"eventcountry", "eventpair", "eventdirectedpair", "eventtext", "change"}
WORKFLOW = [
    ("event", "publish_event", "Can publish event"),
    ("event", "retract_event", "Can retract event"),
    ("agreement", "publish_agreement", "Can publish agreement"),
    ("agreement", "retract_agreement", "Can retract agreement"),
]


def _actions(model_name: str) -> list[str]:
    if model_name in SYSTEM_ROWS:
        return []
    if model_name.startswith("historical"):
        return ["view"]  # history is written by the system, read by people
    if model_name in DETAIL_ROWS:
        return ["add", "change", "delete", "view"]
    return ["add", "change", "view"]


def grant_roles(apps, using: str) -> None:
    """Create both groups with their permissions, from the models ``apps`` holds.

    Model permissions are normally created by post_migrate, after all migrations
    have run, so on a fresh database they may not exist yet: the content types and
    permissions needed are created here (get_or_create, so post_migrate later finds
    them and adds nothing). The workflow permissions are in no model's Meta.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    def permission(model_name: str, codename: str, name: str):
        content_type, _ = ContentType.objects.using(using).get_or_create(
            app_label="diplomacy", model=model_name,
        )
        perm, _ = Permission.objects.using(using).get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name},
        )
        return perm

    curator_perms = [
        permission(opts.model_name, f"{action}_{opts.model_name}",
                   f"Can {action} {opts.verbose_name_raw}")
        for opts in (model._meta for model in apps.get_app_config("diplomacy").get_models())
        for action in _actions(opts.model_name)
    ]
    workflow_perms = [permission(*spec) for spec in WORKFLOW]

    curators, _ = Group.objects.using(using).get_or_create(name=CURATORS)
    curators.permissions.set(curator_perms)
    reviewers, _ = Group.objects.using(using).get_or_create(name=REVIEWERS)
    reviewers.permissions.set(curator_perms + workflow_perms)


def restore_roles(sender, using: str, apps=None, **kwargs) -> None:
    """post_migrate: grant the roles again where they are missing, as after a flush
    (which a test that needs committed data ends with). Existing groups, and any
    permission an administrator changed on them, are left alone. ``migrate`` passes
    its own model state as ``apps``; ``flush`` passes none, meaning the live models."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    if Group.objects.using(using).filter(name__in=CURATION_GROUPS).count() < len(CURATION_GROUPS):
        grant_roles(apps, using)
