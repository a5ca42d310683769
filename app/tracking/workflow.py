"""One workflow engine for every tracked kind. A kind's rules are a table that fits on one screen:

    PROBLEM = Workflow("problem", terminal={"closed"}, transitions=[
        T("rectify", {"open"}, "rectifying", OWN_ORG(Permission.problem_report)),
        T("close", {"submitted"}, "closed", VERIFIER(Permission.problem_verify)),
        ...
    ])

`apply()` checks who may act (403), then whether the action is allowed from the current status (409
`invalid_transition`), moves the status, keeps `is_open`/`closed_at` right and names the change for the audit
trail and the event feed (`problem.closed`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.orm import Session

from app.audit.recorder import mark
from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.core import clock
from app.core.errors import Forbidden, InvalidTransition
from app.models.tracking import TrackedItem


class ItemFacts(Protocol):
    """What the rules look at: an ORM item or a ledger row."""

    org_path: str
    issuer_org_path: str | None
    responsible_user_id: int | None
    status: str


Who = Callable[[Principal, ItemFacts], bool]


@dataclass(frozen=True)
class Actor:
    """Who may take a transition, with the refusal message shown when they may not."""

    allows: Who
    refusal: str
    code: str = "forbidden"


def OWN_ORG(permission: Permission) -> Actor:
    """Holds `permission` through an assignment at the item's own org, or is the item's responsible person."""

    def allows(principal: Principal, item: ItemFacts) -> bool:
        own = any(a.org_path == item.org_path and permission in a.permissions for a in principal.assignments)
        return own or (item.responsible_user_id == principal.user_id and principal.can(permission, item.org_path))

    return Actor(allows, "只有本组织或责任人可以办理")


def VERIFIER(permission: Permission) -> Actor:
    """Verification is always by someone above: the issuing org (when it is not the item's org) or a strict
    ancestor of the item's org. Never the item's own org."""

    def allows(principal: Principal, item: ItemFacts) -> bool:
        issuer = item.issuer_org_path
        by_issuer = issuer is not None and issuer != item.org_path and principal.can(permission, issuer)
        return by_issuer or principal.can_above(permission, item.org_path)

    return Actor(allows, "须由上级党组织审核验收，本组织不能自行办理", "verifier_not_above")


def ISSUER(permission: Permission) -> Actor:
    """The issuing side: holds `permission` over the issuing org."""

    def allows(principal: Principal, item: ItemFacts) -> bool:
        return item.issuer_org_path is not None and principal.can(permission, item.issuer_org_path)

    return Actor(allows, "只有发起单位可以办理")


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    actor: Actor
    event: str = ""  # defaults to the target status: "closed" → problem.closed

    @property
    def event_name(self) -> str:
        return self.event or self.target


def T(action: str, sources: Iterable[str], target: str, actor: Actor, event: str = "") -> Transition:
    return Transition(action, frozenset(sources), target, actor, event)


@dataclass(frozen=True)
class Workflow:
    kind: str
    initial: str
    terminal: frozenset[str]
    transitions: tuple[Transition, ...]
    _by_action: dict[str, Transition] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_action", {t.action: t for t in self.transitions})

    @property
    def statuses(self) -> frozenset[str]:
        return frozenset(
            {self.initial} | {t.target for t in self.transitions} | {s for t in self.transitions for s in t.sources}
        )

    def transition(self, action: str) -> Transition:
        return self._by_action[action]

    def allowed_actions(self, principal: Principal, item: Any) -> list[str]:
        """What the caller could do now (the SPA shows exactly these buttons)."""
        return [t.action for t in self.transitions if item.status in t.sources and t.actor.allows(principal, item)]

    def apply(self, session: Session, principal: Principal, item: TrackedItem, action: str) -> Transition:
        transition = self._by_action[action]
        if not transition.actor.allows(principal, item):
            raise Forbidden(transition.actor.refusal, code=transition.actor.code)
        if item.status not in transition.sources:
            raise InvalidTransition(f"当前状态（{item.status}）下不能执行该操作")
        mark(session, item, transition.event_name)
        item.status = transition.target
        now_open = transition.target not in self.terminal
        if item.is_open and not now_open:
            item.closed_at = clock.now()
        elif now_open:
            item.closed_at = None
        item.is_open = now_open
        return transition


def initial_state(workflow: Workflow) -> dict[str, object]:
    return {"status": workflow.initial, "is_open": workflow.initial not in workflow.terminal}
