from django.urls import path

from sigap.enterprise import views

app_name = "enterprise"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("baru/", views.group_create, name="group_create"),
    path("belum-terjangkau/", views.unreached, name="unreached"),
    path("<int:group_id>/", views.group_detail, name="group_detail"),
    path("<int:group_id>/ubah/", views.group_edit, name="group_edit"),
    path("<int:group_id>/anggota/", views.member_add, name="member_add"),
    path("<int:group_id>/dana/", views.funding_add, name="funding_add"),
    path("<int:group_id>/omzet/", views.figure_record, name="figure_record"),
    path("<int:group_id>/kunjungan/", views.visit_add, name="visit_add"),
    path("penduduk/<int:resident_id>/gabung/", views.member_join, name="member_join"),
    path("anggota/<int:member_id>/keluar/", views.member_leave, name="member_leave"),
    path("penghasilan/<int:income_id>/", views.income_update, name="income_update"),
    path("omzet/<int:figure_id>/perbaiki/", views.figure_correct, name="figure_correct"),
]
