"""问题单 and inspections."""

from enum import StrEnum


class ProblemSource(StrEnum):
    inspection = "inspection"
    research = "research"
    assessment = "assessment"
    self_check = "self_check"
    report = "report"
    observation = "observation"
    feedback = "feedback"


class ProblemCategory(StrEnum):
    immediate = "immediate"
    deadline = "deadline"
    long_term = "long_term"


class ProblemSeverity(StrEnum):
    general = "general"
    serious = "serious"
    critical = "critical"


class ProblemStatus(StrEnum):
    open = "open"
    rectifying = "rectifying"
    submitted = "submitted"
    closed = "closed"


class InspectionType(StrEnum):
    inspection = "inspection"
    research = "research"
    observation = "observation"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    ProblemSource: {
        "inspection": "督查",
        "research": "调研",
        "assessment": "考核",
        "self_check": "自查",
        "report": "述职",
        "observation": "观摩",
        "feedback": "问题反馈单",
    },
    ProblemCategory: {"immediate": "立行立改", "deadline": "限期整改", "long_term": "长期整治"},
    ProblemSeverity: {"general": "一般", "serious": "较重", "critical": "严重"},
    ProblemStatus: {"open": "待整改", "rectifying": "整改中", "submitted": "申请销号", "closed": "已销号"},
    InspectionType: {"inspection": "督查", "research": "调研", "observation": "观摩"},
}
