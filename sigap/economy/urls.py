from django.urls import path

from sigap.economy import views

app_name = "economy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("neraca-saldo/", views.trial_balance, name="trial_balance"),
    path("daftar/<int:resident_id>/", views.member_join, name="member_join"),
    path("anggota/<int:member_id>/", views.member_detail, name="member_detail"),
    path("anggota/<int:member_id>/setor/", views.deposit, name="deposit"),
    path("anggota/<int:member_id>/tarik/", views.withdraw, name="withdraw"),
    path("jurnal/<int:entry_id>/koreksi/", views.entry_reverse, name="entry_reverse"),
]
