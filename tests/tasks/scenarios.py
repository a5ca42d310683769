"""Audit scenarios and scope declarations for 任务单 (see tests/support/inventory.py)."""

from typing import Any

from tests.support.api import Api
from tests.support.files import upload
from tests.support.inventory import Write, created_id
from tests.tasks.helpers import act, assignment_of, create, issued, task, to_status


def _id(_: Api, response: Any) -> str:
    return str(response.json()["id"])


def _draft(api: Api) -> dict[str, Any]:
    return create(api, [task(target_level="village")])


def _assignment(api: Api, status: str = "assigned") -> dict[str, Any]:
    a = assignment_of(api, issued(api), "va1")
    return a if status == "assigned" else to_status(api, a, status)


def _last_report_id(api: Api, response: Any) -> str:
    timeline = api.as_("va1_secretary").get(f"/task-assignments/{response.json()['id']}/timeline").json()
    return str(timeline[-1]["id"])


WRITES: dict[tuple[str, str], Write] = {
    ("POST", "/api/v1/task-lists"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(
            "/task-lists", json={"org_id": a.world.org_id("ta"), "title": "基层党建月度工作清单", "period": "2026-11"}
        ),
        "task_list",
        "created",
        created_id,
    ),
    ("PATCH", "/api/v1/task-lists/{list_id}"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").patch(f"/task-lists/{_draft(a)['id']}", json={"period": "2026-12"}),
        "task_list",
        "updated",
        _id,
    ),
    ("DELETE", "/api/v1/task-lists/{list_id}"): Write(
        "ta_organizer",
        lambda a, object_id: a.as_("ta_organizer").delete(f"/task-lists/{object_id}"),
        "task_list",
        "deleted",
        lambda a, _: "",
        before=lambda a: str(_draft(a)["id"]),
    ),
    ("POST", "/api/v1/task-lists/{list_id}/tasks"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/task-lists/{_draft(a)['id']}/tasks", json=task(target_level="village")),
        "task",
        "created",
        created_id,
    ),
    ("POST", "/api/v1/task-lists/{list_id}/issue"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/task-lists/{_draft(a)['id']}/issue"),
        "task_list",
        "issued",
        _id,
    ),
    ("PATCH", "/api/v1/tasks/{task_id}"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").patch(f"/tasks/{_draft(a)['tasks'][0]['id']}", json={"is_key": True}),
        "task",
        "updated",
        _id,
    ),
    ("DELETE", "/api/v1/tasks/{task_id}"): Write(
        "ta_organizer",
        lambda a, object_id: a.as_("ta_organizer").delete(f"/tasks/{object_id}"),
        "task",
        "deleted",
        lambda a, _: "",
        before=lambda a: str(_draft(a)["tasks"][0]["id"]),
    ),
    ("PATCH", "/api/v1/task-assignments/{assignment_id}"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").patch(
            f"/task-assignments/{_assignment(a)['id']}", json={"responsible_user_id": a.world.user_id("va1_worker")}
        ),
        "task_assignment",
        "updated",
        _id,
    ),
    ("POST", "/api/v1/task-assignments/{assignment_id}/start"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(f"/task-assignments/{_assignment(a)['id']}/start"),
        "task_assignment",
        "started",
        _id,
    ),
    ("POST", "/api/v1/task-assignments/{assignment_id}/reports"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(
            f"/task-assignments/{_assignment(a)['id']}/reports", json={"content": "已部署"}
        ),
        "progress_report",
        "created",
        _last_report_id,
    ),
    ("POST", "/api/v1/task-assignments/{assignment_id}/submit"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(
            f"/task-assignments/{_assignment(a, 'in_progress')['id']}/submit",
            json={"content": "已完成", "attachment_ids": [upload(a.as_("va1_secretary"))]},
        ),
        "task_assignment",
        "submitted",
        _id,
    ),
    ("POST", "/api/v1/task-assignments/{assignment_id}/accept"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/task-assignments/{_assignment(a, 'submitted')['id']}/accept", json={}),
        "task_assignment",
        "accepted",
        _id,
    ),
    ("POST", "/api/v1/task-assignments/{assignment_id}/return"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(
            f"/task-assignments/{_assignment(a, 'submitted')['id']}/return", json={"note": "请补充签到表"}
        ),
        "task_assignment",
        "returned",
        _id,
    ),
}

LISTS = {
    "/api/v1/task-lists": lambda row: row["org_id"],
    "/api/v1/tasks": lambda row: row["org_id"],
    "/api/v1/task-assignments": lambda row: row["org_id"],
}
DETAILS = {
    "/api/v1/task-lists/{list_id}": "/api/v1/task-lists",
    "/api/v1/tasks/{task_id}": "/api/v1/tasks",
    "/api/v1/task-assignments/{assignment_id}": "/api/v1/task-assignments",
    "/api/v1/task-assignments/{assignment_id}/timeline": "/api/v1/task-assignments",
}
GET_EXEMPT = {"/api/v1/task-assignments/rollup": "aggregate; scoped counts tested in tests/tasks/test_rollup.py"}


def activity(api: Api) -> None:
    for side, village in (("ta", "va1"), ("tb", "vb1")):
        task_list = issued(api, [task(target_org_ids=[api.world.org_id(village)])], org=side, by=f"{side}_organizer")
        act(api, assignment_of(api, task_list, village, by=f"{side}_organizer"), "start", f"{village}_secretary")
        create(api, [task(target_level="village")], org=side, by=f"{side}_organizer")
