from django.urls import path

from sigap.registry import views, views_import

app_name = "registry"

urlpatterns = [
    path("", views.resident_list, name="resident_list"),
    path("ekspor/", views.resident_export, name="resident_export"),
    path("impor/", views_import.import_start, name="import_start"),
    path("impor/templat.xlsx", views_import.import_template, name="import_template"),
    path("impor/<int:batch_id>/", views_import.import_detail, name="import_detail"),
    path("impor/<int:batch_id>/simpan/", views_import.import_commit, name="import_commit"),
    path("impor/<int:batch_id>/masalah.xlsx", views_import.import_problems, name="import_problems"),
    path("orang/<int:resident_id>/", views.resident_detail, name="resident_detail"),
    path("orang/<int:resident_id>/ubah/", views.resident_edit, name="resident_edit"),
    path("orang/<int:resident_id>/peristiwa/", views.life_event_create, name="life_event_create"),
    path("keluarga/baru/", views.household_create, name="household_create"),
    path("keluarga/<int:household_id>/", views.household_detail, name="household_detail"),
    path("keluarga/<int:household_id>/ubah/", views.household_edit, name="household_edit"),
    path(
        "keluarga/<int:household_id>/anggota-baru/",
        views.resident_create,
        name="resident_create",
    ),
]
