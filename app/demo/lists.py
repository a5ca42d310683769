"""Demo 责任单 and 任务单 for 2026, in the words of the seeds: the county's letters to every township and each
township's to its villages (区、乡、村三级责任单，逐级签订党建责任书), quarterly reports for Q1–Q3, and the county's
《基层党建月度工作清单》 for October and November with the year's key tasks, plus one township's own list.

Every change goes through the workflow engine (its permission rules included) and the task lists through their
service (the same fan-out as the API), with the clock set to the day it happened, so timelines look like a year of
use. Every state of every workflow appears. The letters are in app/demo/lists_letters.py."""

from __future__ import annotations

import hashlib
import io
import struct
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from random import Random

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachments.storage import get_storage
from app.authz.principal import Assignment, Principal
from app.core import clock
from app.core.enums import OrgDomain, OrgLevel, Role
from app.demo import lists_letters
from app.demo.orgs import DemoTree
from app.demo.people import DemoPeople
from app.models.accounts import RoleAssignment, User
from app.models.lists import TaskAssignment
from app.models.orgs import Org
from app.models.tracking import Attachment, ProgressReport, TrackedItem
from app.tasks import service as task_lists
from app.tasks.schemas import TaskIn, TaskListCreate
from app.tasks.workflow import TASK_ASSIGNMENT
from app.tracking import service as tracking
from app.tracking.workflow import Workflow

YEAR = 2026
RETURN_NOTES = (
    "佐证材料不全，请补充会议记录和现场照片",
    "党课记录未体现书记本人讲课，请核实后重新报告",
    "完成情况与台账数据不一致，请核对后重新报送",
)


