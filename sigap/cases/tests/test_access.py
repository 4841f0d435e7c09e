"""Who sees a case: its Pendamping(s) and Koordinator; a break-glass view with a reason; the
Mitra only the referral's part, and only after accepting. Everyone else, Admin Desa included,
gets 404 on the page, the list and the search; every view is audited."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from conftest import login_client
from sigap.cases import services
from sigap.cases.models import Case
from sigap.cases.tests.conftest import consent_all
from sigap.core.selectors import audit_log_list, audited_content_types

pytestmark = pytest.mark.django_db

TEAM = ("pendamping", "koordinator")
NOT_TEAM = ("admin_desa", "kader", "pengurus_koperasi", "mitra", "analis", "outsider")


@pytest.mark.parametrize("who", TEAM + NOT_TEAM)
def test_case_page_list_and_search(who, case, personas):
    client = login_client(personas[who])
    page = client.get(reverse("cases:case_detail", args=[case.pk]))
    listing = client.get(reverse("cases:case_list"), {"q": "nurul hidayat", "stage": ""})
    by_code = client.get(reverse("cases:case_list"), {"q": case.code, "stage": ""})
    if who in TEAM:
        assert page.status_code == 200
        assert case.resident.name in page.content.decode()
        assert case.code in listing.content.decode()
        assert case.code in by_code.content.decode()
    else:
        # None of these roles works cases: the list itself is not theirs.
        assert (page.status_code, listing.status_code, by_code.status_code) == (404, 404, 404)


def test_another_pendamping_gets_404_everywhere(case, other_pendamping):
    client = login_client(other_pendamping)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    for query in ({"stage": ""}, {"q": case.code, "stage": ""}, {"q": "nurul", "stage": ""}):
        listing = client.get(reverse("cases:case_list"), query, headers={"HX-Request": "true"})
        assert listing.status_code == 200 and case.code not in listing.content.decode()
    assert client.get(reverse("cases:assessment_edit", args=[case.pk])).status_code == 404
    response = client.post(reverse("cases:case_transition", args=[case.pk]), {"action": "x"})
    assert response.status_code == 404


def test_break_glass_opens_the_case_for_an_hour_with_a_logged_reason(case, other_pendamping):
    client = login_client(other_pendamping)
    url = reverse("cases:break_glass", args=[case.pk])
    assert client.post(url, {"reason": "singkat"}).status_code == 400
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    response = client.post(url, {"reason": "Korban menelepon minta tolong, pendampingnya cuti."})
    assert response.status_code == 302
    page = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert page.status_code == 200
    assert 'data-testid="break-glass-banner"' in page.content.decode()
    # Reading, not working: the break-glass user cannot write.
    response = client.post(reverse("cases:case_transition", args=[case.pk]), {"action": "x"})
    assert response.status_code == 404
    entry = LogEntry.objects.filter(actor=other_pendamping, additional_data__isnull=False).first()
    assert entry is not None and entry.additional_data["reason"] == "Akses darurat"


def test_break_glass_is_not_offered_to_roles_that_do_not_work_cases(case, personas):
    for who in ("admin_desa", "kader", "mitra"):
        client = login_client(personas[who])
        assert client.get(reverse("cases:break_glass", args=[case.pk])).status_code == 404


def test_every_view_is_audited_and_the_page_shows_who_viewed(case, personas):
    login_client(personas["koordinator"]).get(reverse("cases:case_detail", args=[case.pk]))
    page = login_client(personas["pendamping"]).get(reverse("cases:case_detail", args=[case.pk]))
    views = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(case.pk))
    assert views.count() == 2
    viewers = page.content.decode().split('data-testid="viewers"')[1]
    assert "Bayu Koordinator" in viewers and "Citra Pendamping" in viewers


def test_the_audit_page_never_shows_case_entries(case, personas, admin_client):
    login_client(personas["pendamping"]).get(reverse("cases:case_detail", args=[case.pk]))
    assert not audit_log_list().filter(content_type__app_label="cases").exists()
    assert "cases" not in {ct.app_label for ct in audited_content_types()}
    content_type = ContentType.objects.get_for_model(Case)
    page = admin_client.get(
        reverse("core:audit_log"), {"content_type": content_type.pk, "object_id": case.pk}
    )
    assert case.code not in page.content.decode()
    assert LogEntry.objects.filter(content_type=content_type).exists()  # they are kept


def test_the_mitra_sees_the_referral_only_and_identity_only_after_accepting(case, personas, uptd):
    worker, mitra = personas["pendamping"], personas["mitra"]
    consent_all(case, worker)
    referral = services.referral_send(
        actor=worker, case=case, organisation=uptd, area="psikososial", reason="Perlu konseling"
    )
    client = login_client(mitra)
    url = reverse("cases:referral_detail", args=[referral.pk])
    before = client.get(url)
    assert before.status_code == 200
    assert case.resident.name not in before.content.decode()
    assert "Perlu konseling" not in before.content.decode()
    inbox = client.get(reverse("cases:referral_inbox")).content.decode()
    assert referral.code in inbox and case.resident.name not in inbox
    assert client.post(reverse("cases:referral_accept", args=[referral.pk])).status_code == 302
    after = client.get(url).content.decode()
    assert case.resident.name in after and "Perlu konseling" in after
    # Never the case itself, nor its notes.
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    assert "Facebook" not in after


def test_a_mitra_of_another_organisation_sees_nothing(case, personas, lbh, admin):
    from sigap.partners.models import Organisation, Staff

    consent_all(case, personas["pendamping"])
    referral = services.referral_send(
        actor=personas["pendamping"], case=case, organisation=lbh, area="hukum", reason="x"
    )
    other = Organisation.objects.create(name="Lain", kind="lsm")
    Staff.objects.create(user=personas["mitra"], organisation=other)
    client = login_client(personas["mitra"])
    assert client.get(reverse("cases:referral_detail", args=[referral.pk])).status_code == 404
    assert referral.code not in client.get(reverse("cases:referral_inbox")).content.decode()


def test_the_resident_page_offers_cases_only_to_case_workers(case, personas, other_pendamping):
    url = reverse("registry:resident_detail", args=[case.resident_id])
    mine = login_client(personas["pendamping"]).get(url).content.decode()
    link = f'href="{reverse("cases:case_detail", args=[case.pk])}"'
    assert link in mine
    theirs = login_client(other_pendamping).get(url).content.decode()
    assert link not in theirs and case.code not in theirs
    assert reverse("cases:break_glass", args=[case.pk]) in theirs
    kader = login_client(personas["kader"]).get(url).content.decode()
    assert case.code not in kader
    assert 'data-section="resident-cases"' not in kader


def test_reading_the_assessment_is_audited(case, personas):
    login_client(personas["pendamping"]).get(reverse("cases:assessment_edit", args=[case.pk]))
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(case.pk), actor=personas["pendamping"]
    ).exists()


def test_an_admin_cannot_give_themselves_a_case_role(admin):
    from django.core.exceptions import ValidationError

    from sigap.accounts.services import user_update

    with pytest.raises(ValidationError, match="diri sendiri"):
        user_update(
            actor=admin,
            user=admin,
            full_name=admin.full_name,
            roles=["admin_desa", "pendamping"],
            dusun=None,
        )
    admin.forget_cached_roles()
    assert admin.role_names == {"admin_desa"}
