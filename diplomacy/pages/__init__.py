"""Pages for people (DESIGN §4.2): server-rendered views over the same selectors as the API.

``/`` explores events with the ``events/`` filters; ``/countries/<ISO3>/`` and
``/dyads/<A>-<B>/`` chart a timeline; ``/network/`` draws actors and agreement flows;
``/events/<id>/``, ``/people/<id>/``, ``/organizations/<id>/`` and ``/agreements/<id>/``
show one record with its citations. Every page links to the same query in the API.
"""
