from django.conf.urls.i18n import set_language
from django.urls import include, path

from sigap.api.api import api
from sigap.core import views as core_views

urlpatterns = [
    path("", include("sigap.core.urls")),
    path("akun/", include("sigap.accounts.urls")),
    path("penduduk/", include("sigap.registry.urls")),
    path("mitra/", include("sigap.partners.urls")),
    path("kasus/", include("sigap.cases.urls")),
    path("program/", include("sigap.programs.urls")),
    path("koperasi/", include("sigap.economy.urls")),
    path("usaha/", include("sigap.enterprise.urls")),
    path("api/", api.urls),
    path("bahasa/", set_language, name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
]

handler404 = "sigap.core.errors.page_not_found"
handler403 = "sigap.core.errors.permission_denied"
handler500 = "sigap.core.errors.server_error"
