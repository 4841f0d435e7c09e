import re

import pytest
from django.urls import reverse

from conftest import login_client
from sigap.core.roles import Role

# What each role finds in the menu (the nav's data-nav names) and on the home dashboard.
PARTNERS = "partners:organisation_list"
CASES = "cases:case_list"
GROUPS = "enterprise:group_list"
UNREACHED = "enterprise:unreached"
PROGRAMMES = "programs:programme_list"
CALENDAR = "programs:calendar"
ANALYTICS = "programs:analytics"
EXPECTED_NAV = {
    Role.ADMIN_DESA: {
        "core:home",
        "registry:resident_list",
        PARTNERS,
        "core:territory",
        "accounts:user_list",
        "core:audit_log",
        "accounts:token_list",
        UNREACHED,
        ANALYTICS,
    },
    Role.KOORDINATOR: {
        "core:home",
        "registry:resident_list",
        CASES,
        PARTNERS,
        GROUPS,
        UNREACHED,
        "core:territory",
        PROGRAMMES,
        CALENDAR,
        ANALYTICS,
    },
    Role.PENDAMPING: {
        "core:home",
        "registry:resident_list",
        CASES,
        PARTNERS,
        "core:territory",
        CALENDAR,
    },
    Role.KADER: {"core:home", "registry:resident_list", PARTNERS, "core:territory", CALENDAR},
    Role.PENGURUS_KOPERASI: {
        "core:home",
        "registry:resident_list",
        PARTNERS,
        "economy:overview",
        GROUPS,
        "core:territory",
    },
    Role.MITRA: {"core:home", "cases:referral_inbox", PARTNERS},
    Role.ANALIS: {"core:home", ANALYTICS},
}
EXPECTED_PANELS = {
    Role.ADMIN_DESA: {
        "role",
        "village",
        "registry",
        "enterprise",
        "users",
        "recent_audit",
        "programs",
    },
    Role.KOORDINATOR: {"role", "village", "registry", "cases", "enterprise", "programs"},
    Role.PENDAMPING: {"role", "village", "registry", "cases", "programs"},
    Role.KADER: {"role", "village", "registry", "programs"},
    Role.PENGURUS_KOPERASI: {"role", "village", "registry", "cooperative", "enterprise"},
    Role.MITRA: {"role", "referrals"},
    Role.ANALIS: {"role", "village", "enterprise", "programs"},
}


def nav_names(html: str) -> set[str]:
    return set(re.findall(r'data-nav="([^"]+)"', html))


def panel_keys(html: str) -> set[str]:
    return set(re.findall(r'data-panel="([^"]+)"', html))


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_menu_and_dashboard(role, personas):
    html = login_client(personas[role.value]).get(reverse("core:home")).content.decode()
    assert nav_names(html) == EXPECTED_NAV[role]
    assert panel_keys(html) == EXPECTED_PANELS[role]
    assert str(role.label) in html


def test_a_user_without_a_role_is_told_to_ask_the_admin(personas):
    html = login_client(personas["outsider"]).get(reverse("core:home")).content.decode()
    assert "belum punya peran" in html
    assert nav_names(html) == {"core:home"}


def test_the_kader_sees_their_dusun(personas):
    html = login_client(personas["kader"]).get(reverse("core:home")).content.decode()
    assert "Bermi Karang Dalam Barat" in html


def test_logged_in_pages_are_not_cached(personas):
    response = login_client(personas["kader"]).get(reverse("core:home"))
    assert "no-store" in response["Cache-Control"]


def test_the_language_switch_turns_the_interface_to_english(personas):
    client = login_client(personas["kader"])
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("core:home")).content.decode()
    assert '<html lang="en"' in html
    assert "Home" in html and "Beranda" not in html
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert "Beranda" in client.get(reverse("core:home")).content.decode()


def test_an_english_phone_still_gets_bahasa_indonesia_until_the_user_switches(personas):
    client = login_client(personas["kader"])
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content
    assert '<html lang="id"' in html.decode()
