"""Reads of the service directory.

The directory holds no personal data of the people served: every role with
``Cap.VIEW_PARTNERS`` reads all of it. Which users are staff of an organisation is shown only to
those who manage the directory (the pages decide that).
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from sigap.accounts.models import User
from sigap.core.roles import Role
from sigap.partners.models import ContactPoint, NeedArea, Organisation, Service, Staff


def organisation_list(
    *, q: str = "", kind: str = "", area: str = "", include_inactive: bool = False
) -> QuerySet[Organisation]:
    """Organisations by name, each with ``service_count``, searched by a part of the name,
    filtered by kind and by an area of need (organisations with a service in it). Unknown kinds
    and areas are ignored. Inactive organisations only with ``include_inactive``."""
    organisations = Organisation.objects.all()
    if not include_inactive:
        organisations = organisations.filter(is_active=True)
    query = " ".join((q or "").split())
    if query:
        for word in query.split(" "):
            organisations = organisations.filter(name__icontains=word)
    if kind in Organisation.Kind.values:
        organisations = organisations.filter(kind=kind)
    if area in NeedArea.values:
        # EXISTS, not a join: a join would repeat the organisation once per matching service.
        organisations = organisations.filter(
            Exists(Service.objects.filter(organisation=OuterRef("pk"), area=area))
        )
    return organisations.annotate(service_count=Count("services")).order_by("name", "pk")


def need_areas_by_organisation(organisation_ids: list[int]) -> dict[int, list[NeedArea]]:
    """The areas of need each organisation serves, in the areas' own order: one query for a
    whole page of the list."""
    rows = (
        Service.objects.filter(organisation_id__in=organisation_ids)
        .values_list("organisation_id", "area")
        .distinct()
    )
    found: dict[int, set[str]] = {}
    for organisation_id, area in rows:
        found.setdefault(organisation_id, set()).add(area)
    return {pk: [a for a in NeedArea if a.value in areas] for pk, areas in found.items()}


def organisation_detail(pk: int) -> Organisation | None:
    """One organisation with its services (by area, then name) and contacts prefetched; None
    when there is no such organisation."""
    return (
        Organisation.objects.filter(pk=pk)
        .prefetch_related(
            Prefetch("services", queryset=Service.objects.order_by("area", "name", "pk")),
            Prefetch("contacts", queryset=ContactPoint.objects.order_by("name", "pk")),
        )
        .first()
    )


def organisation_staff(organisation: Organisation) -> QuerySet[Staff]:
    """The organisation's staff links with their users, by name."""
    return (
        Staff.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__username")
    )


def services_for(area: str | None = None) -> QuerySet[Service]:
    """The services that may receive a referral: those of active organisations, in ``area``
    when given (None or "" for all), with the organisation selected, ordered by organisation
    then service name."""
    services = Service.objects.filter(organisation__is_active=True).select_related("organisation")
    if area:
        services = services.filter(area=area)
    return services.order_by("organisation__name", "name", "pk")


def organisation_of(user) -> Organisation | None:
    """The organisation ``user`` is staff of (active or not), or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Organisation.objects.filter(staff__user=user).first()


def mitra_users_without_organisation() -> QuerySet[User]:
    """Active users with the Mitra role who are not yet staff of any organisation: the ones that
    can be added as staff."""
    return (
        User.objects.filter(is_active=True, role_assignments__role=Role.MITRA)
        .filter(organisation_staff__isnull=True)
        .distinct()
        .order_by("full_name", "username")
    )
