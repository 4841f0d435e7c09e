import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from sigap.accounts.models import User
from sigap.cases.models import Case
from sigap.core.demo import DEMO_USERNAMES, demo_password
from sigap.core.models import Dusun, RukunTetangga, RukunWarga, Village
from sigap.core.roles import ROLE_TABLE
from sigap.economy.models import (
    Cooperative,
    Instalment,
    JournalEntry,
    JournalLine,
    Loan,
    LoanProduct,
    Member,
    Repayment,
    ShuShare,
    YearEnd,
)
from sigap.enterprise.models import (
    Funding,
    Group,
    GroupMember,
    HouseholdIncome,
    MentoringVisit,
    MonthlyFigure,
)
from sigap.programs.models import (
    Answer,
    Attendance,
    Invitation,
    KnowledgeTest,
    Outcome,
    Programme,
    Question,
    Session,
    StaffTraining,
)
from sigap.registry import nik
from sigap.registry.models import Household, Resident


def territory_snapshot() -> list[tuple[str, str, str]]:
    return sorted(
        RukunTetangga.objects.values_list("rw__dusun__name", "rw__number", "number").order_by()
    )


def population_snapshot() -> list[tuple]:
    return sorted(Resident.objects.values_list("name", "nik", "birth_date", "dusun__name"))


def wipe_demo() -> None:
    for model in (Answer, KnowledgeTest, Outcome, Attendance, Invitation, Session, Programme):
        model.objects.all().delete()
    Question.objects.all().delete()
    StaffTraining.objects.all().delete()
    for model in (MentoringVisit, MonthlyFigure, Funding, HouseholdIncome, GroupMember, Group):
        model.objects.all().delete()
    Case.objects.all().delete()
    Repayment.objects.all().delete()
    Instalment.objects.all().delete()
    Loan.objects.all().delete()
    LoanProduct.objects.all().delete()
    ShuShare.objects.all().delete()
    YearEnd.objects.all().delete()
    Member.objects.update(exit_entry=None)
    JournalLine.objects.all().delete()
    JournalEntry.objects.all().delete()
    Member.objects.all().delete()
    Cooperative.objects.all().delete()
    Household.objects.update(head=None)
    Resident.objects.all().delete()
    Household.objects.all().delete()
    User.objects.all().delete()
    RukunTetangga.objects.all().delete()
    RukunWarga.objects.all().delete()
    Dusun.objects.all().delete()
    Village.objects.all().delete()


def test_it_builds_babussalam_with_one_user_per_role(db):
    call_command("seed_demo", "--seed", "7", "--people", "200")

    village = Village.objects.get()
    assert (village.code, village.name) == ("5201012007", "Babussalam")
    assert "Bermi Karang Dalam Barat" in set(village.dusun_set.values_list("name", flat=True))
    assert RukunWarga.objects.filter(dusun__village=village).count() >= village.dusun_set.count()
    for role, username in DEMO_USERNAMES.items():
        user = User.objects.get(username=username)
        assert user.role_names == {role.value}
        assert (user.dusun is not None) == ROLE_TABLE[role].needs_dusun
        request = RequestFactory().post("/akun/masuk/")
        assert authenticate(request, username=username, password=demo_password()) == user


def test_the_same_seed_builds_the_same_village(db):
    call_command("seed_demo", "--seed", "11", "--people", "50")
    first, people = territory_snapshot(), population_snapshot()
    wipe_demo()
    call_command("seed_demo", "--seed", "11", "--people", "50")
    assert territory_snapshot() == first
    assert population_snapshot() == people
    wipe_demo()
    call_command("seed_demo", "--seed", "12", "--people", "50")
    assert territory_snapshot() != first


def test_if_empty_leaves_an_existing_village_alone(db, capsys):
    call_command("seed_demo", "--people", "50")
    before = territory_snapshot()
    call_command("seed_demo", "--if-empty", "--seed", "99", "--people", "50")
    assert territory_snapshot() == before
    assert "already holds a village" in capsys.readouterr().out


def test_it_refuses_to_run_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="public passwords"):
        call_command("seed_demo", "--people", "50")
    assert not Village.objects.exists()


def test_demo_logins_lists_every_role(db, capsys):
    call_command("seed_demo", "--people", "50")
    capsys.readouterr()
    call_command("demo_logins")
    out = capsys.readouterr().out
    assert demo_password() in out
    for username in DEMO_USERNAMES.values():
        assert f" {username}" in out


def test_the_demo_population_is_synthetic_and_plausible(db):
    call_command("seed_demo", "--people", "600")
    residents = Resident.objects.all()
    assert residents.count() >= 600
    with_nik = residents.exclude(nik=None)
    assert all(n.startswith(nik.SYNTHETIC_REGION) for n in with_nik.values_list("nik", flat=True))
    for person in with_nik[:200]:
        info = nik.parse_nik(person.nik)  # every demo NIK is well formed…
        assert nik.nik_warnings(info, sex=person.sex, birth_date=person.birth_date) == []
    assert residents.filter(nik=None).exclude(temp_number=None).exists()  # …some have none
    assert residents.filter(whereabouts="luar_negeri").exclude(abroad_country="").exists()
    assert Household.objects.exclude(head=None).count() == Household.objects.count()
