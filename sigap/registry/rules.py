"""Who sees and edits which part of the registry.

* Roles with ``view_registry`` see the whole registry, except a Kader: a user whose only right to
  edit is ``edit_registry_own_dusun`` sees and edits their own dusun alone.
* Editing needs ``edit_registry`` (everywhere) or ``edit_registry_own_dusun`` (their dusun).
The selectors apply the same scope in SQL (``registry_scope``).
"""

from sigap.core.roles import Cap

ALL = "all"


def registry_scope(user) -> str | int | None:
    """``ALL``, a dusun id (the user's own), or None (no access at all)."""
    if not getattr(user, "is_authenticated", False) or not user.can(Cap.VIEW_REGISTRY):
        return None
    if user.can(Cap.EDIT_REGISTRY) or not user.can(Cap.EDIT_REGISTRY_OWN_DUSUN):
        return ALL
    return user.dusun_id  # a Kader without a dusun sees nothing (None)


def can_view_dusun(user, dusun) -> bool:
    scope = registry_scope(user)
    return scope == ALL or (scope is not None and scope == dusun.pk)


def can_edit_dusun(user, dusun) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.can(Cap.EDIT_REGISTRY):
        return True
    return user.can(Cap.EDIT_REGISTRY_OWN_DUSUN) and user.dusun_id == dusun.pk


def can_edit_any(user) -> bool:
    return user.can(Cap.EDIT_REGISTRY) or (
        user.can(Cap.EDIT_REGISTRY_OWN_DUSUN) and user.dusun_id is not None
    )
