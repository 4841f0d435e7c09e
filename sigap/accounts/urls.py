from django.urls import path

from sigap.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.login, name="login"),
    path("keluar/", views.logout, name="logout"),
    path("kata-sandi/", views.password_change, name="password_change"),
    path("kata-sandi/selesai/", views.password_change_done, name="password_change_done"),
    path("pengguna/", views.user_list, name="user_list"),
    path("pengguna/baru/", views.user_create, name="user_create"),
    path("pengguna/<int:user_id>/", views.user_detail, name="user_detail"),
    path("pengguna/<int:user_id>/aktif/", views.user_set_active, name="user_set_active"),
    path("pengguna/<int:user_id>/kata-sandi/", views.user_set_password, name="user_set_password"),
    path("pengguna/<int:user_id>/buka-kunci/", views.user_unlock, name="user_unlock"),
    path("token-api/", views.token_list, name="token_list"),
    path("token-api/<int:token_id>/cabut/", views.token_revoke, name="token_revoke"),
]
