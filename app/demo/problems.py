"""Demo 问题单 and inspections, modelled on 柴桑区: 季度督查指导6次、实地调研50余次、现场反馈问题670余条 (scaled
down to about 150 problems), issued to townships and villages, rectified and closed off (销号) over the past year
and a half, with monthly updates (每月更新上报), rejections, re-checks (回头看) and reopened problems.

Everything is dated relative to today, so the states always agree with the calendar: a problem is overdue
because its deadline has really passed, a monthly report is missing because this month has none."""

from __future__ import annotations

import hashlib
import struct
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from random import Random

from sqlalchemy.orm import Session

from app.attachments.storage import get_storage
from app.core import clock
from app.core.enums import InspectionType, ProblemCategory, ProblemSeverity, ProblemSource, ProblemStatus
from app.demo.orgs import DemoTree
from app.demo.people import DemoPeople
from app.models.orgs import Org
from app.models.problems import Inspection, Problem, inspection_orgs
from app.models.tracking import Attachment, Milestone, ProgressReport

FINDINGS = [
    "“三会一课”制度落实不规范，支委会记录不完整，党员大会未按季度召开",
    "主题党日活动形式单一，内容与中心工作结合不紧密",
    "党员活动室台账资料缺失，发展党员档案材料不齐全",
    "组织生活会会前谈心谈话不到位，批评与自我批评辣味不足",
    "党费收缴不及时，未按规定公示党费收缴情况",
    "流动党员底数不清，外出党员联系管理不经常",
    "村务、党务公开栏更新不及时，公开内容不全面",
    "发展党员计划执行不严格，入党积极分子培养考察记录不连续",
    "村级集体经济收入来源单一，增收项目谋划不足",
    "在职党员到社区报到后参与社区治理不够常态化",
    "新兴领域“两个覆盖”工作推进缓慢，部分商务楼宇未建立党组织",
    "民主评议党员工作流于形式，评议结果运用不充分",
    "后备干部队伍建设滞后，年轻后备力量储备不足",
    "党组织书记抓党建述职问题清单整改跟踪不到位",
    "基层党建阵地功能单一，部分场所长期闲置",
    "“两新”党组织引领和带动企业发展能力不足",
    "党员教育培训计划落实不到位，学习教育覆盖不全",
    "村（社区）干部坐班值班制度执行不严格",
    "网格党支部作用发挥不明显，楼栋党小组活动开展少",
    "换届后班子分工未及时调整，班子成员“一岗双责”落实不到位",
    "软弱涣散党组织整顿销号后“回头看”不及时",
    "党建引领基层治理机制不健全，议事协商流于形式",
]
MEASURES = [
    "召开专题支委会研究整改，建立问题台账，明确责任人和完成时限，逐项销号",
    "对照制度要求补齐会议记录和台账资料，建立每月提醒机制，由党务工作者专人负责",
    "制定整改方案，班子成员分片包干，每月向上级党委报告整改进展",
    "开展专项培训，完善工作制度，举一反三排查同类问题",
]
PROGRESS = [
    "已召开专题会议部署整改，整改方案已报乡镇党委备案",
    "已补齐本月会议记录，正在完善相关台账资料",
    "整改措施正在落实，已完成阶段性任务，下月继续推进",
    "已组织党员开展学习，相关制度已修订完善",
    "已对照问题清单逐项整改，佐证材料正在收集",
]
SOURCE_SHARE = [
    (ProblemSource.assessment, 14),
    (ProblemSource.self_check, 12),
    (ProblemSource.report, 10),
    (ProblemSource.feedback, 12),
]

SUBMIT_NOTE = "已按要求完成整改，申请销号"


@dataclass
class DemoProblem:
    problem: Problem
    created: datetime
    history: list[tuple[datetime, str]] = field(default_factory=list)  # (when, status after)

    def status_at(self, when: datetime) -> str:
        status = ProblemStatus.open.value
        for at, to in self.history:
            if at <= when:
                status = to
        return status


@dataclass
class DemoProblems:
    items: list[DemoProblem] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)

    def summary(self) -> str:
        return f"督查、调研、观摩 {len(self.inspections)} 次，反馈问题 {len(self.items)} 条；"


def _at(day: date, rng: Random) -> datetime:
    """A working-hours instant on a local calendar day, as UTC."""
    local = datetime(
        day.year, day.month, day.day, rng.randint(9, 16), rng.choice((0, 15, 30, 45)), tzinfo=clock.LOCAL_TZ
    )
    return local.astimezone(UTC)


