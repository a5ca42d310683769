"""问题通报 workflow: a draft is the issuing side's working copy; publishing numbers it and freezes it.

A bulletin is not a tracked item (no responsible person, deadline or timeline), so the table is checked here
rather than by the tracked-item engine; the shape of the rules is the same: (action, from, to, who)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.audit.recorder import mark
from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.core.enums import BulletinStatus as S
from app.core.errors import Forbidden, InvalidTransition
from app.models.bulletins import Bulletin


@dataclass(frozen=True)
class Action:
    name: str
    sources: frozenset[S]
    target: S
    permission: Permission  # held over the issuing org
    event: str = ""  # the audit action / event suffix; empty for plain updates and deletes


ACTIONS = {
    a.name: a
    for a in (
        Action("update", frozenset({S.draft}), S.draft, Permission.bulletin_write),
        Action("delete", frozenset({S.draft}), S.draft, Permission.bulletin_write),
        Action("publish", frozenset({S.draft}), S.published, Permission.bulletin_write, "published"),
    )
}


def allowed_actions(principal: Principal, bulletin: Bulletin) -> list[str]:
    return [
        a.name
        for a in ACTIONS.values()
        if bulletin.status in a.sources and principal.can(a.permission, bulletin.org_path)
    ]


def check(principal: Principal, bulletin: Bulletin, action: str) -> Action:
    """403 when the caller may not act for the issuing org, 409 `invalid_transition` from the wrong status."""
    rule = ACTIONS[action]
    if not principal.can(rule.permission, bulletin.org_path):
        raise Forbidden("只有发文单位可以办理")
    if bulletin.status not in rule.sources:
        raise InvalidTransition("通报已发布，不能再修改" if bulletin.status == S.published else None)
    return rule


def apply(session: Session, principal: Principal, bulletin: Bulletin, action: str) -> None:
    rule = check(principal, bulletin, action)
    if rule.event:
        mark(session, bulletin, rule.event)
    bulletin.status = rule.target
