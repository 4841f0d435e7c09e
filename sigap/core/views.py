from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from sigap.core import selectors, services
from sigap.core.access import require_capability
from sigap.core.audit import changes_for_display
from sigap.core.forms import DusunForm, RtForm, RwForm, add_service_errors
from sigap.core.models import Dusun, Village
from sigap.core.navigation import panels_for
from sigap.core.pagination import paginate
from sigap.core.roles import Cap


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"panels": panels_for(request)})


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For monitors and load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        required=False,
        help_text=_("Nama pengguna (bukan nama lengkap) orang yang bertindak."),
    )
    content_type = forms.ModelChoiceField(
        label=_("Jenis data"),
        queryset=ContentType.objects.none(),
        required=False,
        empty_label=_("Semua jenis data"),
    )
    object_id = forms.RegexField(
        label=_("ID data"),
        regex=r"^[0-9A-Za-z-]{1,64}$",
        required=False,
        error_messages={"invalid": _("ID data hanya berisi angka atau huruf.")},
    )
    action = forms.TypedChoiceField(
        label=_("Tindakan"),
        choices=[("", _("Semua"))] + list(LogEntry.Action.choices),
        coerce=int,
        required=False,
        empty_value=None,
    )
    date_from = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content_type"].queryset = selectors.audited_content_types()
        self.fields["content_type"].label_from_instance = lambda ct: (
            f"{ct.model_class()._meta.verbose_name} ({ct.app_label})"
            if ct.model_class()
            else ct.model
        )

    def clean_actor(self):
        username = self.cleaned_data["actor"].strip().lower()
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(
                _("Tidak ada pengguna dengan nama pengguna “%(name)s”.") % {"name": username}
            )
        return user

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


@require_capability(Cap.VIEW_AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    entries = LogEntry.objects.none()
    if not request.GET or form.is_valid():
        data = form.cleaned_data if request.GET else {}
        actor, content_type = data.get("actor"), data.get("content_type")
        entries = selectors.audit_log_list(
            actor_id=actor.pk if actor else None,
            content_type_id=content_type.pk if content_type else None,
            object_id=data.get("object_id") or "",
            action=data.get("action"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
    page = paginate(entries, request.GET.get("page"), per_page=50)
    changes = changes_for_display(page.object_list)
    rows = [(entry, changes[entry.pk]) for entry in page]
    return render(
        request,
        "core/audit_log.html",
        {"form": form, "page": page, "rows": rows, "title": _("Log audit")},
        status=400 if form.errors else 200,
    )


def _village_from(request: HttpRequest) -> Village | None:
    villages = selectors.village_list()
    code = request.GET.get("desa") or request.POST.get("desa")
    if code:
        return get_object_or_404(villages, code=code)
    return villages.first()


def _territory_page(request: HttpRequest, village: Village | None, forms_: dict, status=200):
    context = {
        "title": _("Wilayah desa"),
        "village": village,
        "villages": selectors.village_list(),
        "dusun_list": selectors.territory_of(village) if village else [],
        "dusun_form": forms_.get("dusun") or DusunForm(),
        "rw_form": forms_.get("rw") or RwForm(village=village),
        "rt_form": forms_.get("rt") or RtForm(village=village),
    }
    return render(request, "core/territory.html", context, status=status)


@require_capability(Cap.VIEW_VILLAGE, Cap.MANAGE_VILLAGE)
def territory(request: HttpRequest) -> HttpResponse:
    return _territory_page(request, _village_from(request), {})


def _territory_write(request: HttpRequest, key: str, form, write) -> HttpResponse:
    village = _village_from(request)
    if village is None:
        raise Http404
    if form.is_valid():
        try:
            obj = write(village, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(thing)s disimpan.") % {"thing": obj})
            return redirect(f"{reverse('core:territory')}?desa={village.code}")
    return _territory_page(request, village, {key: form}, status=400)


@require_capability(Cap.MANAGE_VILLAGE)
@require_POST
def dusun_create(request: HttpRequest) -> HttpResponse:
    return _territory_write(
        request,
        "dusun",
        DusunForm(request.POST),
        lambda village, data: services.dusun_create(
            actor=request.user, village=village, name=data["name"]
        ),
    )


@require_capability(Cap.MANAGE_VILLAGE)
@require_POST
def dusun_rename(request: HttpRequest, dusun_id: int) -> HttpResponse:
    dusun = get_object_or_404(Dusun.objects.select_related("village"), pk=dusun_id)
    form = DusunForm(request.POST)
    if form.is_valid():
        try:
            services.dusun_rename(actor=request.user, dusun=dusun, name=form.cleaned_data["name"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Nama dusun diubah."))
    else:
        messages.error(request, _("Nama dusun wajib diisi."))
    return redirect(f"{reverse('core:territory')}?desa={dusun.village.code}")


@require_capability(Cap.MANAGE_VILLAGE)
@require_POST
def rw_create(request: HttpRequest) -> HttpResponse:
    village = _village_from(request)
    return _territory_write(
        request,
        "rw",
        RwForm(request.POST, village=village),
        lambda village, data: services.rw_create(
            actor=request.user, dusun=data["dusun"], number=data["number"]
        ),
    )


@require_capability(Cap.MANAGE_VILLAGE)
@require_POST
def rt_create(request: HttpRequest) -> HttpResponse:
    village = _village_from(request)
    return _territory_write(
        request,
        "rt",
        RtForm(request.POST, village=village),
        lambda village, data: services.rt_create(
            actor=request.user, rw=data["rw"], number=data["number"]
        ),
    )
