from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.core.access import require_capability
from sigap.core.forms import add_service_errors
from sigap.core.htmx import is_htmx
from sigap.core.pagination import paginate
from sigap.core.roles import Cap
from sigap.partners import selectors, services
from sigap.partners.forms import (
    ContactForm,
    OrganisationForm,
    OrganisationSearchForm,
    ServiceForm,
    StaffForm,
)
from sigap.partners.models import ContactPoint, Organisation, Service, Staff

VIEW = (Cap.VIEW_PARTNERS,)
MANAGE = (Cap.MANAGE_PARTNERS,)


def _organisation_or_404(pk: int) -> Organisation:
    organisation = selectors.organisation_detail(pk)
    if organisation is None:
        raise Http404
    return organisation


@require_capability(*VIEW)
def organisation_list(request: HttpRequest) -> HttpResponse:
    can_manage = request.user.can(Cap.MANAGE_PARTNERS)
    form = OrganisationSearchForm(request.GET or None)
    filters = form.filters()
    organisations = selectors.organisation_list(**filters, include_inactive=can_manage)
    page = paginate(organisations, request.GET.get("page"), per_page=25)
    areas = selectors.need_areas_by_organisation([o.pk for o in page])
    for organisation in page:
        organisation.need_areas = areas.get(organisation.pk, [])
    context = {
        "form": form,
        "page": page,
        "title": _("Layanan mitra"),
        "can_manage": can_manage,
        "searched": any(filters.values()),
    }
    template = (
        "partners/_organisation_results.html"
        if is_htmx(request)
        else "partners/organisation_list.html"
    )
    return render(request, template, context)


@require_capability(*VIEW)
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    return _organisation_page(request, _organisation_or_404(organisation_id))


def _staff_form(data=None) -> StaffForm:
    return StaffForm(data, prefix="staff", candidates=selectors.mitra_users_without_organisation())


def _organisation_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    service_form: ServiceForm | None = None,
    contact_form: ContactForm | None = None,
    staff_form: StaffForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    """The organisation page; managers also get the staff list and the forms (bound, with their
    errors, after a refused POST)."""
    can_manage = request.user.can(Cap.MANAGE_PARTNERS)
    context = {
        "organisation": organisation,
        "title": _("Lembaga mitra"),
        "services": organisation.services.all(),
        "contacts": organisation.contacts.all(),
        "is_own": selectors.organisation_of(request.user) == organisation,
        "can_manage": can_manage,
        "problem": problem,
    }
    if can_manage:
        staff_form = staff_form or _staff_form()
        context.update(
            staff=selectors.organisation_staff(organisation),
            service_form=service_form or ServiceForm(prefix="service"),
            contact_form=contact_form or ContactForm(prefix="contact"),
            staff_form=staff_form,
            has_candidates=len(staff_form.fields["user"].widget.choices) > 1,
        )
    return render(request, "partners/organisation_detail.html", context, status=status)


def _organisation_form_page(request, form, *, organisation=None, status=200) -> HttpResponse:
    context = {
        "form": form,
        "organisation": organisation,
        "title": _("Ubah data lembaga") if organisation else _("Lembaga baru"),
    }
    return render(request, "partners/organisation_form.html", context, status=status)


@require_capability(*MANAGE)
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                actor=request.user, data=form.data_for_service()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s ditambahkan. Tambahkan layanan dan narahubungnya.")
                % {"name": organisation.name},
            )
            return redirect("partners:organisation_detail", organisation_id=organisation.pk)
    return _organisation_form_page(request, form, status=400 if form.errors else 200)


@require_capability(*MANAGE)
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation_or_404(organisation_id)
    initial = {
        field: getattr(organisation, field)
        for field in (
            "name",
            "kind",
            "area",
            "address",
            "phone",
            "email",
            "opening_hours",
            "notes",
            "is_active",
        )
    }
    form = OrganisationForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, data=form.data_for_service()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("partners:organisation_detail", organisation_id=organisation.pk)
    return _organisation_form_page(
        request, form, organisation=organisation, status=400 if form.errors else 200
    )


