"""A session with everything its arithmetic and its conflicts need, loaded once per request: rubric, subjects
(described by their type), scorers with their home orgs, conflicts (from the tree and declared), scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.core.enums import ClassificationMode
from app.models.scoring import Score, ScoringSession
from app.scoring import aggregate, repository, subjects
from app.scoring.aggregate import Classifier, Criterion, Mark, Outcome
from app.scoring.conflicts import Conflict, declared, tree_conflict
from app.scoring.subjects import SubjectInfo

RULE = (
    "每项指标：评分满 5 份时去掉一个最高分和一个最低分后取平均，不足 5 份直接取平均；"
    "总分 = Σ（指标权重 × 指标得分），保留两位小数（四舍五入）；"
    "按总分从高到低排名，总分相同时第一项指标得分高者在前，仍相同则并列（1、2、2、4）。"
)
RULE_NORMALIZED = "各评委的评分先按指标换算为标准分（z-score），消除评分尺度差异。"


def rubric_of(scoring: ScoringSession) -> list[Criterion]:
    return [Criterion(c["name"], Decimal(c["max_points"]), Decimal(c["weight"])) for c in scoring.rubric]


def classifier_of(scoring: ScoringSession) -> Classifier | None:
    setting = scoring.classification
    if not setting:
        return None
    if setting["mode"] == ClassificationMode.shares:
        return Classifier(
            "shares", top_share=Decimal(setting["top_share"]), bottom_share=Decimal(setting["bottom_share"])
        )
    return Classifier(
        "thresholds",
        advanced_min=Decimal(setting["advanced_min"]),
        lagging_below=Decimal(setting["lagging_below"]),
    )


def rule_of(scoring: ScoringSession) -> str:
    return RULE + (RULE_NORMALIZED if scoring.normalize else "")


@dataclass
class Panel:
    scoring: ScoringSession
    rubric: list[Criterion]
    subjects: dict[int, SubjectInfo]  # in the session's order
    scorers: dict[int, tuple[str, str, str]]  # id -> (name, home path, home org name)
    conflicts: dict[tuple[int, int], Conflict] = field(default_factory=dict)  # (scorer, subject)
    scores: list[Score] = field(default_factory=list)

    def conflict(self, scorer_id: int, subject_id: int) -> Conflict | None:
        return self.conflicts.get((scorer_id, subject_id))

    def marks(self) -> list[Mark]:
        """The scores that count: conflicted scorers' scores never do, wherever they came from."""
        names = {c.name for c in self.rubric}
        return [
            Mark(s.scorer_id, s.subject_id, s.criterion, s.points)
            for s in self.scores
            if (s.scorer_id, s.subject_id) not in self.conflicts
            and s.criterion in names
            and s.subject_id in self.subjects
        ]

    def outcome(self) -> Outcome:
        return aggregate.compute(
            self.rubric,
            list(self.subjects),
            self.marks(),
            normalized=self.scoring.normalize,
            classifier=classifier_of(self.scoring),
        )

    def progress(self, scorer_id: int) -> dict[str, Any]:
        own: dict[int, set[str]] = {}
        for s in self.scores:
            if s.scorer_id == scorer_id:
                own.setdefault(s.subject_id, set()).add(s.criterion)
        names = {c.name for c in self.rubric}
        conflicts = [sid for sid in self.subjects if (scorer_id, sid) in self.conflicts]
        assigned = [sid for sid in self.subjects if (scorer_id, sid) not in self.conflicts]
        scored = [sid for sid in assigned if names and own.get(sid, set()) >= names]
        missing = sum(len(names - own.get(sid, set())) for sid in assigned)
        return {"assigned": len(assigned), "scored": len(scored), "conflicts": len(conflicts), "missing": missing}


def load(session: Session, scoring: ScoringSession, *, scorer_id: int | None = None, with_scores: bool = True) -> Panel:
    """Everything about `scoring`; with `scorer_id`, only that scorer's conflicts and scores."""
    kind = subjects.get(scoring.subject_type)
    described = kind.describe(session, scoring.subject_ids)
    ordered = {sid: described[sid] for sid in scoring.subject_ids if sid in described}
    scorer_ids = [scorer_id] if scorer_id is not None else list(scoring.scorer_ids)
    homes = repository.scorer_homes(session, scorer_ids)
    panel = Panel(scoring, rubric_of(scoring), ordered, {u: homes[u] for u in scorer_ids if u in homes})
    for uid, (_, home_path, home_name) in panel.scorers.items():
        for sid, info in ordered.items():
            found = tree_conflict(home_path, home_name, info.org_path, info.org_name)
            if found is not None:
                panel.conflicts[(uid, sid)] = found
    for c in repository.declared_conflicts(session, scoring.id, scorer_id):
        panel.conflicts.setdefault((c.scorer_id, c.subject_id), declared(c.reason))
    if with_scores:
        panel.scores = repository.scores(session, scoring.id, scorer_id=scorer_id)
    return panel
