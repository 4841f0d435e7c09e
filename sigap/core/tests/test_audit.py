from datetime import timedelta

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from sigap.accounts import services
from sigap.accounts.models import User
from sigap.core.audit import MASK, log_view
from tests.secret_note import SecretNote


def entries_for(obj):
    return LogEntry.objects.get_for_object(obj).order_by("pk")


def test_creating_a_user_through_the_page_is_logged_with_the_actor(admin_client, admin, dusun):
    response = admin_client.post(
        reverse("accounts:user_create"),
        {
            "username": "hana",
            "full_name": "Hana Kader",
            "roles": ["kader"],
            "dusun": dusun.pk,
            "password": "kata-sandi-hana-2026",
        },
    )
    assert response.status_code == 302
    hana = User.objects.get(username="hana")
    entry = entries_for(hana).first()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == admin
    assert entry.changes_dict["full_name"] == ["None", "Hana Kader"]
    assert "password" not in entry.changes_dict


def test_an_update_records_the_diff(admin, personas):
    kader = personas["kader"]
    services.user_update(
        actor=admin,
        user=kader,
        full_name="Dewi Lestari",
        roles=["kader"],
        dusun=kader.dusun,
    )
    entry = entries_for(kader).filter(action=LogEntry.Action.UPDATE).last()
    assert entry.changes_dict["full_name"] == ["Dewi Kader", "Dewi Lestari"]


def test_deleting_a_record_is_logged(admin, personas):
    role = personas["kader"].role_assignments.get()
    pk = role.pk
    role.delete()
    ct = ContentType.objects.get_for_model(role)
    assert LogEntry.objects.filter(
        content_type=ct, object_pk=str(pk), action=LogEntry.Action.DELETE
    ).exists()


def test_encrypted_fields_never_appear_in_a_diff(db):
    note = SecretNote.objects.create(title="sesi", body="dipukul majikan di Riyadh")
    note.body = "paspor ditahan agen"
    note.save()
    for entry in entries_for(note):
        text = str(entry.changes)
        assert "Riyadh" not in text and "paspor" not in text and "majikan" not in text
    update = entries_for(note).filter(action=LogEntry.Action.UPDATE).get()
    assert update.changes_dict["body"] == [MASK, MASK]


def test_a_view_can_be_logged_with_a_reason(personas):
    pendamping = personas["pendamping"]
    note = SecretNote.objects.create(title="kasus", body="rahasia")
    log_view(actor=pendamping, obj=note, reason="darurat: penyintas hilang")
    entry = entries_for(note).filter(action=LogEntry.Action.ACCESS).get()
    assert entry.actor == pendamping
    assert entry.additional_data == {"reason": "darurat: penyintas hilang"}


def test_the_audit_page_filters_by_person_record_and_date(admin_client, admin, personas):
    kader = personas["kader"]
    services.user_update(
        actor=admin, user=kader, full_name="Dewi Baru", roles=["kader"], dusun=kader.dusun
    )
    url = reverse("core:audit_log")
    ct = ContentType.objects.get_for_model(User)

    page = admin_client.get(url, {"content_type": ct.pk, "object_id": kader.pk})
    entries = list(page.context["page"])
    assert entries and all(e.object_pk == str(kader.pk) for e in entries)
    assert "Dewi Baru" in page.content.decode()

    outsider_entries = admin_client.get(url, {"actor": personas["outsider"].username}).context[
        "page"
    ]
    assert list(outsider_entries) == []

    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert list(admin_client.get(url, {"date_from": tomorrow}).context["page"]) == []
    today = timezone.localdate().isoformat()
    assert len(admin_client.get(url, {"date_from": today, "date_to": today}).context["page"]) > 0


def test_the_audit_page_refuses_a_reversed_date_range(admin_client):
    response = admin_client.get(
        reverse("core:audit_log"), {"date_from": "2026-11-20", "date_to": "2026-11-01"}
    )
    assert response.status_code == 400
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in response.content.decode()


def test_an_unknown_username_in_the_filter_is_named_in_the_error(admin_client):
    response = admin_client.get(reverse("core:audit_log"), {"actor": "siapa"})
    assert response.status_code == 400
    assert "Tidak ada pengguna dengan nama pengguna “siapa”" in response.content.decode()


def test_the_audit_page_shows_related_records_by_name_in_a_fixed_number_of_queries(
    admin_client, admin, personas, other_dusun, django_assert_max_num_queries
):
    for person in ("kader", "pendamping", "koordinator"):
        services.user_update(
            actor=admin,
            user=personas[person],
            full_name=personas[person].full_name,
            roles=["kader"],
            dusun=other_dusun,
        )
    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse("core:audit_log"))
    html = response.content.decode()
    assert "Dasan Baru" in html  # the new dusun, by name, not by its id
