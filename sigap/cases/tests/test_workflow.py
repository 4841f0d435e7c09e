"""The pure workflow: every transition, who may take it, and what is overdue."""

from datetime import UTC, datetime, timedelta

import pytest

from sigap.cases import workflow as wf
from sigap.cases.workflow import Action, Facts, Pending, Stage, State, WorkflowError

WORKER = {"is_worker": True, "is_supervisor": False}
SUPERVISOR = {"is_worker": False, "is_supervisor": True}
READY = Facts(has_assessment=True, has_plan=True)


def test_the_whole_path_with_approvals():
    state = State(Stage.NEW)
    state = wf.apply(state, Action.START_ASSESSMENT, **WORKER)
    assert state == State(Stage.ASSESSMENT)
    state = wf.apply(state, Action.SUBMIT_ASSESSMENT, **WORKER, facts=READY)
    assert state == State(Stage.ASSESSMENT, Pending.ASSESSMENT)
    state = wf.apply(state, Action.APPROVE, **SUPERVISOR, facts=READY)
    assert state == State(Stage.PLAN)
    state = wf.apply(state, Action.SUBMIT_PLAN, **WORKER, facts=READY)
    state = wf.apply(state, Action.APPROVE, **SUPERVISOR, facts=READY)
    assert state == State(Stage.SERVICES)
    state = wf.apply(state, Action.START_FOLLOW_UP, **WORKER)
    assert state == State(Stage.FOLLOW_UP)
    state = wf.apply(state, Action.REQUEST_CLOSURE, **WORKER)
    assert state == State(Stage.FOLLOW_UP, Pending.CLOSURE)
    state = wf.apply(state, Action.APPROVE, **SUPERVISOR)
    assert state == State(Stage.CLOSED)
    assert wf.apply(state, Action.REOPEN, **WORKER) == State(Stage.ASSESSMENT)


@pytest.mark.parametrize("pending", [Pending.ASSESSMENT, Pending.PLAN, Pending.CLOSURE])
def test_a_worker_cannot_approve_their_own_submission(pending):
    state = State(Stage.ASSESSMENT, pending)
    with pytest.raises(WorkflowError) as error:
        wf.apply(state, Action.APPROVE, **WORKER)
    assert error.value.code == "not_yours"
    assert wf.actions_for(state, **WORKER) == []
    assert wf.actions_for(state, **SUPERVISOR) == [Action.APPROVE, Action.RETURN]


def test_approval_checks_that_what_was_submitted_is_still_there():
    with pytest.raises(WorkflowError) as error:
        wf.apply(State(Stage.PLAN, Pending.PLAN), Action.APPROVE, **SUPERVISOR, facts=Facts(True))
    assert error.value.code == "no_plan"


def test_returning_keeps_the_stage_and_clears_the_submission():
    state = State(Stage.PLAN, Pending.PLAN)
    assert wf.apply(state, Action.RETURN, **SUPERVISOR) == State(Stage.PLAN)


def test_submissions_need_their_content():
    with pytest.raises(WorkflowError) as error:
        wf.apply(State(Stage.ASSESSMENT), Action.SUBMIT_ASSESSMENT, **WORKER, facts=Facts())
    assert error.value.code == "no_assessment"
    with pytest.raises(WorkflowError) as error:
        wf.apply(State(Stage.PLAN), Action.SUBMIT_PLAN, **WORKER, facts=Facts(True, False))
    assert error.value.code == "no_plan"


def test_steps_out_of_order_are_refused():
    with pytest.raises(WorkflowError) as error:
        wf.apply(State(Stage.NEW), Action.SUBMIT_PLAN, **WORKER, facts=READY)
    assert error.value.code == "not_now"
    with pytest.raises(WorkflowError):
        wf.apply(State(Stage.CLOSED), Action.REQUEST_CLOSURE, **WORKER)
    # While a submission waits, nothing else moves the case.
    with pytest.raises(WorkflowError):
        wf.apply(State(Stage.ASSESSMENT, Pending.ASSESSMENT), Action.REQUEST_CLOSURE, **WORKER)


def test_nobody_outside_the_team_acts():
    assert wf.actions_for(State(Stage.NEW), is_worker=False, is_supervisor=False) == []


def test_a_supervisor_may_also_do_the_workers_steps():
    assert Action.START_ASSESSMENT in wf.actions_for(State(Stage.NEW), **SUPERVISOR)


def test_next_step_for_every_state():
    assert wf.next_step(State(Stage.NEW)) == "start_assessment"
    assert wf.next_step(State(Stage.PLAN, Pending.PLAN)) == "approve_plan"
    assert wf.next_step(State(Stage.FOLLOW_UP, Pending.CLOSURE)) == "approve_closure"
    assert wf.next_step(State(Stage.CLOSED)) == "closed"


def test_overdue_by_stage_limit_and_by_waiting_approval():
    since = datetime(2026, 1, 1, tzinfo=UTC)
    assert not wf.is_overdue(State(Stage.NEW), since, since + timedelta(days=3))
    assert wf.is_overdue(State(Stage.NEW), since, since + timedelta(days=3, seconds=1))
    waiting = State(Stage.ASSESSMENT, Pending.ASSESSMENT)
    assert wf.overdue_since(waiting, since) == since + timedelta(days=wf.APPROVAL_LIMIT_DAYS)
    # Services have no limit (the plan's actions carry their own due dates); closed never is.
    assert not wf.is_overdue(State(Stage.SERVICES), since, since + timedelta(days=999))
    assert not wf.is_overdue(State(Stage.CLOSED), since, since + timedelta(days=999))
