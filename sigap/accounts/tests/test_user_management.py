import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sigap.accounts import services
from sigap.accounts.models import User, UserRole

CREATE = reverse("accounts:user_create")


def form_data(**overrides) -> dict:
    data = {
        "username": "hana",
        "full_name": "Hana Rahmawati",
        "roles": ["kader"],
        "dusun": "",
        "phone": "0812 3456 7890",
        "email": "",
        "password": "kata-sandi-hana-2026",
    }
    data.update(overrides)
    return data


def test_the_admin_creates_a_kader_with_a_dusun(admin_client, dusun):
    response = admin_client.post(CREATE, form_data(dusun=dusun.pk))
    hana = User.objects.get(username="hana")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_detail", args=[hana.pk])
    assert hana.role_names == {"kader"}
    assert hana.dusun == dusun
    assert hana.check_password("kata-sandi-hana-2026")


def test_a_kader_without_a_dusun_is_refused_and_nothing_is_written(admin_client):
    response = admin_client.post(CREATE, form_data())
    assert response.status_code == 200
    form = response.context["form"]
    assert "Kader wajib punya dusun" in form.errors["dusun"][0]
    assert "Ada yang perlu diperbaiki" in response.content.decode()
    assert not User.objects.filter(username="hana").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", "h", "Gunakan 3–50 huruf"),
        ("username", "alice", "sudah dipakai"),
        ("roles", [], "paling sedikit satu peran"),
        ("phone", "08-12", "Nomor HP hanya berisi angka"),
        ("password", "12345678", "terlalu pendek"),
    ],
)
def test_bad_input_is_refused_beside_the_field(admin_client, personas, field, value, message):
    response = admin_client.post(CREATE, form_data(roles=["pendamping"]) | {field: value})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message.lower() in errors.lower(), response.context["form"].errors
    assert not User.objects.filter(full_name="Hana Rahmawati").exists()


def test_roles_change_and_every_change_is_kept(admin, personas):
    kader = personas["kader"]
    services.user_update(
        actor=admin,
        user=kader,
        full_name=kader.full_name,
        roles=["kader", "pendamping"],
        dusun=kader.dusun,
    )
    kader.refresh_from_db()
    assert kader.role_names == {"kader", "pendamping"}
    services.user_update(
        actor=admin, user=kader, full_name=kader.full_name, roles=["pendamping"], dusun=None
    )
    assert set(UserRole.objects.filter(user=kader).values_list("role", flat=True)) == {"pendamping"}


def test_the_admin_cannot_remove_their_own_admin_role_or_deactivate_themself(admin):
    with pytest.raises(ValidationError, match="Admin Desa Anda sendiri"):
        services.user_update(actor=admin, user=admin, full_name="A", roles=["analis"], dusun=None)
    with pytest.raises(ValidationError, match="akun Anda sendiri"):
        services.user_set_active(actor=admin, user=admin, active=False)
    admin.refresh_from_db()
    assert admin.is_active and admin.role_names == {"admin_desa"}


def test_deactivating_a_user_keeps_them_and_takes_away_every_capability(admin_client, personas):
    kader = personas["kader"]
    response = admin_client.post(
        reverse("accounts:user_set_active", args=[kader.pk]), {"active": "0"}
    )
    assert response.status_code == 302
    kader = User.objects.get(pk=kader.pk)
    assert not kader.is_active
    assert kader.capabilities == frozenset()
    listed = admin_client.get(reverse("accounts:user_list"), {"active": "0"})
    assert kader in list(listed.context["page"])


def test_the_admin_sets_a_new_password_but_not_a_weak_one(admin_client, personas):
    kader = personas["kader"]
    url = reverse("accounts:user_set_password", args=[kader.pk])
    weak = admin_client.post(url, {"password": "password123"})
    assert weak.status_code == 400
    assert "terlalu umum" in weak.content.decode()
    assert admin_client.post(url, {"password": "sandi-baru-dewi-2026"}).status_code == 302
    kader.refresh_from_db()
    assert kader.check_password("sandi-baru-dewi-2026")


def test_only_the_admin_may_use_the_services(personas):
    with pytest.raises(PermissionDenied):
        services.user_create(
            actor=personas["koordinator"],
            username="x1",
            full_name="X",
            password="kata-sandi-x-2026",
            roles=["kader"],
        )


def test_the_list_filters_by_role_and_dusun_and_searches(admin_client, personas, dusun):
    url = reverse("accounts:user_list")
    assert list(admin_client.get(url, {"role": "kader"}).context["page"]) == [personas["kader"]]
    assert list(admin_client.get(url, {"dusun": dusun.pk}).context["page"]) == [personas["kader"]]
    assert list(admin_client.get(url, {"q": "bayu"}).context["page"]) == [personas["koordinator"]]


def test_a_password_reset_is_in_the_audit_log_without_the_password(admin, personas):
    from auditlog.models import LogEntry

    services.user_set_password(actor=admin, user=personas["kader"], password="sandi-baru-dewi-2026")
    entry = LogEntry.objects.get_for_object(personas["kader"]).latest("timestamp")
    assert entry.actor == admin
    assert "sandi-baru" not in str(entry.changes)
    assert "password" in entry.changes_dict
