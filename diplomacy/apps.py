from django.apps import AppConfig


class DiplomacyConfig(AppConfig):
    name = "diplomacy"
    verbose_name = "Diplomatic relations"
    default_auto_field = "django.db.models.BigAutoField"