def _png(rgb: tuple[int, int, int]) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"".join(b"\x00" + bytes(rgb) * 16 for _ in range(16))
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def photo(
    session: Session, *, org_id: int, uploader_id: int, owner_type: str, owner_id: int, name: str, when: datetime
) -> None:
    """A small valid PNG written through the storage interface and bound to its owner, like an upload."""
    data = _png((180 + owner_id % 60, 40 + owner_id % 90, 40))
    key = f"{when:%Y/%m}/{uuid.uuid4().hex}"
    get_storage().put(key, BytesIO(data))
    session.add(
        Attachment(
            org_id=org_id,
            owner_type=owner_type,
            owner_id=owner_id,
            uploaded_by_id=uploader_id,
            filename=name,
            content_type="image/png",
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            storage_key=key,
            created_at=when,
        )
    )


def _quarter_start(day: date, back: int) -> date:
    index = day.year * 4 + (day.month - 1) // 3 - back
    return date(index // 4, index % 4 * 3 + 1, 1)


QUARTER_NAMES = "一二三四"


class _Builder:
    def __init__(self, session: Session, tree: DemoTree, people: DemoPeople) -> None:
        self.session, self.tree, self.people = session, tree, people
        self.rng = Random(3103)
        self.today = clock.today_local()
        self.now = clock.now()
        self.result = DemoProblems()
        self.slug = {t.id: slug for t, slug in tree.townships}

    def organizer_of(self, org: Org) -> int:
        name = "organizer" if org.parent_id is None else f"{self.slug[org.id]}_djb"
        return self.people.by_username[name].id

    def inspection(
        self, org: Org, type_: InspectionType, title: str, held_on: date, inspectors: list[str], visited: list[Org]
    ) -> Inspection:
        found = Inspection(
            org_id=org.id,
            type=type_,
            title=title,
            held_on=held_on,
            inspectors=inspectors,
            visited_org_ids=[o.id for o in visited],
            summary=f"采取调阅资料查、参加会议听、深入基层访、集中座谈评等形式，对{len(visited)}个党组织开展{title[-4:]}，"
            "现场反馈问题并建立整改台账。",
            created_at=_at(held_on, self.rng),
            created_by_id=self.organizer_of(org),
        )
        self.session.add(found)
        self.session.flush()
        self.session.execute(inspection_orgs.insert(), [{"inspection_id": found.id, "org_id": o.id} for o in visited])
        self.result.inspections.append(found)
        return found

    def inspections(self) -> list[tuple[Inspection, list[Org], Org, ProblemSource]]:
        """6 quarterly 督查 by the county, a 观摩 tour, and about 10 调研 by townships."""
        rng, root = self.rng, self.tree.root
        townships = [t for t, _ in self.tree.townships]
        plans: list[tuple[Inspection, list[Org], Org, ProblemSource]] = []

        def add(org: Org, type_: InspectionType, title: str, held_on: date, who: list[str], visited: list[Org]) -> None:
            source = ProblemSource(type_.value)
            plans.append((self.inspection(org, type_, title, held_on, who, visited), visited, org, source))

        for back in range(5, -1, -1):
            start = _quarter_start(self.today, back)
            held_on = start + timedelta(days=rng.randint(35, 60))
            if back == 0:  # this quarter's round was only days ago: its findings are still being taken up
                held_on = self.today - timedelta(days=rng.randint(3, 6))
            title = f"{start.year}年第{QUARTER_NAMES[(start.month - 1) // 3]}季度基层党建督查指导"
            who = ["区委组织部组织科", "区委党建办", "区纪委监委派驻纪检组"]
            add(root, InspectionType.inspection, title, held_on, who, rng.sample(townships, 5))
        held_on = self.today - timedelta(days=150)
        title = f"{held_on.year}年“逐村观摩、整乡推进”现场观摩"
        add(root, InspectionType.observation, title, held_on, ["观摩督查团"], rng.sample(townships, 6))
        for index, township in enumerate(townships[:10]):
            name = (township.short_name or township.name).removesuffix("党委").removesuffix("党工委")
            title = f"{name}党委班子蹲点调研" if index % 2 else f"{name}基层党建专题调研"
            held_on = self.today - timedelta(days=rng.randint(20, 330))
            visited = rng.sample(self.tree.villages[township.id], 3)
            add(township, InspectionType.research, title, held_on, ["党委书记", "组织委员"], visited)
        return plans

    def target_below(self, org: Org) -> Org:
        """A finding lands on the visited org itself or, mostly, on one of its villages."""
        villages = self.tree.villages.get(org.id)
        return self.rng.choice(villages) if villages and self.rng.random() < 0.75 else org

    def build(self) -> DemoProblems:
        rng = self.rng
        for inspection, visited, issuer, source in self.inspections():
            count = {ProblemSource.inspection: 13, ProblemSource.observation: 6}.get(source, 3)
            for _ in range(count):
                org = self.target_below(rng.choice(visited))
                created = inspection.held_on + timedelta(days=rng.randint(1, 6))
                self.problem(org, issuer, source, min(created, self.today), inspection)
        townships = [t for t, _ in self.tree.townships]
        for source, count in SOURCE_SHARE:
            for _ in range(count):
                township = rng.choice(townships)
                org = self.target_below(township)
                issuer = {
                    ProblemSource.self_check: org,
                    ProblemSource.report: self.tree.root if org is township else township,
                }.get(source, self.tree.root)
                self.problem(org, issuer, source, self.today - timedelta(days=rng.randint(3, 400)), None)
        self.keep_reviews_waiting()
        self.session.flush()
        return self.result

    def keep_reviews_waiting(self, count: int = 3) -> None:
        """A few 销号 applications always wait for review, whatever today's date makes of the random timelines
        (on some days every application would already be decided, and the organizer's queue would be empty)."""
        items = self.result.items
        missing = count - sum(1 for d in items if d.problem.status == ProblemStatus.submitted)
        rectifying = [d for d in items if d.problem.status == ProblemStatus.rectifying]
        for demo in sorted(rectifying, key=lambda d: d.created, reverse=True)[: max(missing, 0)]:
            secretary = demo.problem.responsible_user_id
            assert secretary is not None  # set when rectification started
            self.step(demo, "submit", ProblemStatus.submitted, self.today, secretary, SUBMIT_NOTE, evidence=True)

    def problem(
        self, org: Org, issuer: Org, source: ProblemSource, created_on: date, inspection: Inspection | None
    ) -> None:
        rng = self.rng
        category = rng.choices(list(ProblemCategory), weights=(40, 45, 15))[0]
        days = {
            ProblemCategory.immediate: (7, 15),
            ProblemCategory.deadline: (30, 90),
            ProblemCategory.long_term: (180, 365),
        }
        deadline = created_on + timedelta(days=rng.randint(*days[category]))
        description = rng.choice(FINDINGS)
        secretary = org.secretary_id
        assert secretary is not None, org.name
        created = _at(created_on, rng)
        problem = Problem(
            org_id=org.id,
            issuer_org_id=issuer.id,
            issuer_org_path=issuer.path,
            title=description[:60],
            source=source,
            inspection_id=inspection.id if inspection else None,
            description=description,
            category=category,
            severity=rng.choices(list(ProblemSeverity), weights=(70, 25, 5))[0],
            status=ProblemStatus.open,
            is_open=True,
            deadline=deadline,
            recheck_count=0,
            created_at=created,
            created_by_id=secretary if issuer is org else self.organizer_of_issuer(issuer),
        )
        self.session.add(problem)
        self.session.flush()
        demo = DemoProblem(problem, created)
        self.result.items.append(demo)
        self.lifecycle(demo, org, issuer, created_on, deadline, secretary)

    def organizer_of_issuer(self, issuer: Org) -> int:
        if issuer.parent_id is None or issuer.id in self.slug:
            return self.organizer_of(issuer)
        assert issuer.secretary_id is not None
        return issuer.secretary_id

    def verifier(self, org: Org, issuer: Org) -> int:
        """销号 by someone above: the issuing org unless it is the org itself, then the org's parent."""
        above = issuer if issuer.id != org.id else self._parent(org)
        return self.organizer_of_issuer(above)

    def _parent(self, org: Org) -> Org:
        if org.parent_id == self.tree.root.id:
            return self.tree.root
        return next(t for t, _ in self.tree.townships if t.id == org.parent_id)

    def lifecycle(
        self, demo: DemoProblem, org: Org, issuer: Org, created_on: date, deadline: date, secretary: int
    ) -> None:
        rng, problem = self.rng, demo.problem
        slow = rng.random() < 0.12
        rectify_on = created_on + timedelta(days=rng.randint(15, 45) if slow else rng.randint(1, 7))
        if rectify_on > self.today:
            self.monthly(demo, org, secretary, created_on, None)
            return
        problem.measures, problem.responsible_user_id = rng.choice(MEASURES), secretary
        self.step(demo, "rectify", ProblemStatus.rectifying, rectify_on, secretary, problem.measures)
        if problem.category == ProblemCategory.long_term:
            self.milestones(problem, created_on, deadline)
            submit_on = deadline - timedelta(days=rng.randint(5, 30))
        elif problem.category == ProblemCategory.immediate:
            submit_on = rectify_on + timedelta(days=rng.randint(2, 10))
        else:
            late = rng.random() < 0.2
            submit_on = (
                deadline + timedelta(days=rng.randint(3, 20)) if late else deadline - timedelta(days=rng.randint(0, 25))
            )
            submit_on = max(submit_on, rectify_on + timedelta(days=3))
        closed_on = self.review(demo, org, issuer, secretary, submit_on)
        self.monthly(demo, org, secretary, created_on, closed_on)

    def review(self, demo: DemoProblem, org: Org, issuer: Org, secretary: int, submit_on: date) -> date | None:
        """申请销号 → 销号 (sometimes rejected once first), then perhaps 回头看: re-checked, or reopened."""
        rng, verifier, s = self.rng, self.verifier(org, issuer), ProblemStatus
        if submit_on > self.today:
            return None
        self.step(demo, "submit", s.submitted, submit_on, secretary, SUBMIT_NOTE, evidence=True)
        decided_on = submit_on + timedelta(days=rng.randint(2, 16))
        if decided_on > self.today:
            return None
        if rng.random() < 0.12:
            reason = "佐证材料不充分，请补充会议记录和现场照片后重新申请"
            self.step(demo, "reject", s.rectifying, decided_on, verifier, reason)
            submit_on = decided_on + timedelta(days=rng.randint(3, 10))
            if submit_on > self.today:
                return None
            self.step(demo, "submit", s.submitted, submit_on, secretary, "已补充佐证材料", evidence=True)
            decided_on = submit_on + timedelta(days=rng.randint(1, 4))
            if decided_on > self.today:
                return None
        self.step(demo, "close", s.closed, decided_on, verifier, "经核查整改到位，同意销号")
        check_on = decided_on + timedelta(days=rng.randint(30, 75))
        if check_on > self.today or rng.random() > 0.15:
            return decided_on
        demo.problem.recheck_count += 1
        if rng.random() < 0.3:
            self.step(demo, "reopen", s.rectifying, check_on, verifier, "回头看发现问题反弹，重新整改")
            return None
        self.step(demo, "recheck", s.closed, check_on, verifier, "回头看：整改成果巩固，未出现反弹")
        return decided_on

    def step(
        self,
        demo: DemoProblem,
        action: str,
        after: ProblemStatus,
        day: date,
        author: int,
        note: str,
        *,
        evidence: bool = False,
    ) -> None:
        """One transition on the timeline, as the workflow engine would record it."""
        problem = demo.problem
        before = str(problem.status)
        when = max(_at(day, self.rng), demo.history[-1][0] + timedelta(minutes=5) if demo.history else demo.created)
        data = {"action": action, "from": before, "to": after.value}
        entry = ProgressReport(
            item_id=problem.id,
            org_id=problem.org_id,
            author_id=author,
            kind="transition",
            content=note,
            data=data,
            created_at=when,
        )
        self.session.add(entry)
        demo.history.append((when, after.value))
        if before != ProblemStatus.closed or after != ProblemStatus.closed:
            problem.closed_at = when if after == ProblemStatus.closed else None
        problem.status, problem.is_open, problem.last_report_at = after, after != ProblemStatus.closed, when
        if evidence:
            self.session.flush()
            photo(
                self.session,
                org_id=problem.org_id,
                uploader_id=author,
                owner_type="progress_report",
                owner_id=entry.id,
                name="整改佐证照片.png",
                when=when,
            )

    def milestones(self, problem: Problem, start: date, deadline: date) -> None:
        span = (deadline - start).days
        for index, title in enumerate(("摸清底数、制定方案", "集中整治、完善制度", "巩固提升、建立长效机制")):
            due = start + timedelta(days=span * (index + 1) // 3)
            done = due <= self.today and self.rng.random() < 0.8
            self.session.add(
                Milestone(
                    item_id=problem.id,
                    org_id=problem.org_id,
                    title=title,
                    due_on=due,
                    sort_order=index,
                    created_at=_at(start, self.rng),
                    completed_at=_at(min(due, self.today), self.rng) if done else None,
                )
            )

    def monthly(self, demo: DemoProblem, org: Org, secretary: int, created_on: date, closed_on: date | None) -> None:
        """每月更新上报 while the problem is open; about a third of the open ones have not reported this month."""
        rng, problem = self.rng, demo.problem
        month = date(created_on.year, created_on.month, 1)
        last = closed_on or self.today
        current = date(self.today.year, self.today.month, 1)
        progress = 0
        while month <= date(last.year, last.month, 1):
            this_month = month == current
            if not (this_month and problem.is_open and rng.random() < 0.35) and rng.random() < 0.92:
                day = min(max(month + timedelta(days=rng.randint(18, 27)), created_on), last)
                progress = min(90, progress + rng.randint(15, 35))
                when = _at(day, rng)
                self.session.add(
                    ProgressReport(
                        item_id=problem.id,
                        org_id=org.id,
                        author_id=secretary,
                        kind="monthly",
                        period=f"{month:%Y-%m}",
                        content=rng.choice(PROGRESS),
                        progress=progress,
                        data={},
                        created_at=when,
                    )
                )
                problem.last_report_at = max(problem.last_report_at or when, when)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def build(session: Session, tree: DemoTree, people: DemoPeople) -> DemoProblems:
    return _Builder(session, tree, people).build()
