"""The registry of tracked kinds: each domain registers its model, workflow and permissions once."""

from __future__ import annotations

from dataclasses import dataclass

from app.authz.permissions import Permission
from app.models.tracking import TrackedItem
from app.tracking.workflow import Workflow


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[TrackedItem]
    workflow: Workflow
    read: Permission
    report: Permission
    # Statuses in which the item owes a report every month (每月更新上报 / 一月一调度); empty: none owed.
    monthly_statuses: frozenset[str] = frozenset()
    label: str = ""
    # Statuses that count as done for completion / closure rates (default: the workflow's terminal statuses).
    done_statuses: frozenset[str] | None = None

    @property
    def done(self) -> frozenset[str]:
        return self.done_statuses if self.done_statuses is not None else self.workflow.terminal


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind
