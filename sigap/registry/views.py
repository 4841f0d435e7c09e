from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core import audit
from sigap.core.access import require_capability
from sigap.core.forms import add_service_errors
from sigap.core.htmx import is_htmx
from sigap.core.navigation import sections_for
from sigap.core.pagination import paginate
from sigap.core.roles import Cap
from sigap.core.spreadsheets import write_csv, write_xlsx
from sigap.registry import exports, nik, selectors, services
from sigap.registry.forms import HouseholdForm, LifeEventForm, ResidentForm, ResidentSearchForm
from sigap.registry.models import Membership, Resident
from sigap.registry.rules import ALL, can_edit_any, can_edit_dusun, registry_scope

VIEW = (Cap.VIEW_REGISTRY,)


def _resident_or_404(request, pk: int) -> Resident:
    resident = selectors.resident_visible_to(user=request.user, pk=pk)
    if resident is None:
        raise Http404
    return resident


def _household_or_404(request, pk: int):
    household = selectors.household_visible_to(user=request.user, pk=pk)
    if household is None:
        raise Http404
    return household


def _search_form(request: HttpRequest) -> ResidentSearchForm:
    scope = registry_scope(request.user)
    return ResidentSearchForm(
        request.GET or None, dusun_scope=None if scope == ALL else (scope or 0)
    )


@require_capability(*VIEW)
def resident_list(request: HttpRequest) -> HttpResponse:
    form = _search_form(request)
    filters = form.filters(status_given="status" in request.GET)
    residents = selectors.resident_list_visible_to(user=request.user, filters=filters)
    page = paginate(residents, request.GET.get("page"), per_page=25)
    context = {
        "form": form,
        "page": page,
        "title": _("Penduduk"),
        "can_edit": can_edit_any(request.user),
        "can_export": request.user.can(Cap.EXPORT_REGISTRY),
        "searched": bool(filters.q),
    }
    template = (
        "registry/_resident_results.html" if is_htmx(request) else "registry/resident_list.html"
    )
    return render(request, template, context)


@require_capability(*VIEW)
def resident_detail(request: HttpRequest, resident_id: int) -> HttpResponse:
    return _resident_page(request, _resident_or_404(request, resident_id))


def _resident_page(request, resident: Resident, event_form=None, status: int = 200):
    info, problem = None, ""
    if resident.nik:
        try:
            info = nik.parse_nik(resident.nik)
        except nik.NikError as exc:
            problem = str(exc)
    warnings = (
        nik.nik_warnings(info, sex=resident.sex, birth_date=resident.birth_date) if info else []
    )
    context = {
        "resident": resident,
        "title": _("Data penduduk"),
        "nik_info": info,
        "nik_region": nik.describe_region(info.region_code) if info else "",
        "nik_problem": problem,
        "nik_warnings": warnings,
        "memberships": Membership.objects.filter(resident=resident)
        .select_related("household")
        .order_by("-started_on", "-pk"),
        "events": resident.events.select_related("recorded_by")[:50],
        "can_edit": can_edit_dusun(request.user, resident.dusun),
        "event_form": event_form or LifeEventForm(),
        "sections": sections_for(request, "resident", resident),
    }
    return render(request, "registry/resident_detail.html", context, status=status)


def _resident_data(cleaned: dict) -> services.ResidentData:
    return services.ResidentData(
        **{k: v for k, v in cleaned.items() if k in services.ResidentData.__dataclass_fields__}
    )


def _resident_form_page(request, form, *, household, resident=None, warnings=None, status=200):
    context = {
        "form": form,
        "household": household,
        "resident": resident,
        "nik_warnings": warnings or [],
        "title": _("Ubah data penduduk") if resident else _("Tambah anggota keluarga"),
    }
    return render(request, "registry/resident_form.html", context, status=status)


def _save_resident(request, form, write):
    """Run ``write`` with the form's data; on NIK warnings show them for confirmation."""
    try:
        return write(_resident_data(form.cleaned_data)), None
    except services.NikWarnings as exc:
        return None, exc.warnings
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None, None


