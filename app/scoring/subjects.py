"""What a session can score. Each subject type says how to find its subjects (scoped, when an organizer picks
them), how to describe them (label and org, for display and conflicts of interest) and, optionally, what a
scorer reads about one. Orgs and projects are built in; cases register themselves from app/cases."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.authz.principal import Principal
from app.core.enums import ScoringSubjectType


@dataclass(frozen=True)
class SubjectInfo:
    id: int
    label: str
    org_id: int
    org_name: str
    org_path: str


# (session, ids) -> the subjects that exist, whoever asks
Describe = Callable[[Session, Sequence[int]], dict[int, SubjectInfo]]
# (session, principal, ids, root path) -> those the principal may put into a session run at root path
Candidates = Callable[[Session, Principal, Sequence[int], str], dict[int, SubjectInfo]]
# (session, ids) -> what a scorer reads: summary, body, domain, attachments
Content = Callable[[Session, Sequence[int]], dict[int, dict[str, Any]]]


@dataclass(frozen=True)
class SubjectType:
    name: ScoringSubjectType
    describe: Describe
    candidates: Candidates
    content: Content | None = None
    refusal: str = "评分对象不存在或不在本单位范围内"


_TYPES: dict[ScoringSubjectType, SubjectType] = {}


def register(subject_type: SubjectType) -> SubjectType:
    _TYPES[subject_type.name] = subject_type
    return subject_type


def get(name: ScoringSubjectType) -> SubjectType:
    return _TYPES[name]
