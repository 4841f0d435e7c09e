"""Directory records for tests, made through the real services."""

from sigap.accounts.services import user_create
from sigap.core.roles import Role
from sigap.partners import services
from sigap.partners.services import OrganisationData

PASSWORD = "kata-sandi-uji-2026"


def organisation(actor, name="UPTD PPA Lombok Barat", kind="uptd_ppa", **facts):
    return services.organisation_create(
        actor=actor, data=OrganisationData(name=name, kind=kind, **facts)
    )


def service(actor, organisation, name="Konseling psikologis", area="psikososial", **more):
    return services.service_add(
        actor=actor, organisation=organisation, area=area, name=name, **more
    )


def mitra_user(actor, username="hana", full_name="Hana Mitra"):
    """Another active user with the Mitra role (the personas hold one already)."""
    return user_create(
        actor=actor,
        username=username,
        full_name=full_name,
        password=PASSWORD,
        roles=[Role.MITRA.value],
    )
