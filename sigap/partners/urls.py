from django.urls import path

from sigap.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("lembaga/baru/", views.organisation_create, name="organisation_create"),
    path("lembaga/<int:organisation_id>/", views.organisation_detail, name="organisation_detail"),
    path("lembaga/<int:organisation_id>/ubah/", views.organisation_edit, name="organisation_edit"),
    path("lembaga/<int:organisation_id>/layanan/", views.service_add, name="service_add"),
    path(
        "lembaga/<int:organisation_id>/layanan/<int:service_id>/ubah/",
        views.service_edit,
        name="service_edit",
    ),
    path(
        "lembaga/<int:organisation_id>/layanan/<int:service_id>/hapus/",
        views.service_remove,
        name="service_remove",
    ),
    path("lembaga/<int:organisation_id>/narahubung/", views.contact_add, name="contact_add"),
    path(
        "lembaga/<int:organisation_id>/narahubung/<int:contact_id>/hapus/",
        views.contact_remove,
        name="contact_remove",
    ),
    path("lembaga/<int:organisation_id>/staf/", views.staff_add, name="staff_add"),
    path(
        "lembaga/<int:organisation_id>/staf/<int:staff_id>/hapus/",
        views.staff_remove,
        name="staff_remove",
    ),
]
