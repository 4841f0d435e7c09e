"""A Koordinator or Pendamping who leaves: the server operator moves their open cases."""

import pytest
from django.core.management import CommandError, call_command

from conftest import PASSWORD
from sigap.accounts.services import user_create, user_set_active
from sigap.cases import rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_koordinator(admin):
    return user_create(
        actor=admin,
        username="kiki",
        full_name="Kiki Koordinator",
        password=PASSWORD,
        roles=["koordinator"],
    )


def test_a_deactivated_koordinators_cases_move_with_the_reason_in_their_history(
    case, personas, admin, new_koordinator, capsys
):
    old = personas["koordinator"]
    user_set_active(actor=admin, user=old, active=False)
    call_command("reassign_cases", "bayu", "kiki", "--reason", "Bayu pindah tugas ke kabupaten.")
    case.refresh_from_db()
    assert case.supervisor == new_koordinator
    assert rules.is_supervisor(new_koordinator, case)
    step = case.steps.first()
    assert step.action == "ganti_koordinator" and "pindah tugas" in step.note
    assert "1 supervised and 0 worked" in capsys.readouterr().out


def test_a_pendamping_who_leaves_hands_over_their_assignments(case, personas, other_pendamping):
    call_command(
        "reassign_cases", "citra", "hana", "--reason", "Citra berhenti menjadi pendamping."
    )
    assert rules.is_worker(other_pendamping, case)
    assert not rules.is_worker(personas["pendamping"], case)


def test_refusals_name_the_problem(case, personas, other_pendamping):
    with pytest.raises(CommandError, match="Koordinator"):
        call_command("reassign_cases", "bayu", "hana", "--reason", "Alasan yang cukup panjang.")
    with pytest.raises(CommandError, match="No user"):
        call_command("reassign_cases", "bayu", "nobody", "--reason", "Alasan yang cukup panjang.")
    with pytest.raises(CommandError, match="paling sedikit"):
        call_command("reassign_cases", "citra", "hana", "--reason", "x")
    case.refresh_from_db()
    assert case.supervisor == personas["koordinator"]
