"""书记项目: campaigns, catalog items, projects and their acceptance grades."""

from enum import StrEnum


class CampaignStatus(StrEnum):
    draft = "draft"
    open = "open"
    closed = "closed"


class ProjectCategory(StrEnum):
    regular = "regular"
    key = "key"
    showcase = "showcase"


class ProjectStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    returned = "returned"
    in_progress = "in_progress"
    completed = "completed"
    accepted = "accepted"
    cancelled = "cancelled"


class ProjectGrade(StrEnum):
    excellent = "excellent"
    good = "good"
    qualified = "qualified"
    unqualified = "unqualified"


class ReminderReason(StrEnum):
    no_monthly_report = "no_monthly_report"
    behind_milestone = "behind_milestone"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    CampaignStatus: {"draft": "草稿", "open": "认领实施中", "closed": "已结束"},
    ProjectCategory: {"regular": "常规项目", "key": "重点项目", "showcase": "优势项目"},
    ProjectStatus: {
        "draft": "草稿",
        "submitted": "已申报",
        "approved": "审核通过",
        "returned": "已退回",
        "in_progress": "实施中",
        "completed": "待验收",
        "accepted": "已验收",
        "cancelled": "已撤销",
    },
    ProjectGrade: {"excellent": "优秀", "good": "良好", "qualified": "合格", "unqualified": "不合格"},
    ReminderReason: {"no_monthly_report": "本月未调度", "behind_milestone": "进度滞后于节点"},
}