@require_capability(*MANAGE)
@require_POST
def service_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation_or_404(organisation_id)
    form = ServiceForm(request.POST, prefix="service")
    if form.is_valid():
        try:
            service = services.service_add(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Layanan “%(name)s” ditambahkan.") % {"name": service.name})
            return redirect("partners:organisation_detail", organisation_id=organisation.pk)
    return _organisation_page(request, organisation, service_form=form, status=400)


@require_capability(*MANAGE)
def service_edit(request: HttpRequest, organisation_id: int, service_id: int) -> HttpResponse:
    organisation = _organisation_or_404(organisation_id)
    service = get_object_or_404(Service, pk=service_id, organisation=organisation)
    initial = {f: getattr(service, f) for f in ("area", "name", "description", "is_free")}
    form = ServiceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(actor=request.user, service=service, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("partners:organisation_detail", organisation_id=organisation.pk)
    return render(
        request,
        "partners/service_form.html",
        {
            "form": form,
            "organisation": organisation,
            "service": service,
            "title": _("Ubah layanan"),
        },
        status=400 if form.errors else 200,
    )


@require_capability(*MANAGE)
@require_POST
def service_remove(request: HttpRequest, organisation_id: int, service_id: int) -> HttpResponse:
    organisation = _organisation_or_404(organisation_id)
    service = get_object_or_404(Service, pk=service_id, organisation=organisation)
    try:
        services.service_remove(actor=request.user, service=service)
    except ValidationError as exc:
        return _organisation_page(request, organisation, problem=" ".join(exc.messages), status=400)
    messages.success(request, _("Layanan “%(name)s” dihapus.") % {"name": service.name})
    return redirect("partners:organisation_detail", organisation_id=organisation.pk)


@require_capability(*MANAGE)
@require_POST
def contact_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation_or_404(organisation_id)
    form = ContactForm(request.POST, prefix="contact")
    if form.is_valid():
        try:
            contact = services.contact_add(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Narahubung %(name)s ditambahkan.") % {"name": contact.name}
            )
            return redirect("partners:organisation_detail", organisation_id=organisation.pk)
    return _organisation_page(request, organisation, contact_form=form, status=400)


@require_capability(*MANAGE)
@require_POST
def contact_remove(request: HttpRequest, organisation_id: int, contact_id: int) -> HttpResponse:
    organisation = _organisation_or_404(organisation_id)
    contact = get_object_or_404(ContactPoint, pk=contact_id, organisation=organisation)
    services.contact_remove(actor=request.user, contact=contact)
    messages.success(request, _("Narahubung %(name)s dihapus.") % {"name": contact.name})
    return redirect("partners:organisation_detail", organisation_id=organisation.pk)


@require_capability(*MANAGE)
@require_POST
def staff_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _organisation_or_404(organisation_id)
    form = _staff_form(request.POST)
    if form.is_valid():
        try:
            staff = services.staff_add(
                actor=request.user, organisation=organisation, user=form.cleaned_data["user"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s sekarang staf lembaga ini.")
                % {"name": staff.user.full_name or staff.user.username},
            )
            return redirect("partners:organisation_detail", organisation_id=organisation.pk)
    return _organisation_page(request, organisation, staff_form=form, status=400)


@require_capability(*MANAGE)
@require_POST
def staff_remove(request: HttpRequest, organisation_id: int, staff_id: int) -> HttpResponse:
    organisation = _organisation_or_404(organisation_id)
    staff = get_object_or_404(
        Staff.objects.select_related("user"), pk=staff_id, organisation=organisation
    )
    services.staff_remove(actor=request.user, staff=staff)
    messages.success(
        request,
        _("%(name)s tidak lagi menjadi staf lembaga ini.")
        % {"name": staff.user.full_name or staff.user.username},
    )
    return redirect("partners:organisation_detail", organisation_id=organisation.pk)
