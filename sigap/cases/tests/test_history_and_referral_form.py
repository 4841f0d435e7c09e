"""The referral form's organisation and service lists (and their htmx fragment), and the case's
change history: who may open them, what they list, and that no encrypted text reaches them."""

import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import login_client
from sigap.cases import services
from sigap.cases.models import Case, Consent, Referral
from sigap.cases.tests.conftest import consent_all
from sigap.core.audit import MASK
from sigap.partners.models import NeedArea, Service

pytestmark = pytest.mark.django_db

NOT_ON_TEAM = ["admin_desa", "kader", "pengurus_koperasi", "mitra", "analis", "outsider"]
SESSION_NOTE = "Ia bercerita tentang majikan di Malaysia yang memukulnya"


def _html(response) -> str:
    return response.content.decode()


def _select(html: str, name: str) -> str:
    """The markup of the <select> named ``name``."""
    found = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert found, f"no select {name}"
    return found.group(0)


def _choices_url(case) -> str:
    return reverse("cases:referral_choices", args=[case.pk])


# The referral form ---------------------------------------------------------------------------


def test_the_fragment_lists_only_the_chosen_organisations_services(case, personas, uptd, lbh):
    uptd.phone, uptd.opening_hours = "0370-555-0100", "Senin–Jumat 08.00–16.00"
    uptd.save()
    legal = Service.objects.create(organisation=uptd, area=NeedArea.LEGAL, name="Pendampingan BAP")
    counselling = uptd.services.get(name="Konseling")
    response = login_client(personas["pendamping"]).get(
        _choices_url(case), {"area": "psikososial", "organisation": uptd.pk}
    )
    assert response.status_code == 200
    html = _html(response)
    assert "<html" not in html  # a fragment, not a page
    services_select = _select(html, "service")
    assert f'value="{counselling.pk}"' in services_select
    assert f'value="{legal.pk}"' in services_select
    assert f'value="{lbh.services.get().pk}"' not in services_select
    assert "Bantuan hukum" not in services_select
    # The services of the chosen area come first.
    assert services_select.index("Konseling") < services_select.index("Pendampingan BAP")
    # The phone to call first, and when they are open.
    assert 'href="tel:+623705550100"' in html or "0370-555-0100" in html
    assert "Senin–Jumat 08.00–16.00" in html
    # Both selects ask for the fragment again when they change.
    assert html.count(f'hx-get="{_choices_url(case)}"') == 1  # the organisation select
    assert f'hx-get="{_choices_url(case)}"' in _select(html, "organisation")


def test_organisations_serving_the_area_come_first(case, personas, uptd, lbh):
    client = login_client(personas["pendamping"])
    html = _html(client.get(_choices_url(case), {"area": "hukum"}))
    organisations = _select(html, "organisation")
    group = re.search(
        r'<optgroup label="Melayani bidang Hukum">(.*?)</optgroup>', organisations, re.S
    )
    assert group, organisations
    assert "LBH Contoh" in group.group(1) and "UPTD PPA Contoh" not in group.group(1)
    assert organisations.index("LBH Contoh") < organisations.index("UPTD PPA Contoh")
    # No organisation chosen yet: the area's services, grouped by organisation, and no contact.
    services_select = _select(html, "service")
    assert '<optgroup label="LBH Contoh">' in services_select and "Konseling" not in services_select
    assert 'data-testid="organisation-contact"' not in html


def test_the_form_page_works_without_javascript(case, personas, uptd, lbh):
    """The full page takes the choices from its query string and keeps them on a refused
    submission; the service is checked by the service layer."""
    consent_all(case, personas["pendamping"], "rujukan")
    client = login_client(personas["pendamping"])
    url = reverse("cases:referral_create", args=[case.pk])
    page = _html(client.get(url, {"area": "hukum", "organisation": lbh.pk}))
    assert f'hx-get="{_choices_url(case)}"' in _select(page, "area")
    services_select = _select(page, "service")
    assert "Bantuan hukum" in services_select and "Konseling" not in services_select
    refused = client.post(
        url,
        {
            "area": "hukum",
            "organisation": lbh.pk,
            "service": uptd.services.get().pk,
            "reason": "Perlu pengacara",
        },
    )
    assert refused.status_code == 400
    assert "Layanan ini bukan milik lembaga yang dipilih." in _html(refused)
    assert "Konseling" not in _select(_html(refused), "service")  # the list follows the choice
    sent = client.post(
        url,
        {
            "area": "hukum",
            "organisation": lbh.pk,
            "service": lbh.services.get().pk,
            "reason": "Perlu pengacara",
        },
    )
    assert sent.status_code == 302
    assert Referral.objects.get().service == lbh.services.get()


def test_the_fragment_is_for_the_case_team_only(case, personas, uptd, other_pendamping, client):
    url = _choices_url(case)
    for who in ("pendamping", "koordinator"):
        assert login_client(personas[who]).get(url).status_code == 200
    for who in NOT_ON_TEAM:
        assert login_client(personas[who]).get(url).status_code == 404, who
    assert login_client(other_pendamping).get(url).status_code == 404
    services.break_glass(
        actor=other_pendamping, case=case, reason="Dia menelepon malam ini dan butuh bantuan."
    )
    assert login_client(other_pendamping).get(url).status_code == 404  # a grant only reads
    assert client.get(url).status_code == 302  # anonymous: to the log-in page


