"""The NinjaAPI root. Each app adds its router from ``<app>/api.py`` here, in the order of the
architecture's layers. OpenAPI: ``/api/openapi.json``; interactive docs: ``/api/docs``."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from ninja import NinjaAPI, Schema

from sigap.api.auth import ActiveSessionAuth, TokenAuth
from sigap.core.roles import ROLE_TABLE, Role

api = NinjaAPI(
    title="SIGAP API",
    version="1",
    description=(
        "API SIGAP untuk aplikasi lapangan dan pertukaran data. Masuk dengan sesi browser atau "
        "token (`Authorization: Bearer sgp_…`) yang diterbitkan Admin Desa."
    ),
    auth=[TokenAuth(), ActiveSessionAuth()],
    urls_namespace="api",
    # The schema and its docs are for the village team's developers: log-in required. The docs
    # page uses the Swagger UI files shipped inside django-ninja (no CDN).
    docs_decorator=login_required,
)


api.add_router("/registry", "sigap.registry.api.router")
api.add_router("/cases", "sigap.cases.api.router")
api.add_router("/programs", "sigap.programs.api.router")


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Tidak ditemukan."}, status=404)


class RoleOut(Schema):
    code: str
    name: str
    capabilities: list[str]


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[str]
    capabilities: list[str]
    dusun: str | None


@api.get("/me", response=MeOut, tags=["akun"], summary="Pengguna yang sedang masuk")
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "full_name": user.full_name,
        "roles": sorted(user.role_names),
        "capabilities": sorted(cap.value for cap in user.capabilities),
        "dusun": user.dusun.name if user.dusun_id else None,
    }


@api.get("/roles", response=list[RoleOut], tags=["akun"], summary="Tabel peran dan hak")
def roles(request):
    return [
        {
            "code": role.value,
            "name": str(role.label),
            "capabilities": sorted(cap.value for cap in ROLE_TABLE[role].capabilities),
        }
        for role in Role
    ]
