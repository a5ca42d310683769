"""Conflict of interest (回避), from the org tree: a scorer never scores a subject whose org is the scorer's home
org, an ancestor or a descendant of it. Declared conflicts come on top. Both are told to the scorer with why."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.enums import ConflictKind


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    reason: str


def tree_conflict(home_path: str, home_name: str, subject_path: str, subject_org: str) -> Conflict | None:
    if subject_path == home_path:
        return Conflict(ConflictKind.same_org, f"评分对象属于您所在的{home_name}，须回避")
    if subject_path.startswith(home_path):
        return Conflict(
            ConflictKind.subject_below, f"评分对象所属的{subject_org}是您所在的{home_name}的下级组织，须回避"
        )
    if home_path.startswith(subject_path):
        return Conflict(
            ConflictKind.subject_above, f"评分对象所属的{subject_org}是您所在的{home_name}的上级组织，须回避"
        )
    return None


def declared(reason: str) -> Conflict:
    return Conflict(ConflictKind.declared, f"您已申报回避：{reason}")
