"""Every enum the API exposes, with its Chinese label. Values are English snake_case; labels live only in this
package, one module per domain (each module defines its enums and a LABELS dict; add the module below).

The labels reach users through exports and through GET /api/v1/meta/enums, which the SPA reads.
"""

from enum import StrEnum

from app.core.enums import bulletins, cases, lists, orgs, permissions, problems, projects
from app.core.enums.bulletins import BulletinStatus, ContactPointStatus
from app.core.enums.cases import (
    CaseChannel,
    CaseStatus,
    Classification,
    ClassificationMode,
    ConflictKind,
    ObjectionStatus,
    RoundPhase,
    ScoringPurpose,
    ScoringStatus,
    ScoringSubjectType,
)
from app.core.enums.lists import (
    ResponsibilityItemStatus,
    ResponsibilityLetterStatus,
    ResponsibilityRole,
    TaskAssignmentStatus,
    TaskListStatus,
    TaskRollupBy,
)
from app.core.enums.orgs import OrgDomain, OrgKind, OrgLevel, OrgStatus, Role
from app.core.enums.permissions import Permission
from app.core.enums.problems import InspectionType, ProblemCategory, ProblemSeverity, ProblemSource, ProblemStatus
from app.core.enums.projects import CampaignStatus, ProjectCategory, ProjectGrade, ProjectStatus, ReminderReason

LABELS: dict[type[StrEnum], dict[str, str]] = {}
for _module in (orgs, permissions, problems, bulletins, cases, projects, lists):
    LABELS.update(_module.LABELS)


def label(value: StrEnum) -> str:
    return LABELS[type(value)][value.value]


def snake_name(enum_cls: type[StrEnum]) -> str:
    name = enum_cls.__name__
    return "".join("_" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))


__all__ = [
    "LABELS",
    "BulletinStatus",
    "CampaignStatus",
    "CaseChannel",
    "CaseStatus",
    "Classification",
    "ClassificationMode",
    "ConflictKind",
    "ContactPointStatus",
    "InspectionType",
    "ObjectionStatus",
    "OrgDomain",
    "OrgKind",
    "OrgLevel",
    "OrgStatus",
    "Permission",
    "ProblemCategory",
    "ProblemSeverity",
    "ProblemSource",
    "ProblemStatus",
    "ProjectCategory",
    "ProjectGrade",
    "ProjectStatus",
    "ReminderReason",
    "ResponsibilityItemStatus",
    "ResponsibilityLetterStatus",
    "ResponsibilityRole",
    "Role",
    "RoundPhase",
    "ScoringPurpose",
    "ScoringStatus",
    "ScoringSubjectType",
    "TaskAssignmentStatus",
    "TaskListStatus",
    "TaskRollupBy",
    "label",
    "snake_name",
]