# The case history ----------------------------------------------------------------------------


def _history(case) -> str:
    return reverse("cases:case_history", args=[case.pk])


def test_the_history_shows_a_consent_change_and_a_session_without_its_notes(case, personas):
    worker = personas["pendamping"]
    consent_all(case, worker, "layanan")
    services.consent_withdraw(actor=worker, consent=Consent.objects.get())
    consent_all(case, worker, "layanan")
    services.session_record(
        actor=worker,
        case=case,
        held_on=case.opened_on,
        place="Rumah",
        kind="individu",
        notes=SESSION_NOTE,
    )
    response = login_client(worker).get(_history(case))
    assert response.status_code == 200
    html = _html(response)
    assert "Sesi psikososial" in html and "Persetujuan" in html
    assert "dicabut pada" in html  # the withdrawal, as a change of the consent
    assert "setuju menerima layanan" in html  # the case's consent flag, changed
    assert MASK in html
    # No encrypted text, ever: the notes, who gave consent, the case summary.
    for secret in (SESSION_NOTE, "Orangnya sendiri", "paspor ditahan"):
        assert secret not in html
    # Without the bookkeeping every entry repeats, and with dates as people write them.
    assert "<strong>ID</strong>" not in html and "<strong>diubah</strong>" not in html
    assert f"<strong>tanggal</strong>: {case.opened_on.isoformat()}" not in html
    # Newest first: the session was recorded after the consent.
    assert html.index("Sesi psikososial") < html.index("dicabut pada")


def test_reading_the_history_is_audited(case, personas):
    login_client(personas["koordinator"]).get(_history(case))
    view = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Case),
        object_pk=str(case.pk),
        action=LogEntry.Action.ACCESS,
    ).latest("timestamp")
    assert view.actor == personas["koordinator"]


def test_changes_only_leaves_out_the_views(case, personas):
    client = login_client(personas["pendamping"])
    client.get(reverse("cases:case_detail", args=[case.pk]))
    everything = _html(client.get(_history(case)))
    changes = _html(client.get(_history(case), {"jenis": "perubahan"}))
    assert "dilihat" in everything
    assert "dilihat" not in changes.split('data-testid="history"')[1]
    assert "dibuat" in changes


def test_the_history_lists_only_this_cases_records(case, personas, people, uptd):
    other = services.case_open(
        actor=personas["pendamping"],
        resident=people[2],
        case_type="berisiko",
        intake_source="skrining",
        risk_level="sedang",
        supervisor=personas["koordinator"],
    )
    consent_all(other, personas["pendamping"], "layanan")
    html = _html(login_client(personas["pendamping"]).get(_history(case)))
    assert case.code in html and other.code not in html


def test_the_history_takes_as_many_queries_whatever_the_number_of_records(case, personas):
    worker = personas["pendamping"]
    consent_all(case, worker)
    client = login_client(worker)
    client.get(_history(case))  # warm the content-type cache

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_history(case)).status_code == 200
        return len(queries)

    few = count()
    for day in range(5):
        services.session_record(
            actor=worker,
            case=case,
            held_on=case.opened_on,
            place="Rumah",
            kind="individu",
            notes=f"catatan {day}",
        )
        services.goal_add(actor=worker, case=case, area="hukum", description=f"tujuan {day}")
    assert count() == few


def test_the_history_is_for_those_who_may_read_the_case(case, personas, other_pendamping, client):
    url = _history(case)
    for who in ("pendamping", "koordinator"):
        assert login_client(personas[who]).get(url).status_code == 200
    for who in NOT_ON_TEAM:
        assert login_client(personas[who]).get(url).status_code == 404, who
    assert login_client(other_pendamping).get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_a_break_glass_viewer_reads_the_history_with_the_banner(case, personas, other_pendamping):
    grant = services.break_glass(
        actor=other_pendamping, case=case, reason="Dia menelepon malam ini dan butuh bantuan."
    )
    client = login_client(other_pendamping)
    response = client.get(_history(case))
    html = _html(response)
    assert response.status_code == 200 and 'data-testid="break-glass-banner"' in html
    assert "Akses darurat" in html and "butuh bantuan" not in html  # the reason stays masked
    grant.expires_at = timezone.now() - timedelta(minutes=1)
    grant.save(update_fields=["expires_at"])
    assert client.get(_history(case)).status_code == 404


def test_the_history_names_who_made_each_change(case, personas):
    client = login_client(personas["pendamping"])
    client.post(
        reverse("cases:consent_create", args=[case.pk]),
        {
            "purpose": "rujukan",
            "given": "1",
            "method": "tanda_tangan",
            "given_by": "Orangnya sendiri",
            "recorded_on": case.opened_on.isoformat(),
        },
    )
    html = _html(login_client(personas["koordinator"]).get(_history(case)))
    entries = re.findall(r'<li data-testid="history-entry">(.*?)</li>\s*<li', html, re.S)
    consent = next(e for e in entries if "Persetujuan" in e and "dibuat" in e)
    assert "Citra Pendamping" in consent.split("</span>")[0]
    assert "Rujukan ke lembaga lain" in consent  # the purpose's label, not its code
