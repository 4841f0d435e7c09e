from django.urls import path

from sigap.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.resident_list, name="resident_list"),
    path("ekspor/", views.resident_export, name="resident_export"),
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
