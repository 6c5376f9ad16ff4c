"""The curator's workbench: one module per subdomain, each registering its admins."""

from . import actors, agreements, events, releases, sources, taxonomy

__all__ = ["actors", "agreements", "events", "releases", "sources", "taxonomy"]