@require_capability(Cap.EDIT_REGISTRY, Cap.EDIT_REGISTRY_OWN_DUSUN)
def resident_create(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household_or_404(request, household_id)
    if not can_edit_dusun(request.user, household.dusun):
        raise Http404
    form = ResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resident, warnings = _save_resident(
            request,
            form,
            lambda data: services.resident_create(
                actor=request.user, household=household, data=data
            ),
        )
        if resident is not None:
            messages.success(request, _("%(name)s ditambahkan.") % {"name": resident.name})
            return redirect("registry:household_detail", household_id=household.pk)
        return _resident_form_page(
            request, form, household=household, warnings=warnings, status=400
        )
    return _resident_form_page(request, form, household=household)


@require_capability(Cap.EDIT_REGISTRY, Cap.EDIT_REGISTRY_OWN_DUSUN)
def resident_edit(request: HttpRequest, resident_id: int) -> HttpResponse:
    resident = _resident_or_404(request, resident_id)
    if not can_edit_dusun(request.user, resident.dusun):
        raise Http404
    initial = {name: getattr(resident, name) for name in services.RESIDENT_FIELDS}
    initial.update(nik=resident.nik or "", no_nik_reason=resident.no_nik_reason)
    form = ResidentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved, warnings = _save_resident(
            request,
            form,
            lambda data: services.resident_update(actor=request.user, resident=resident, data=data),
        )
        if saved is not None:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("registry:resident_detail", resident_id=resident.pk)
        return _resident_form_page(
            request,
            form,
            household=resident.household,
            resident=resident,
            warnings=warnings,
            status=400,
        )
    return _resident_form_page(request, form, household=resident.household, resident=resident)


@require_capability(Cap.EDIT_REGISTRY, Cap.EDIT_REGISTRY_OWN_DUSUN)
@require_POST
def life_event_create(request: HttpRequest, resident_id: int) -> HttpResponse:
    resident = _resident_or_404(request, resident_id)
    if not can_edit_dusun(request.user, resident.dusun):
        raise Http404
    form = LifeEventForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        new_household = None
        if data["new_household"]:
            new_household = selectors.household_visible_to(
                user=request.user, pk=data["new_household"]
            )
            if new_household is None:
                form.add_error("new_household", _("Keluarga dengan nomor ini tidak ditemukan."))
        if not form.errors:
            try:
                services.life_event_record(
                    actor=request.user,
                    resident=resident,
                    kind=data["kind"],
                    occurred_on=data["occurred_on"],
                    place=data["place"],
                    country=data["country"],
                    note=data["note"],
                    new_household=new_household,
                    relationship=data["relationship"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied:
                form.add_error("new_household", _("Anda tidak dapat mengubah keluarga itu."))
            else:
                messages.success(request, _("Peristiwa dicatat."))
                return redirect("registry:resident_detail", resident_id=resident.pk)
    return _resident_page(request, resident, event_form=form, status=400)


@require_capability(*VIEW)
def household_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household_or_404(request, household_id)
    members = list(selectors.household_members(household))
    context = {
        "household": household,
        "members": members,
        "title": _("Keluarga"),
        "can_edit": can_edit_dusun(request.user, household.dusun),
        "kk_warnings": _kk_warnings(household.kk_number),
        "away": sum(1 for m in members if m.whereabouts != "desa" and m.basic_status == 1),
        "sections": sections_for(request, "household", household),
    }
    return render(request, "registry/household_detail.html", context)


def _kk_warnings(number: str | None) -> list[str]:
    if not number:
        return []
    try:
        return nik.kk_warnings(nik.parse_kk(number))
    except nik.NikError as exc:
        return [str(exc)]


HOUSEHOLD_FACTS = (
    "income_band",
    "main_livelihood",
    "house_condition",
    "social_assistance",
    "dependants",
)


def _household_facts(cleaned: dict) -> dict:
    return {key: cleaned[key] for key in HOUSEHOLD_FACTS}


@require_capability(Cap.EDIT_REGISTRY, Cap.EDIT_REGISTRY_OWN_DUSUN)
def household_create(request: HttpRequest) -> HttpResponse:
    scope = registry_scope(request.user)
    form = HouseholdForm(request.POST or None, dusun_scope=None if scope == ALL else scope or 0)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            household = services.household_create(
                actor=request.user,
                dusun=data["dusun"],
                rt=data["rt"],
                kk_number=data["kk_number"],
                address=data["address"],
                **_household_facts(data),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(
                request, _("Keluarga dibuat. Tambahkan anggotanya, mulai dari kepala keluarga.")
            )
            return redirect("registry:household_detail", household_id=household.pk)
    return render(
        request,
        "registry/household_form.html",
        {"form": form, "title": _("Keluarga baru")},
        status=400 if form.errors else 200,
    )


@require_capability(Cap.EDIT_REGISTRY, Cap.EDIT_REGISTRY_OWN_DUSUN)
def household_edit(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household_or_404(request, household_id)
    if not can_edit_dusun(request.user, household.dusun):
        raise Http404
    initial = {
        "dusun": household.dusun_id,
        "rt": household.rt_id,
        "kk_number": household.kk_number or "",
        "address": household.address,
        **{key: getattr(household, key) for key in HOUSEHOLD_FACTS},
    }
    form = HouseholdForm(request.POST or None, initial=initial, dusun_scope=household.dusun_id)
    form.fields["dusun"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.household_update(
                actor=request.user,
                household=household,
                rt=data["rt"],
                kk_number=data["kk_number"],
                address=data["address"],
                **_household_facts(data),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("registry:household_detail", household_id=household.pk)
    return render(
        request,
        "registry/household_form.html",
        {"form": form, "household": household, "title": _("Ubah data keluarga")},
        status=400 if form.errors else 200,
    )


EXPORT_LIMIT = 100_000


@require_capability(Cap.EXPORT_REGISTRY)
def resident_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as XLSX or CSV: formulas neutralised, NIK masked unless the role needs
    it in full, and the export itself written to the audit log."""
    form = _search_form(request)
    if form.is_bound and not form.is_valid():
        raise Http404
    filters = form.filters(status_given="status" in request.GET)
    residents = selectors.resident_export_rows(user=request.user, filters=filters)
    count = residents.count()
    if count > EXPORT_LIMIT:
        messages.error(
            request,
            _(
                "Ekspor dibatasi %(limit)s baris; saringan ini berisi %(count)s. Persempit "
                "saringan (misalnya per dusun) lalu ekspor lagi."
            )
            % {
                "limit": number_format(EXPORT_LIMIT, force_grouping=True),
                "count": number_format(count, force_grouping=True),
            },
        )
        return redirect(f"{reverse('registry:resident_list')}?{request.GET.urlencode()}")
    full_nik = request.user.can(Cap.EXPORT_FULL_NIK)
    header, rows = exports.resident_table(residents, full_nik=full_nik)
    kind = "csv" if request.GET.get("format") == "csv" else "xlsx"
    audit.log_export(
        actor=request.user,
        obj=request.user,
        what=f"penduduk ({kind})",
        rows=count,
        filters={k: v for k, v in request.GET.items() if k != "format"},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if kind == "csv":
        response = HttpResponse(write_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            write_xlsx(header, rows, sheet="Penduduk"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="penduduk-{stamp}.{kind}"'
    return response
