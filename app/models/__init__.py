"""All tables. Central because every table points at Org; per-domain model files would import in circles."""

from app.models.accounts import RoleAssignment, User
from app.models.auth import AuthSession, LoginFailure, RefreshToken
from app.models.bulletins import Bulletin, BulletinCounter, ContactPoint, Visit
from app.models.cases import Case, CaseFeedback, CaseObjection, CaseRound, CaseTag, CaseVerification
from app.models.lists import ResponsibilityItem, ResponsibilityLetter, Task, TaskAssignment, TaskList
from app.models.operations import Notification, WebhookDelivery, WebhookSubscription
from app.models.orgs import Org
from app.models.problems import Inspection, Problem, inspection_orgs
from app.models.projects import Project, ProjectCampaign, ProjectItem
from app.models.records import AuditEvent, Event, IdempotencyRecord
from app.models.rollups import SubtreeCount, SubtreeOpenDeadline
from app.models.scoring import Score, ScoringConflict, ScoringScorer, ScoringSession, ScoringSubject
from app.models.tracking import Attachment, Milestone, ProgressReport, TrackedItem

__all__ = [
    "Attachment",
    "AuditEvent",
    "AuthSession",
    "Bulletin",
    "BulletinCounter",
    "Case",
    "CaseFeedback",
    "CaseObjection",
    "CaseRound",
    "CaseTag",
    "CaseVerification",
    "ContactPoint",
    "Event",
    "IdempotencyRecord",
    "Inspection",
    "LoginFailure",
    "Milestone",
    "Notification",
    "Org",
    "Problem",
    "ProgressReport",
    "Project",
    "ProjectCampaign",
    "ProjectItem",
    "RefreshToken",
    "ResponsibilityItem",
    "ResponsibilityLetter",
    "RoleAssignment",
    "Score",
    "ScoringConflict",
    "ScoringScorer",
    "ScoringSession",
    "ScoringSubject",
    "SubtreeCount",
    "SubtreeOpenDeadline",
    "Task",
    "TaskAssignment",
    "TaskList",
    "TrackedItem",
    "User",
    "Visit",
    "WebhookDelivery",
    "WebhookSubscription",
    "inspection_orgs",
]
