"""End-to-end: a real Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Skipped with a reason where Chromium is missing, unless SIGAP_REQUIRE_BROWSER=1 (set by .ci/run),
where a missing browser is a failure.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from sigap.core.demo import DEMO_USERNAMES, demo_password
from sigap.core.roles import Role

CHROMIUM = os.environ.get("SIGAP_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = pytest.mark.browser

# The menu entries (data-nav) each demo role must see, and one it must not.
NAV = {
    Role.ADMIN_DESA: [
        "core:home",
        "registry:resident_list",
        "partners:organisation_list",
        "programs:analytics",
        "enterprise:unreached",
        "core:territory",
        "accounts:user_list",
        "core:audit_log",
        "accounts:token_list",
    ],
    Role.KOORDINATOR: [
        "core:home",
        "registry:resident_list",
        "cases:case_list",
        "partners:organisation_list",
        "programs:programme_list",
        "programs:calendar",
        "programs:analytics",
        "enterprise:group_list",
        "enterprise:unreached",
        "core:territory",
    ],
    Role.PENDAMPING: [
        "core:home",
        "registry:resident_list",
        "cases:case_list",
        "partners:organisation_list",
        "programs:calendar",
        "core:territory",
    ],
    Role.KADER: [
        "core:home",
        "registry:resident_list",
        "partners:organisation_list",
        "programs:calendar",
        "core:territory",
    ],
    Role.PENGURUS_KOPERASI: [
        "core:home",
        "registry:resident_list",
        "partners:organisation_list",
        "economy:overview",
        "enterprise:group_list",
        "core:territory",
    ],
    Role.MITRA: ["core:home", "cases:referral_inbox", "partners:organisation_list"],
    Role.ANALIS: ["core:home", "programs:analytics"],
}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("SIGAP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"SIGAP_REQUIRE_BROWSER=1 but Chromium is missing at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt install chromium to run browser tests)")
    # Playwright runs an event loop in this thread; the Django ORM calls made by fixtures here
    # are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_village(transactional_db):
    call_command("seed_demo", "--seed", "2026", "--people", "300")


@pytest.fixture
def phone(browser, settings):
    # The live server serves static files from the apps' folders (its own handler), which knows
    # the plain names, not the manifest's hashed ones.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(demo_password())
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base_url}/")


@pytest.mark.parametrize("role", list(Role))
def test_each_demo_role_logs_in_and_sees_its_menu(role, phone, live_server, demo_village):
    log_in(phone, live_server.url, DEMO_USERNAMES[role])
    phone.get_by_text("Menu", exact=True).click()
    nav = phone.get_by_test_id("nav")
    assert nav.is_visible()
    shown = [a.get_attribute("data-nav") for a in nav.locator("a").all()]
    assert shown == NAV[role]
    assert phone.locator(".menu__who").inner_text().count(str(role.label)) == 1
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / f"home-{role.value}.png"), full_page=True)


def test_the_language_switch_and_log_out(phone, live_server, demo_village):
    log_in(phone, live_server.url, "kader")
    assert phone.locator("html").get_attribute("lang") == "id"
    assert phone.get_by_role("heading", name=re.compile("Selamat datang")).is_visible()

    phone.get_by_role("button", name="English").click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.get_by_role("heading", name=re.compile("Welcome")).is_visible()

    phone.get_by_role("button", name="Bahasa Indonesia").click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == "id"

    phone.get_by_text("Menu", exact=True).click()
    phone.get_by_role("button", name="Keluar").click()
    phone.wait_for_url(re.compile(r"/akun/masuk/"))


def test_the_admin_creates_a_kader_and_sees_errors_beside_the_fields(
    phone, live_server, demo_village
):
    log_in(phone, live_server.url, "admin")
    phone.goto(f"{live_server.url}/akun/pengguna/baru/")
    phone.get_by_label("Nama pengguna").fill("wayan")
    phone.get_by_label("Nama lengkap").fill("Wayan Sudarsana")
    phone.get_by_label("Kader").check()
    phone.get_by_label("Kata sandi awal").fill("kata-sandi-wayan-2026")
    phone.get_by_role("button", name="Simpan").click()

    summary = phone.get_by_test_id("error-summary")
    assert summary.is_visible()
    assert "Kader wajib punya dusun" in summary.inner_text()
    assert phone.locator("#id_dusun-field .field__error").is_visible()

    phone.get_by_label("Dusun").select_option(label="Bermi Karang Dalam Barat")
    phone.get_by_label("Kata sandi awal").fill("kata-sandi-wayan-2026")
    phone.get_by_role("button", name="Simpan").click()
    phone.wait_for_url(re.compile(r"/akun/pengguna/\d+/$"))
    assert "Wayan Sudarsana" in phone.locator("h1").inner_text()


def test_the_admin_imports_a_small_file_and_finds_a_person_by_a_misspelled_name(
    phone, live_server, demo_village, tmp_path
):
    from openpyxl import Workbook

    from sigap.registry.importing import TEMPLATE_HEADER

    book = Workbook()
    sheet = book.active
    sheet.append(TEMPLATE_HEADER)
    row = dict.fromkeys(TEMPLATE_HEADER, "")
    row.update(
        {
            "No. KK": "5299990101260001",
            "NIK": "5299991303850099",
            "Nama": "Lalu Muhammad Zulkarnaen",
            "Jenis kelamin": "L",
            "Tanggal lahir": "1985-03-13",
            "Hubungan dalam keluarga": "1",
            "Dusun": "Bermi Karang Dalam Barat",
        }
    )
    sheet.append([row[title] for title in TEMPLATE_HEADER])
    path = tmp_path / "warga-baru.xlsx"
    book.save(path)

    log_in(phone, live_server.url, "admin")
    phone.goto(f"{live_server.url}/penduduk/impor/")
    phone.set_input_files("input[type=file]", str(path))
    phone.get_by_role("button", name="Periksa berkas").click()
    phone.wait_for_url(re.compile(r"/penduduk/impor/\d+/$"))
    status = phone.get_by_test_id("import-status").inner_text()
    assert phone.get_by_test_id("count-create").inner_text() == "1", status
    phone.get_by_test_id("import-commit").click()
    phone.wait_for_load_state()
    assert "Sudah disimpan" in phone.get_by_test_id("import-status").inner_text()

    phone.goto(f"{live_server.url}/penduduk/")
    phone.get_by_label("Cari nama, NIK atau No. KK").fill("mohamad zulkarnain")
    phone.get_by_role("button", name="Cari").click()
    phone.wait_for_load_state()
    phone.get_by_role("link", name="Lalu Muhammad Zulkarnaen").click()
    assert phone.get_by_test_id("resident-name").inner_text() == "Lalu Muhammad Zulkarnaen"
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "resident-after-import.png"), full_page=True)


def test_a_case_is_opened_consented_referred_and_accepted_by_the_mitra(
    phone, live_server, demo_village
):
    from sigap.partners.demo import UPTD_PPA
    from sigap.registry.models import Resident

    person = Resident.objects.filter(sex="P", basic_status=1).order_by("pk").first()
    log_in(phone, live_server.url, DEMO_USERNAMES[Role.PENDAMPING])
    phone.goto(f"{live_server.url}/penduduk/orang/{person.pk}/")
    phone.get_by_test_id("open-case").click()
    form = phone.get_by_test_id("case-open-form")
    form.get_by_label("Jenis kasus").select_option(label="Orang berisiko")
    form.get_by_label("Asal kasus").select_option(label="Skrining")
    form.get_by_label("Tingkat risiko").select_option(label="Tinggi")
    form.get_by_label("Koordinator (penyelia)").select_option(index=1)
    form.get_by_role("button", name="Buka kasus").click()
    phone.wait_for_url(re.compile(r"/kasus/\d+/$"))
    assert person.name in phone.get_by_test_id("case-title").inner_text()

    # Consent to referral, signed by the person.
    consent = phone.get_by_test_id("consent")
    consent.get_by_text("Catat persetujuan").click()
    consent_form = phone.get_by_test_id("consent-form")
    consent_form.get_by_label("Untuk keperluan").select_option(label="Rujukan ke lembaga lain")
    consent_form.get_by_label("Diberikan oleh").fill(person.name)
    consent_form.get_by_role("button", name="Simpan persetujuan").click()
    phone.wait_for_load_state()
    assert "ya" in phone.get_by_test_id("consent-referral").inner_text()

    # Refer to the UPTD PPA, whose staff is the demo Mitra.
    phone.get_by_test_id("refer").click()
    referral_form = phone.get_by_test_id("referral-form")
    referral_form.get_by_label("Bidang kebutuhan").select_option(label="Psikososial")
    referral_form.get_by_label("Lembaga tujuan").select_option(label=UPTD_PPA)
    referral_form.get_by_label("Alasan rujukan").fill("Butuh konseling trauma setelah pulang.")
    referral_form.get_by_role("button", name="Kirim rujukan").click()
    phone.wait_for_url(re.compile(r"/kasus/rujukan/\d+/$"))
    code = phone.get_by_test_id("referral-title").inner_text().split()[-1]
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "referral-sent.png"), full_page=True)

    # The Mitra sees the referral without the person's identity, accepts it, then sees them.
    phone.context.clear_cookies()
    log_in(phone, live_server.url, DEMO_USERNAMES[Role.MITRA])
    phone.goto(f"{live_server.url}/kasus/rujukan/")
    phone.get_by_role("link", name=code).click()
    assert phone.get_by_test_id("identity-hidden").is_visible()
    assert person.name not in phone.content()
    phone.get_by_test_id("accept").click()
    phone.wait_for_load_state()
    assert phone.get_by_test_id("referral-status").inner_text() == "Diterima"
    assert phone.get_by_test_id("referral-name").inner_text() == person.name
    phone.screenshot(path=str(ARTIFACTS / "referral-accepted-by-mitra.png"), full_page=True)


def test_a_loan_is_applied_for_approved_by_another_disbursed_and_repaid(
    phone, live_server, demo_village
):
    from decimal import Decimal

    from sigap.accounts.models import User
    from sigap.accounts.services import user_create
    from sigap.economy import services as economy
    from sigap.economy.models import Cooperative, Member

    cooperative = Cooperative.objects.get()
    koperasi = User.objects.get(username=DEMO_USERNAMES[Role.PENGURUS_KOPERASI])
    economy.product_create(
        actor=koperasi,
        cooperative=cooperative,
        name="Pinjaman uji peramban",
        method="flat",
        frequency="bulanan",
        monthly_rate=Decimal("1.5"),
        grace_periods=0,
        rounding=1000,
        fee_per_instalment=0,
        max_principal=5_000_000,
        max_periods=12,
    )
    user_create(
        actor=User.objects.get(username=DEMO_USERNAMES[Role.ADMIN_DESA]),
        username="tari",
        full_name="Tari Bendahara",
        password=demo_password(),
        roles=[Role.PENGURUS_KOPERASI.value],
    )
    member = Member.objects.filter(status="aktif").order_by("number").first()

    # One Pengurus records the application, after looking at the schedule.
    log_in(phone, live_server.url, "tari")
    phone.goto(f"{live_server.url}/koperasi/anggota/{member.pk}/")
    phone.get_by_test_id("apply-loan").click()
    form = phone.get_by_test_id("loan-apply-form")
    form.get_by_label("Produk pinjaman").select_option(label="Pinjaman uji peramban")
    form.get_by_label("Jumlah pinjaman (Rp)").fill("1000000")
    form.get_by_label("Jumlah angsuran").fill("10")
    form.get_by_label("Keperluan").fill("Modal warung sembako")
    form.get_by_role("button", name="Lihat jadwal angsuran").click()
    preview = phone.get_by_test_id("schedule-preview")
    assert preview.locator("tbody tr").count() == 10
    assert "Rp 115.000" in preview.inner_text()  # 100.000 + 1,5% of 1.000.000
    phone.get_by_test_id("loan-apply-form").get_by_role("button", name="Catat pengajuan").click()
    phone.wait_for_url(re.compile(r"/koperasi/pinjaman/\d+/$"))
    loan_url = phone.url
    assert "pengurus lain" in phone.get_by_test_id("decide").inner_text()

    # Another Pengurus approves, disburses and records the first repayment.
    phone.context.clear_cookies()
    log_in(phone, live_server.url, DEMO_USERNAMES[Role.PENGURUS_KOPERASI])
    phone.goto(loan_url)
    decide = phone.get_by_test_id("decide-form")
    decide.get_by_label("Setujui").check()
    decide.get_by_role("button", name="Simpan keputusan").click()
    phone.get_by_test_id("disburse-form").get_by_role("button", name="Catat pencairan").click()
    phone.wait_for_load_state()
    assert "Rp 1.000.000" in phone.get_by_test_id("outstanding").inner_text()
    assert phone.get_by_test_id("schedule").locator("tbody tr").count() == 10
    repay = phone.get_by_test_id("repay-form")
    repay.get_by_label("Jumlah dibayar (Rp)").fill("115000")
    repay.get_by_role("button", name="Simpan pembayaran").click()
    phone.wait_for_load_state()
    assert "Pembayaran angsuran dicatat" in phone.content()
    assert phone.get_by_test_id("repayments").locator("tbody tr").count() == 1
    assert "Rp 900.000" in phone.get_by_test_id("outstanding").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "loan-repaid.png"), full_page=True)


def test_a_kader_takes_attendance_for_a_hundred_people_on_a_phone(phone, live_server, demo_village):
    """Today's session with 100 invitees: the Kader ticks names without waiting, keeps ticking
    while the network is down, and every tap reaches the server once it is back; a walk-in from
    her dusun is found by name and added."""
    from datetime import time

    from django.utils import timezone

    from sigap.accounts.models import User
    from sigap.partners.models import Organisation
    from sigap.programs import services as programs
    from sigap.programs.models import Attendance
    from sigap.registry.models import Resident

    koordinator = User.objects.get(username=DEMO_USERNAMES[Role.KOORDINATOR])
    kader = User.objects.get(username=DEMO_USERNAMES[Role.KADER])
    today = timezone.localdate()
    programme = programs.programme_create(
        actor=koordinator,
        village=kader.dusun.village,
        title="Penyuluhan uji peramban",
        kind="penyuluhan_hukum",
        topic="uu_tppo",
        organiser=Organisation.objects.order_by("pk").first(),
        target_group="Warga dewasa",
        funding_source="dana_desa",
        starts_on=today,
        coordinator=koordinator,
    )
    session = programs.session_create(
        actor=koordinator,
        programme=programme,
        day=today,
        start_time=time(0, 0),
        end_time=time(23, 0),
        place="Aula Kantor Desa",
        topic="Modus perekrutan",
        guest_facilitator="LBH",
    )
    living = Resident.objects.filter(basic_status=1).exclude(dusun=kader.dusun).order_by("pk")
    invited = list(living.values_list("pk", flat=True)[:100])
    assert len(invited) == 100
    programs.invite(actor=koordinator, programme=programme, resident_ids=invited)
    walk_in = Resident.objects.filter(dusun=kader.dusun, basic_status=1).order_by("pk").first()

    log_in(phone, live_server.url, DEMO_USERNAMES[Role.KADER])
    phone.goto(f"{live_server.url}/program/sesi/{session.pk}/")
    roster = phone.get_by_test_id("roster")
    assert roster.locator("li").count() == 100
    # Forty taps in a row, as fast as a thumb goes.
    for pk in invited[:40]:
        phone.get_by_test_id(f"tick-{pk}").check()
    assert phone.get_by_test_id("present-count").inner_text() == "40"
    # The signal drops: taps go on and wait on the phone.
    phone.wait_for_function(
        "document.querySelector('[data-testid=sync-state]').dataset.state === 'saved'"
    )
    phone.context.set_offline(True)
    for pk in invited[40:60]:
        phone.get_by_test_id(f"tick-{pk}").check()
    phone.get_by_test_id(f"tick-{invited[0]}").uncheck()  # ticked by mistake
    assert phone.get_by_test_id("present-count").inner_text() == "59"
    phone.wait_for_function(
        "document.querySelector('[data-testid=sync-state]').dataset.state === 'offline'"
    )
    assert "menunggu" in phone.get_by_test_id("sync-state").inner_text()
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    phone.wait_for_function(
        "document.querySelector('[data-testid=sync-state]').dataset.state === 'saved'",
        timeout=60_000,
    )
    assert Attendance.objects.filter(session=session).count() == 59
    assert not Attendance.objects.filter(session=session, resident_id=invited[0]).exists()

    # A walk-in from her own dusun, found by name.
    first_word = walk_in.name.split()[-1]
    phone.get_by_test_id("walk-in-q").fill(first_word)
    phone.get_by_test_id(f"add-{walk_in.pk}").click()
    phone.wait_for_function(
        "document.querySelector('[data-testid=sync-state]').dataset.state === 'saved'"
    )
    assert phone.get_by_test_id("present-count").inner_text() == "60"
    assert Attendance.objects.get(session=session, resident=walk_in).method == "datang_langsung"
    # A reload shows what the server holds.
    phone.reload()
    assert phone.get_by_test_id("present-count").inner_text() == "60"
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "attendance.png"), full_page=False)
