"""The case workflow as a pure state machine (no Django models, no database).

A case moves new → assessment → case plan → services → follow-up → closed, and may be reopened.
Three steps need the supervisor (Koordinator): the assessment, the plan and the closure are
*submitted* by the case worker and *approved* (or returned) by the supervisor. While a
submission waits, the case stays in its stage with ``pending`` set.

``actions_for`` says what a person may do now; ``apply`` performs one action or raises
``WorkflowError``; ``next_step`` and ``overdue`` tell the case page what to show.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Stage(StrEnum):
    NEW = "baru"
    ASSESSMENT = "asesmen"
    PLAN = "rencana"
    SERVICES = "layanan"
    FOLLOW_UP = "pemantauan"
    CLOSED = "ditutup"


class Pending(StrEnum):
    NONE = ""
    ASSESSMENT = "asesmen"
    PLAN = "rencana"
    CLOSURE = "penutupan"


class Action(StrEnum):
    START_ASSESSMENT = "mulai_asesmen"
    SUBMIT_ASSESSMENT = "ajukan_asesmen"
    SUBMIT_PLAN = "ajukan_rencana"
    START_FOLLOW_UP = "mulai_pemantauan"
    REQUEST_CLOSURE = "ajukan_penutupan"
    APPROVE = "setujui"
    RETURN = "kembalikan"
    REOPEN = "buka_kembali"


class WorkflowError(Exception):
    """An action that the case's state or the person's part in it does not allow."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


WORKER_ACTIONS = {
    Action.START_ASSESSMENT,
    Action.SUBMIT_ASSESSMENT,
    Action.SUBMIT_PLAN,
    Action.START_FOLLOW_UP,
    Action.REQUEST_CLOSURE,
    Action.REOPEN,
}
SUPERVISOR_ACTIONS = {Action.APPROVE, Action.RETURN, Action.REOPEN}

# Where an approval takes the case.
APPROVAL_TARGET = {
    Pending.ASSESSMENT: Stage.PLAN,
    Pending.PLAN: Stage.SERVICES,
    Pending.CLOSURE: Stage.CLOSED,
}

# How long a case may stay in a stage (or a submission wait) before the page calls it overdue.
STAGE_LIMIT_DAYS = {
    Stage.NEW: 3,
    Stage.ASSESSMENT: 14,
    Stage.PLAN: 14,
    Stage.FOLLOW_UP: 90,
}
APPROVAL_LIMIT_DAYS = 3


@dataclass(frozen=True)
class State:
    stage: Stage
    pending: Pending = Pending.NONE


@dataclass(frozen=True)
class Facts:
    """What the workflow needs to know about a case beyond its stage."""

    has_assessment: bool = False
    has_plan: bool = False  # at least one goal with an action


def _possible(state: State) -> set[Action]:
    """The actions the state allows, whoever asks."""
    if state.stage == Stage.CLOSED:
        return {Action.REOPEN}
    if state.pending != Pending.NONE:
        return {Action.APPROVE, Action.RETURN}
    possible = {Action.REQUEST_CLOSURE}
    if state.stage == Stage.NEW:
        possible.add(Action.START_ASSESSMENT)
    elif state.stage == Stage.ASSESSMENT:
        possible.add(Action.SUBMIT_ASSESSMENT)
    elif state.stage == Stage.PLAN:
        possible.add(Action.SUBMIT_PLAN)
    elif state.stage == Stage.SERVICES:
        possible.add(Action.START_FOLLOW_UP)
    return possible


def actions_for(state: State, *, is_worker: bool, is_supervisor: bool) -> list[Action]:
    """The actions this person may take now, in a stable order."""
    allowed: set[Action] = set()
    if is_worker:
        allowed |= WORKER_ACTIONS
    if is_supervisor:
        allowed |= SUPERVISOR_ACTIONS | WORKER_ACTIONS
    return [action for action in Action if action in _possible(state) & allowed]


def apply(
    state: State,
    action: Action,
    *,
    is_worker: bool,
    is_supervisor: bool,
    facts: Facts = Facts(),
) -> State:
    """The state after ``action``; raises ``WorkflowError`` with a code saying why not."""
    if action not in _possible(state):
        raise WorkflowError("not_now")
    if action not in actions_for(state, is_worker=is_worker, is_supervisor=is_supervisor):
        raise WorkflowError("not_yours")
    match action:
        case Action.START_ASSESSMENT:
            return State(Stage.ASSESSMENT)
        case Action.SUBMIT_ASSESSMENT:
            if not facts.has_assessment:
                raise WorkflowError("no_assessment")
            return State(state.stage, Pending.ASSESSMENT)
        case Action.SUBMIT_PLAN:
            if not facts.has_plan:
                raise WorkflowError("no_plan")
            return State(state.stage, Pending.PLAN)
        case Action.START_FOLLOW_UP:
            return State(Stage.FOLLOW_UP)
        case Action.REQUEST_CLOSURE:
            return State(state.stage, Pending.CLOSURE)
        case Action.APPROVE:
            # What was submitted must still be there when it is approved.
            if state.pending == Pending.ASSESSMENT and not facts.has_assessment:
                raise WorkflowError("no_assessment")
            if state.pending == Pending.PLAN and not facts.has_plan:
                raise WorkflowError("no_plan")
            return State(APPROVAL_TARGET[state.pending])
        case Action.RETURN:
            return State(state.stage)
        case Action.REOPEN:
            return State(Stage.ASSESSMENT)
    raise WorkflowError("not_now")  # pragma: no cover - every action is matched above


def next_step(state: State) -> str:
    """A code for what should happen next (the page words it)."""
    if state.stage == Stage.CLOSED:
        return "closed"
    if state.pending != Pending.NONE:
        return f"approve_{state.pending.name.lower()}"
    return {
        Stage.NEW: "start_assessment",
        Stage.ASSESSMENT: "complete_assessment",
        Stage.PLAN: "complete_plan",
        Stage.SERVICES: "deliver_services",
        Stage.FOLLOW_UP: "follow_up",
    }[state.stage]


def overdue_since(state: State, since: datetime) -> datetime | None:
    """When the case's stage (or its waiting submission) became overdue, or None."""
    if state.stage == Stage.CLOSED:
        return None
    if state.pending != Pending.NONE:
        return since + timedelta(days=APPROVAL_LIMIT_DAYS)
    days = STAGE_LIMIT_DAYS.get(state.stage)
    return since + timedelta(days=days) if days is not None else None


def is_overdue(state: State, since: datetime, now: datetime) -> bool:
    due = overdue_since(state, since)
    return due is not None and now > due
