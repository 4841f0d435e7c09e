"""Registry API: the same selectors and scope as the pages (a Kader's token sees their dusun)."""

from datetime import date

from django.http import Http404
from ninja import Query, Router, Schema

from sigap.core.pagination import paginate
from sigap.registry import selectors
from sigap.registry.rules import registry_scope

router = Router(tags=["penduduk"])


class ResidentOut(Schema):
    id: int
    name: str
    nik: str | None
    temp_number: str | None
    sex: str
    birth_date: date | None
    dusun: str
    household_id: int | None
    whereabouts: str
    abroad_country: str
    basic_status: int


class ResidentPage(Schema):
    page: int
    has_next: bool
    results: list[ResidentOut]


class ResidentQuery(Schema):
    q: str = ""
    dusun_id: int | None = None
    sex: str = ""
    age_band: str = ""
    whereabouts: str = ""
    page: int = 1


def _out(resident) -> dict:
    return {
        "id": resident.pk,
        "name": resident.name,
        "nik": resident.nik,
        "temp_number": resident.temp_number,
        "sex": resident.sex,
        "birth_date": resident.birth_date,
        "dusun": resident.dusun.name,
        "household_id": resident.household_id,
        "whereabouts": resident.whereabouts,
        "abroad_country": resident.abroad_country,
        "basic_status": resident.basic_status,
    }


def _check(request) -> None:
    if registry_scope(request.auth) is None:
        raise Http404


@router.get("/residents", response=ResidentPage, summary="Cari penduduk (nama, NIK, No. KK)")
def resident_search(request, query: Query[ResidentQuery]):
    _check(request)
    filters = selectors.ResidentFilters(
        q=query.q,
        dusun_id=query.dusun_id,
        sex=query.sex,
        age_band=query.age_band,
        whereabouts=query.whereabouts,
    )
    residents = selectors.resident_list_visible_to(user=request.auth, filters=filters)
    page = paginate(residents, str(query.page), per_page=50)
    return {
        "page": page.number,
        "has_next": page.has_next,
        "results": [_out(r) for r in page],
    }


@router.get("/residents/{resident_id}", response=ResidentOut, summary="Satu penduduk")
def resident_get(request, resident_id: int):
    _check(request)
    resident = selectors.resident_visible_to(user=request.auth, pk=resident_id)
    if resident is None:
        raise Http404
    return _out(resident)
