"""责任单 workflows.

Letter:  draft → issued (by the issuing side: responsibility_issue over the parent org)
               → signed (by the target org's own secretary: responsibility_sign held at the target org itself).
Item:    draft (while its letter is a draft) → in_progress (when the letter is issued) → submitted (完成情况报告,
         by the item's org or its responsible person) → completed (确认完成, by someone above: the issuing org or
         an ancestor) | back to in_progress (returned, reason required); a completed item can be reopened from
         above (reason required).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.audit.recorder import mark
from app.authz.permissions import Permission as P
from app.authz.principal import Principal
from app.core.enums import ResponsibilityItemStatus as S
from app.core.enums import ResponsibilityLetterStatus as L
from app.core.enums import label
from app.core.errors import Forbidden, InvalidTransition
from app.models.lists import ResponsibilityLetter
from app.tracking.workflow import ISSUER, OWN_ORG, VERIFIER, T, Workflow

RESPONSIBILITY_ITEM = Workflow(
    kind="responsibility_item",
    initial=S.draft,
    terminal=frozenset({S.completed}),
    transitions=(
        T("issue", {S.draft}, S.in_progress, ISSUER(P.responsibility_issue), event="issued"),
        T("submit", {S.in_progress}, S.submitted, OWN_ORG(P.responsibility_report)),
        T("complete", {S.submitted}, S.completed, VERIFIER(P.responsibility_issue)),
        T("return", {S.submitted}, S.in_progress, VERIFIER(P.responsibility_issue), event="returned"),
        T("reopen", {S.completed}, S.in_progress, VERIFIER(P.responsibility_issue), event="reopened"),
    ),
)
# Taken through the letter, never on one item alone.
LETTER_DRIVEN = frozenset({"issue"})


def issuing_side(principal: Principal, letter: ResponsibilityLetter) -> bool:
    return principal.can(P.responsibility_issue, letter.issuer_org_path)


def target_secretary(principal: Principal, letter: ResponsibilityLetter) -> bool:
    """Signing is personal to the target org: an assignment at that very org granting responsibility_sign (its
    secretary). The issuing side's secretary holds the permission too, but above the org: that does not count."""
    return any(a.org_path == letter.org_path and P.responsibility_sign in a.permissions for a in principal.assignments)


@dataclass(frozen=True)
class LetterStep:
    action: str
    source: L
    target: L
    allows: Callable[[Principal, ResponsibilityLetter], bool]
    refusal: str


LETTER_STEPS = {
    "issue": LetterStep("issue", L.draft, L.issued, issuing_side, "只有下达单位可以下达责任书"),
    "sign": LetterStep("sign", L.issued, L.signed, target_secretary, "只有被下达组织的书记本人可以签订责任书"),
}


def letter_actions(principal: Principal, letter: ResponsibilityLetter) -> list[str]:
    actions = [s.action for s in LETTER_STEPS.values() if s.source == letter.status and s.allows(principal, letter)]
    if letter.status == L.draft and issuing_side(principal, letter):
        actions += ["edit", "delete"]
    return actions


def apply_letter(session: Session, principal: Principal, letter: ResponsibilityLetter, action: str) -> None:
    step = LETTER_STEPS[action]
    if not step.allows(principal, letter):
        raise Forbidden(step.refusal)
    if letter.status != step.source:
        raise InvalidTransition(f"责任书{label(letter.status)}，不能执行该操作")
    mark(session, letter, step.target)
    letter.status = step.target
