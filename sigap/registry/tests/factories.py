"""Registry records for tests, made through the real services."""

from datetime import date

from sigap.registry import services
from sigap.registry.services import ResidentData


def household(actor, dusun, kk_number="", **facts):
    return services.household_create(actor=actor, dusun=dusun, kk_number=kk_number, **facts)


def resident(actor, household, name, *, sex="L", nik="", birth_date=None, relationship=4, **more):
    data = ResidentData(
        name=name,
        sex=sex,
        nik=nik,
        no_nik_reason="" if nik else "belum_terdaftar",
        birth_date=birth_date,
        relationship=relationship,
        **more,
    )
    return services.resident_create(actor=actor, household=household, data=data)


def family(actor, dusun, *, kk="5201011503150003"):
    """A household with a father, a mother and a daughter, NIKs consistent with their data."""
    home = household(actor, dusun, kk_number=kk, address="Jl. Bermi")
    father = resident(
        actor,
        home,
        "Lalu Muhammad Saleh",
        nik="5201010706900001",
        birth_date=date(1990, 6, 7),
        relationship=1,
    )
    mother = resident(
        actor,
        home,
        "Baiq Siti Aminah",
        sex="P",
        nik="5201014708920002",
        birth_date=date(1992, 8, 7),
        relationship=3,
    )
    daughter = resident(
        actor,
        home,
        "Nurul Hidayati",
        sex="P",
        nik="5201015505150003",
        birth_date=date(2015, 5, 15),
        relationship=4,
    )
    return home, father, mother, daughter
