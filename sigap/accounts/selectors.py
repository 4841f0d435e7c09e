"""Reads for accounts pages and the API."""

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sigap.accounts.models import ApiToken, User, UserRole
from sigap.core.roles import Role


def user_list(
    *, search: str = "", role: str = "", active: bool | None = None, dusun_id: int | None = None
) -> QuerySet[User]:
    users = User.objects.select_related("dusun").prefetch_related("role_assignments")
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(username__icontains=search))
    if role:
        users = users.filter(role_assignments__role=role)
    if active is not None:
        users = users.filter(is_active=active)
    if dusun_id:
        users = users.filter(dusun_id=dusun_id)
    return users.order_by("-is_active", "full_name", "username").distinct()


def api_token_list() -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("user", "created_by", "revoked_by").order_by(
        "revoked_at", "-created_at"
    )


def user_is_locked_out(user: User) -> bool:
    """Whether failed log-ins currently lock ``user`` out (from any address)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        username=user.username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
    ).exists()


def user_summary() -> dict:
    """Counts for Admin Desa's dashboard: active users per role, and who is locked out now."""
    per_role = dict(
        UserRole.objects.filter(user__is_active=True)
        .values("role")
        .annotate(total=Count("user", distinct=True))
        .values_list("role", "total")
    )
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    locked = sorted(
        set(
            AccessAttempt.objects.filter(
                failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
            ).values_list("username", flat=True)
        )
    )
    return {
        "active_users": User.objects.filter(is_active=True).count(),
        "inactive_users": User.objects.filter(is_active=False).count(),
        "per_role": [(role.label, per_role.get(role.value, 0)) for role in Role],
        "locked_usernames": locked,
    }


def users_with(*caps) -> QuerySet[User]:
    """Active users whose roles hold any of ``caps`` (capabilities from ``core.roles``), by name:
    the people a form may name as facilitator, coordinator or case worker."""
    from sigap.core.roles import ROLE_TABLE

    roles = [role for role, spec in ROLE_TABLE.items() if spec.capabilities & set(caps)]
    return (
        User.objects.filter(is_active=True, role_assignments__role__in=roles)
        .distinct()
        .order_by("full_name", "username")
    )
