"""责任单 (responsibility letters and items) and 任务单 (task lists, tasks and their assignments)."""

from enum import StrEnum


class ResponsibilityLetterStatus(StrEnum):
    draft = "draft"
    issued = "issued"
    signed = "signed"


class ResponsibilityRole(StrEnum):
    secretary = "secretary"
    deputy = "deputy"
    member = "member"


class ResponsibilityItemStatus(StrEnum):
    draft = "draft"
    in_progress = "in_progress"
    submitted = "submitted"
    completed = "completed"


class TaskListStatus(StrEnum):
    draft = "draft"
    issued = "issued"


class TaskAssignmentStatus(StrEnum):
    assigned = "assigned"
    in_progress = "in_progress"
    submitted = "submitted"
    accepted = "accepted"


class TaskRollupBy(StrEnum):
    children = "children"
    level = "level"
    domain = "domain"
    task_list = "task_list"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    ResponsibilityLetterStatus: {"draft": "草稿", "issued": "已下达", "signed": "已签订"},
    ResponsibilityRole: {"secretary": "第一责任人（书记）", "deputy": "副书记", "member": "班子成员（一岗双责）"},
    ResponsibilityItemStatus: {
        "draft": "待下达",
        "in_progress": "落实中",
        "submitted": "已报完成（待确认）",
        "completed": "已完成",
    },
    TaskListStatus: {"draft": "草稿", "issued": "已下发"},
    TaskAssignmentStatus: {
        "assigned": "待办理",
        "in_progress": "办理中",
        "submitted": "已报送（待验收）",
        "accepted": "已验收",
    },
    TaskRollupBy: {"children": "下级组织", "level": "组织层级", "domain": "工作领域", "task_list": "任务清单"},
}