def _png() -> bytes:
    """A small red square: real image bytes, so the evidence downloads and previews like an upload would."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xc8\x10\x2e" * 16 for _ in range(16))
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@dataclass
class _Demo:
    session: Session
    tree: DemoTree
    people: DemoPeople
    rng: Random = field(default_factory=lambda: Random(f"lists-{YEAR}"))
    _principals: dict[int, Principal] = field(default_factory=dict)
    _photo: bytes = field(default_factory=_png)
    letters: int = 0
    items: int = 0
    lists: int = 0
    assignments: int = 0

    def at(self, day: date, hour: int = 9) -> None:
        """Everything from now on happens on `day` (local office hours)."""
        moment = datetime(day.year, day.month, day.day, hour - 8, self.rng.randint(0, 59), tzinfo=UTC)
        clock.set_clock(lambda: moment)

    def __post_init__(self) -> None:
        # Every demo user's roles in one query, before any row is pending: no autoflush per first use.
        rows = self.session.execute(
            select(RoleAssignment.user_id, RoleAssignment.id, RoleAssignment.role, Org.id, Org.path).join(
                Org, Org.id == RoleAssignment.org_id
            )
        )
        roles: dict[int, list[Assignment]] = {}
        for user_id, assignment_id, role, org_id, path in rows:
            roles.setdefault(user_id, []).append(Assignment(assignment_id, Role(role), org_id, path))
        for user in self.people.by_username.values():
            self._principals[user.id] = Principal(
                user.id, user.username, user.org_id, "demo", tuple(roles.get(user.id, ()))
            )

    def who(self, user: User | str) -> Principal:
        if isinstance(user, str):
            user = self.people.by_username[user]
        return self._principals[user.id]

    def secretary_of(self, org: Org) -> Principal | None:
        user = self.session.get(User, org.secretary_id) if org.secretary_id else None
        return self.who(user) if user is not None else None

    def photo(self, author: Principal) -> int:
        key = f"{clock.now():%Y/%m}/{uuid.uuid4().hex}"
        get_storage().put(key, io.BytesIO(self._photo))
        attachment = Attachment(
            org_id=author.home_org_id,
            uploaded_by_id=author.user_id,
            filename="现场照片.png",
            content_type="image/png",
            size=len(self._photo),
            sha256=hashlib.sha256(self._photo).hexdigest(),
            storage_key=key,
        )
        self.session.add(attachment)
        self.session.flush()
        return attachment.id

    def entry(
        self,
        item: TrackedItem,
        author: Principal,
        kind: str,
        content: str,
        *,
        period: str | None = None,
        progress: int | None = None,
        data: dict[str, str] | None = None,
    ) -> None:
        """A timeline entry, as the spine writes it, without a flush per row (thousands of them)."""
        now = clock.now()
        report = ProgressReport(
            item_id=item.id,
            org_id=item.org_id,
            org_path=item.org_path,
            author_id=author.user_id,
            kind=kind,
            period=period,
            content=content,
            progress=progress,
            data=data or {},
            created_at=now,
        )
        self.session.add(report)
        if kind != "transition":
            item.last_report_at = now

    def step(
        self,
        workflow: Workflow,
        item: TrackedItem,
        action: str,
        actor: Principal,
        note: str = "",
        evidence: bool = False,
    ) -> None:
        before = item.status
        transition = workflow.apply(self.session, actor, item, action)
        if evidence:  # binding a photo needs the entry's id: the spine's own path
            photos = [self.photo(actor)]
            tracking.record_transition(self.session, actor, item, transition, before, note=note, attachment_ids=photos)
        else:
            data = {"action": transition.action, "from": before, "to": transition.target}
            self.entry(item, actor, "transition", note, data=data)

    def fate(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def now(self) -> datetime:
        return clock.now()

    def return_note(self) -> str:
        return self.rng.choice(RETURN_NOTES)


def build(session: Session, tree: DemoTree, people: DemoPeople) -> str:
    demo = _Demo(session, tree, people)
    try:
        lists_letters.build(demo)
        _task_lists(demo)
    finally:
        clock.set_clock(None)
    return (
        f"{YEAR} 年度责任书 {demo.letters} 份（责任事项 {demo.items} 项），"
        f"任务清单 {demo.lists} 份（分解到组织的任务 {demo.assignments} 项）。"
    )


# 任务单 -----------------------------------------------------------------------------------------------------------


def _task(title: str, description: str, deadline: date, **extra: object) -> TaskIn:
    return TaskIn.model_validate({"title": title, "description": description, "deadline": deadline} | extra)


def _due_villages(demo: _Demo) -> list[int]:
    """Villages whose committee term ends within the next months (换届提醒)."""
    return [
        v.id
        for villages in demo.tree.villages.values()
        for v in villages
        if v.term_end is not None and v.term_end <= date(2027, 3, 31)
    ]


def _task_lists(demo: _Demo) -> None:
    county = demo.who("organizer")
    root = demo.tree.root
    october = [
        _task(
            "乡镇班子建设",
            "开展乡镇党委班子运行情况分析研判，配齐配强班子成员",
            date(2026, 10, 31),
            is_key=True,
            target_level=OrgLevel.township,
        ),
        _task(
            "村(社区)干部管理",
            "开展村(社区)“两委”干部履职情况季度考评，建立负面清单",
            date(2026, 10, 31),
            is_key=True,
            target_level=OrgLevel.village,
        ),
        _task(
            "“三会一课”规范化",
            "检查10月支部党员大会、支委会、党小组会和党课记录",
            date(2026, 10, 25),
            target_level=OrgLevel.village,
        ),
        _task(
            "新兴领域“两个覆盖”",
            "摸排新业态新就业群体党员，推进党的组织和工作覆盖",
            date(2026, 10, 31),
            is_key=True,
            domain=OrgDomain.private_enterprise,
            target_domain=OrgDomain.private_enterprise,
        ),
    ]
    november = [
        _task(
            "在职党员常态化参与社区治理",
            "组织在职党员到社区报到，认领网格服务岗位",
            date(2026, 11, 30),
            is_key=True,
            domain=OrgDomain.urban_community,
            target_level=OrgLevel.village,
            target_domain=OrgDomain.urban_community,
        ),
        _task(
            "“三会一课”规范化",
            "落实11月主题党日，书记讲党课，规范会议记录",
            date(2026, 11, 20),
            target_level=OrgLevel.village,
        ),
        _task(
            "按期换届提醒",
            "对任期即将届满的村(社区)党组织开展换届前摸底，报送换届工作方案",
            date(2026, 12, 15),
            is_key=True,
            target_org_ids=_due_villages(demo),
        ),
        _task(
            "党员发展计划",
            "做好2027年度发展党员计划申报，严格落实“双推双评三全程”",
            date(2026, 11, 28),
            target_level=OrgLevel.township,
        ),
    ]
    oct_weights = {"accepted": 62, "submitted": 10, "returned": 8, "in_progress": 10, "assigned": 10}
    nov_weights = {"accepted": 15, "submitted": 20, "returned": 5, "in_progress": 30, "assigned": 30}
    _issue(demo, county, root, "基层党建月度工作清单（2026年10月）", "2026-10", october, date(2026, 10, 8), oct_weights)
    _issue(
        demo, county, root, "基层党建月度工作清单（2026年11月）", "2026-11", november, date(2026, 11, 3), nov_weights
    )
    shahe, _ = demo.tree.townships[0]
    communities = demo.tree.villages[shahe.id][:3]
    street = [
        _task(
            "网格党支部组织生活规范化",
            "各社区网格党支部按月开展组织生活，11月底前报送记录",
            date(2026, 11, 30),
            target_level=OrgLevel.village,
        ),
        _task(
            "楼栋党小组长培训",
            "组织楼栋党小组长参加街道集中培训",
            date(2026, 11, 18),
            is_key=True,
            target_org_ids=[c.id for c in communities],
        ),
    ]
    office = demo.who("shahe_djb")
    _issue(demo, office, shahe, "沙河街道11月党建重点工作清单", "2026-11", street, date(2026, 11, 5), nov_weights)
    december = [
        _task(
            "“三会一课”规范化", "落实12月主题党日和年度组织生活会", date(2026, 12, 31), target_level=OrgLevel.village
        ),
        _task(
            "述职评议准备",
            "准备党组织书记抓基层党建述职评议材料",
            date(2026, 12, 25),
            is_key=True,
            target_level=OrgLevel.township,
        ),
    ]
    demo.at(date(2026, 11, 20))
    body = TaskListCreate(org_id=root.id, title="基层党建月度工作清单（2026年12月）", period="2026-12", tasks=december)
    task_lists.create_task_list(demo.session, county, body)
    demo.lists += 1


def _issue(
    demo: _Demo,
    issuer: Principal,
    org: Org,
    title: str,
    period: str,
    tasks: list[TaskIn],
    issued_on: date,
    weights: dict[str, int],
) -> None:
    demo.at(issued_on - timedelta(days=2))
    created = task_lists.create_task_list(
        demo.session, issuer, TaskListCreate(org_id=org.id, title=title, period=period, tasks=tasks)
    )
    demo.at(issued_on)
    issued = task_lists.issue(demo.session, issuer, created["id"], None)
    demo.lists += 1
    key = {t["id"]: t["is_key"] for t in issued["tasks"]}
    for assignment in _assignments_of(demo, created["id"]):
        demo.assignments += 1
        _answer(demo, assignment, issuer, key[assignment.task_id], issued_on, weights)


def _assignments_of(demo: _Demo, list_id: int) -> Iterator[TaskAssignment]:
    stmt = select(TaskAssignment).where(TaskAssignment.task_list_id == list_id).order_by(TaskAssignment.id)
    yield from demo.session.scalars(stmt).all()


def _answer(
    demo: _Demo,
    assignment: TaskAssignment,
    issuer: Principal,
    is_key: bool,
    issued_on: date,
    weights: dict[str, int],
) -> None:
    org = demo.session.get(Org, assignment.org_id)
    assert org is not None
    actor = demo.secretary_of(org)
    fate = demo.fate(weights) if actor is not None else "assigned"
    if actor is None or fate == "assigned":
        return
    day = issued_on + timedelta(days=demo.rng.randint(1, 4))
    demo.at(day)
    demo.step(TASK_ASSIGNMENT, assignment, "start", actor)
    if fate == "in_progress":
        return
    report = f"已按要求完成“{assignment.title}”，相关记录已归档"
    demo.at(day + timedelta(days=demo.rng.randint(3, 8)))
    demo.step(TASK_ASSIGNMENT, assignment, "submit", actor, report, evidence=is_key)
    if fate == "returned":
        demo.at(day + timedelta(days=10), hour=16)
        demo.step(TASK_ASSIGNMENT, assignment, "return", issuer, demo.return_note())
        assignment.return_count += 1
    elif fate == "accepted":
        demo.at(day + timedelta(days=demo.rng.randint(10, 14)), hour=16)
        demo.step(TASK_ASSIGNMENT, assignment, "accept", issuer, "验收通过")
