from django.apps import AppConfig
from django.db.models.signals import pre_save


def _no_history_for_fixture_rows(sender, instance, raw=False, **kwargs) -> None:
    """Rows loaded from a fixture are not edits: keep them out of the change history.

    django-simple-history already skips raw saves, but its many-to-many hook does
    not, and would log a change ("~") with no creation ("+") for every loaded event
    with topics. The flag it honours is set only on the deserialised instance.
    """
    if raw:
        instance.skip_history_when_saving = True


class DiplomacyConfig(AppConfig):
    name = "diplomacy"
    verbose_name = "Diplomatic relations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from simple_history.models import registered_models

        for model in list(registered_models.values()):
            if model._meta.app_label == self.label:
                pre_save.connect(_no_history_for_fixture_rows, sender=model,
                                 dispatch_uid=f"no-fixture-history-{model._meta.label}")
