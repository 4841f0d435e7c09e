from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sigap.accounts import selectors, services
from sigap.accounts.forms import (
    ApiTokenForm,
    LoginForm,
    SetPasswordForm,
    SigapPasswordChangeForm,
    UserCreateForm,
    UserUpdateForm,
)
from sigap.accounts.models import ApiToken, User
from sigap.core.access import require_capability
from sigap.core.forms import add_service_errors
from sigap.core.models import Dusun
from sigap.core.pagination import paginate
from sigap.core.roles import ROLE_TABLE, Cap, Role

login = auth_views.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    form_class=SigapPasswordChangeForm,
    success_url=reverse_lazy("accounts:password_change_done"),
    extra_context={"title": gettext_lazy("Ganti kata sandi")},
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html",
)


@require_capability(Cap.MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    active_param = request.GET.get("active", "1")
    active = {"1": True, "0": False}.get(active_param)
    dusun_param = request.GET.get("dusun", "")
    users = selectors.user_list(
        search=request.GET.get("q", "").strip(),
        role=request.GET.get("role", "") if request.GET.get("role") in Role.values else "",
        active=active,
        dusun_id=int(dusun_param) if dusun_param.isdigit() else None,
    )
    page = paginate(users, request.GET.get("page"), per_page=25)
    return render(
        request,
        "accounts/user_list.html",
        {
            "page": page,
            "roles": Role.choices,
            "dusun_list": Dusun.objects.order_by("name"),
            "filters": request.GET,
            "active_param": active_param,
        },
    )


def _user_initial(user: User) -> dict:
    return {
        "full_name": user.full_name,
        "roles": sorted(user.role_names),
        "dusun": user.dusun_id,
        "phone": user.phone,
        "email": user.email,
    }


@require_capability(Cap.MANAGE_USERS)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Pengguna %(name)s dibuat.") % {"name": user.full_name})
            return redirect("accounts:user_detail", user_id=user.pk)
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "title": _("Tambah pengguna"), "role_table": ROLE_TABLE.values()},
    )


@require_capability(Cap.MANAGE_USERS)
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = get_object_or_404(User.objects.select_related("dusun"), pk=user_id)
    form = UserUpdateForm(request.POST or None, initial=_user_initial(subject))
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=subject, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("accounts:user_detail", user_id=subject.pk)
    locked = selectors.user_is_locked_out(subject)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "subject": subject,
            "form": form,
            "password_form": SetPasswordForm(),
            "locked": locked,
            "title": subject.full_name,
            "role_table": ROLE_TABLE.values(),
        },
    )


@require_capability(Cap.MANAGE_USERS)
@require_POST
def user_set_active(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = get_object_or_404(User, pk=user_id)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(actor=request.user, user=subject, active=active)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if active:
            messages.success(request, _("Akun %(name)s diaktifkan.") % {"name": subject})
        else:
            messages.success(request, _("Akun %(name)s dinonaktifkan.") % {"name": subject})
    return redirect("accounts:user_detail", user_id=subject.pk)


@require_capability(Cap.MANAGE_USERS)
@require_POST
def user_set_password(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = get_object_or_404(User, pk=user_id)
    form = SetPasswordForm(request.POST)
    if form.is_valid():
        try:
            services.user_set_password(
                actor=request.user, user=subject, password=form.cleaned_data["password"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kata sandi baru disimpan."))
            return redirect("accounts:user_detail", user_id=subject.pk)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "subject": subject,
            "form": UserUpdateForm(initial=_user_initial(subject)),
            "password_form": form,
            "title": subject.full_name,
            "role_table": ROLE_TABLE.values(),
        },
        status=400,
    )


@require_capability(Cap.MANAGE_USERS)
@require_POST
def user_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = get_object_or_404(User, pk=user_id)
    services.user_unlock(actor=request.user, user=subject)
    messages.success(request, _("Kunci akun %(name)s dibuka.") % {"name": subject})
    return redirect("accounts:user_detail", user_id=subject.pk)


@require_capability(Cap.MANAGE_API_TOKENS)
def token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        expires = form.cleaned_data["expires_at"]
        expires_at = timezone.make_aware(datetime.combine(expires, time.max)) if expires else None
        try:
            token, new_key = services.api_token_issue(
                actor=request.user,
                user=form.cleaned_data["user"],
                name=form.cleaned_data["name"],
                expires_at=expires_at,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = ApiTokenForm()
            messages.success(request, _("Token %(name)s dibuat.") % {"name": token.name})
    page = paginate(selectors.api_token_list(), request.GET.get("page"), per_page=25)
    return render(
        request,
        "accounts/token_list.html",
        {"form": form, "page": page, "new_key": new_key, "title": _("Token API")},
        status=400 if form.errors else 200,
    )


@require_capability(Cap.MANAGE_API_TOKENS)
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token %(name)s dicabut.") % {"name": token.name})
    return redirect("accounts:token_list")
