from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save


def _no_history_for_fixture_rows(sender, instance, raw=False, **kwargs) -> None:
    """Rows loaded from a fixture are not edits: keep them out of the change history.

    django-simple-history already skips raw saves, but its many-to-many hook does
    not, and would log a change ("~") with no creation ("+") for every loaded event
    with topics. The flag it honours is set only on the deserialised instance.
    """
    if raw:
        instance.skip_history_when_saving = True


def _forward_to_concrete_model(signal):
    """Re-send a proxy model's signal as its concrete model's, where history listens.

    Django names the proxy (Statement, Meeting, Incident) as the sender of a save,
    and django-simple-history listens for the concrete Event only: without this,
    saving through a proxy would leave no trace in the history.
    """

    def receiver(sender, **kwargs) -> None:
        kwargs.pop("signal", None)
        signal.send(sender=sender._meta.concrete_model, **kwargs)

    return receiver


_forward_save = _forward_to_concrete_model(post_save)
_forward_delete = _forward_to_concrete_model(post_delete)


class DiplomacyConfig(AppConfig):
    name = "diplomacy"
    verbose_name = "Diplomatic relations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from simple_history.models import registered_models

        from diplomacy.roles import restore_roles
        from diplomacy.services import changelog, derived, stamps

        post_migrate.connect(restore_roles, sender=self, dispatch_uid="diplomacy-restore-roles")
        derived.connect_signals()
        changelog.connect_signals()
        stamps.connect_signals()
        for model in list(registered_models.values()):
            if model._meta.app_label == self.label:
                pre_save.connect(_no_history_for_fixture_rows, sender=model,
                                 dispatch_uid=f"no-fixture-history-{model._meta.label}")
        for model in self.get_models():
            if model._meta.proxy and model._meta.concrete_model in registered_models.values():
                post_save.connect(_forward_save, sender=model,
                                  dispatch_uid=f"history-proxy-save-{model._meta.label}")
                post_delete.connect(_forward_delete, sender=model,
                                    dispatch_uid=f"history-proxy-delete-{model._meta.label}")
