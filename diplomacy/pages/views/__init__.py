"""The pages' views: thin, reading through selectors (see the package's docstring)."""

from .explorer import explorer
from .network import network
from .records import agreement, event, organisation, person
from .timelines import country, dyad

__all__ = ["agreement", "country", "dyad", "event", "explorer", "network", "organisation",
           "person"]
