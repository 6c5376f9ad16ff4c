"""The two curation roles, as the names of their groups.

Migration 0002 creates the groups with their permissions; services add people
to them; selectors ask whether someone is in one. Every one of them reads the
names from here.
"""

CURATORS = "curators"
REVIEWERS = "reviewers"
# Anyone in one of these groups sees drafts and retracted records.
CURATION_GROUPS = (CURATORS, REVIEWERS)
