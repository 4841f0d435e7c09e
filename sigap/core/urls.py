from django.urls import path

from sigap.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit_log"),
    path("wilayah/", views.territory, name="territory"),
    path("wilayah/dusun/", views.dusun_create, name="dusun_create"),
    path("wilayah/dusun/<int:dusun_id>/", views.dusun_rename, name="dusun_rename"),
    path("wilayah/rw/", views.rw_create, name="rw_create"),
    path("wilayah/rt/", views.rt_create, name="rt_create"),
]
