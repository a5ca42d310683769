"""Demo 书记项目, modelled on 分宜县 (必选+自选, 1–3 projects per secretary, 48 projects, 一月一调度) and 庐江县
(项目台账, 调度, 评选, 考核): the county's 2026 campaign, claimed by the township and institution secretaries,
in every state, with monthly reports from March to November, some missing this month, some behind a milestone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from random import Random

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import clock
from app.core.enums import CampaignStatus, OrgDomain, OrgLevel, ProjectCategory, ProjectGrade, ProjectStatus, label
from app.demo.orgs import DemoTree
from app.demo.people import DemoPeople
from app.models.accounts import User
from app.models.orgs import Org
from app.models.projects import Project, ProjectCampaign, ProjectItem
from app.models.tracking import Milestone, ProgressReport
from app.projects import campaigns

REGULAR, KEY, SHOWCASE = ProjectCategory.regular, ProjectCategory.key, ProjectCategory.showcase

# (title, category, domain, mandatory levels, goals, measures)
CATALOG: list[tuple[str, ProjectCategory, OrgDomain | None, list[OrgLevel], str, str]] = [
    (
        "基层党建“三化”建设",
        KEY,
        None,
        [OrgLevel.township, OrgLevel.institution],
        "所属党组织全部达到标准化规范化信息化要求，年底前创建示范党支部不少于 2 个",
        "对照“三化”标准逐项排查，建立问题清单；阵地、制度、台账统一规范；每季度开展一次交叉检查",
    ),
    (
        "党建+村级集体经济",
        KEY,
        OrgDomain.rural,
        [OrgLevel.township],
        "所辖村集体经济经营性收入全部达到 10 万元以上，30 万元以上的村占比提高 10 个百分点",
        "一村一策制定增收方案；推广“强村公司”模式，盘活闲置资产；党员领办合作社，书记包村推进",
    ),
    (
        "流动党员教育管理",
        REGULAR,
        None,
        [],
        "摸清流动党员底数，建立流动党员党组织，实现教育管理全覆盖",
        "建立流动党员信息台账；依托“学习强国”和微信群开展线上组织生活；春节、农忙返乡期间集中培训",
    ),
    (
        "党员评星定级",
        REGULAR,
        None,
        [],
        "全体党员参与评星定级，选树五星级党员 50 名，党员精神面貌明显提升",
        "制定评星标准；按基层自评、党群测评、党委考评三级联动评定；结果公示并与评先评优挂钩",
    ),
    (
        "村(社区)干部“一人一档”",
        REGULAR,
        None,
        [],
        "村(社区)干部档案建档率 100%，实绩考核结果全部入档",
        "统一档案目录；按季度更新履职记录；年底结合述职评议进行考核",
    ),
    (
        "“小区值日生”",
        REGULAR,
        OrgDomain.urban_community,
        [],
        "无物业老旧小区全部落实党员值日，居民满意度达到 90% 以上",
        "街道社区党员干部、在职党员认领小区；制定 7 项具体举措；每月评选“优秀值日生”",
    ),
    (
        "党建引领社区治理“县城织锦人”",
        KEY,
        OrgDomain.urban_community,
        [],
        "建立“织锦办—织锦议事厅—织锦服务站”三级体系，“7+X”共议机制在各社区落地",
        "街道建织锦办、社区建议事厅、小区建服务站；组织党组织、居委会、党员和居民代表共商社区事务",
    ),
    (
        "强村公司",
        SHOWCASE,
        OrgDomain.rural,
        [],
        "组建强村公司，打通乡村产业“接二连三”融合发展路径",
        "联村成立强村公司；承接小型工程和农村公共服务；收益按股分红到村",
    ),
    (
        "红色研学",
        SHOWCASE,
        None,
        [],
        "建成环庐山红色研学示范线路，全年接待研学团队 100 批次",
        "依托岷山革命根据地旧址、赣北红色文化园；开发研学课程；培训党员讲解员",
    ),
    (
        "“党建+”引领融合",
        REGULAR,
        OrgDomain.government,
        [],
        "党建与业务同谋划同部署同考核，形成 3 项融合工作机制",
        "建立党建业务融合清单；开展“党员先锋岗”创建；季度联席会议调度",
    ),
    (
        "干部绩效考核",
        REGULAR,
        None,
        [],
        "考核权限下放、系数差异化，改变“干多干少一个样”",
        "考评组扩大至各村“两委”干部；吃劲岗位考核系数上浮；考核结果与绩效挂钩",
    ),
    (
        "“完整社区”建设",
        KEY,
        OrgDomain.urban_community,
        [],
        "建成“完整社区”示范点 2 个，“一刻钟便民生活圈”覆盖所有社区",
        "党组织牵头整合辖区资源；在职党员进社区报到服务；按月调度项目清单",
    ),
    (
        "“红色蒲公英”产业链党建",
        SHOWCASE,
        OrgDomain.private_enterprise,
        [],
        "生命健康、数字经济等产业链党组织覆盖率 100%",
        "成立产业链综合党委；选派党建指导员；开展“五抓五送”活动",
    ),
]
MILESTONES = [
    ("摸底调研，制定实施方案", date(2026, 3, 31)),
    ("全面推开，落实各项措施", date(2026, 6, 30)),
    ("总结提炼，形成经验做法", date(2026, 10, 31)),
    ("评估验收", date(2026, 12, 20)),
]
LATE_START = [("启动实施", date(2026, 12, 10)), ("年底评估", date(2026, 12, 25))]
# The 48 projects, a November snapshot: most are being carried out and scheduled every month.
STATES = (
    [ProjectStatus.accepted] * 4
    + [ProjectStatus.completed] * 4
    + [ProjectStatus.in_progress] * 28
    + [ProjectStatus.approved] * 3
    + [ProjectStatus.submitted] * 3
    + [ProjectStatus.returned] * 2
    + [ProjectStatus.draft] * 3
    + [ProjectStatus.cancelled]
)
GRADES = [ProjectGrade.excellent, ProjectGrade.good, ProjectGrade.qualified, ProjectGrade.unqualified]
DIFFICULTIES = [
    "部分党员外出务工，集中难度大",
    "项目资金尚未完全到位",
    "村级场地改造进度偏慢",
    "群众参与积极性有待提高",
]


def _at(day: date, hour: int = 2) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@dataclass
class _Ctx:
    session: Session
    organizer: User
    now: datetime

    def entry(self, project: Project, when: date, kind: str, author: int, content: str = "", **extra: object) -> None:
        created = min(_at(when), self.now)
        self.session.add(
            ProgressReport(
                item_id=project.id,
                org_id=project.org_id,
                author_id=author,
                kind=kind,
                content=content,
                created_at=created,
                **extra,
            )
        )
        if kind == "monthly":
            project.last_report_at = created

    def transition(
        self, project: Project, action: str, before: str, after: str, when: date, by: int, note: str = ""
    ) -> None:
        self.entry(project, when, "transition", by, note, data={"action": action, "from": before, "to": after})


def build(session: Session, tree: DemoTree, people: DemoPeople) -> str:
    rng = Random(4)
    ctx = _Ctx(session, people.by_username["organizer"], clock.now())
    campaign = ProjectCampaign(
        org_id=tree.root.id,
        year=2026,
        title="2026 年度基层党建书记项目",
        description="各乡镇（街道）、区直各党（工）委书记按照“必选+自选”方式领办 1–3 个项目，"
        "一项目一方案，一月一调度，年中交叉互评，年底评估验收。",
        status=CampaignStatus.open,
        min_claims=1,
        max_claims=3,
        opened_at=_at(date(2026, 2, 10)),
        preclaimed_at=_at(date(2026, 2, 10)),
        created_at=_at(date(2026, 1, 20)),
    )
    session.add(campaign)
    session.flush()
    items = {}
    for index, (title, category, domain, levels, _, _) in enumerate(CATALOG):
        items[title] = ProjectItem(
            campaign_id=campaign.id,
            org_id=tree.root.id,
            title=title,
            category=category,
            domain=domain,
            mandatory_levels=[str(level) for level in levels],
            sort_order=index,
        )
    session.add_all(items.values())
    session.flush()
    campaigns.preclaim_for(session, campaign, list(items.values()))
    session.flush()
    projects = _claims(session, campaign, items, tree, rng)
    plans = {items[title].id: (goals, measures) for title, _, _, _, goals, measures in CATALOG}
    states = _assign_states(projects, rng)
    running, grades = 0, iter(GRADES)
    for project, state in zip(projects, states, strict=True):
        owner = session.get(User, project.owner_id)
        assert owner is not None
        _plan(ctx, project, state, plans[project.item_id], owner.full_name)
        _run(ctx, project, state, running, grades, rng)
        running += state == ProjectStatus.in_progress
    counts = {s: states.count(s) for s in ProjectStatus}
    summary = "、".join(f"{label(s)} {n}" for s, n in counts.items() if n)
    return f"书记项目：{campaign.title}，{len(items)} 个清单项目，{len(projects)} 个项目（{summary}）。"


def _claims(
    session: Session, campaign: ProjectCampaign, items: dict[str, ProjectItem], tree: DemoTree, rng: Random
) -> list[Project]:
    """自选 on top of the pre-claimed 必选: 20 more, so that every secretary leads 1–3 projects, 48 in all."""
    rural = [t for t, _ in tree.townships if t.domain == OrgDomain.rural]
    streets = [t for t, _ in tree.townships if t.domain == OrgDomain.urban_community]
    choices: list[tuple[Org, str]] = []
    rural_picks = ["党员评星定级", "村(社区)干部“一人一档”", "干部绩效考核", "流动党员教育管理", "强村公司", "红色研学"]
    choices += [(org, rural_picks[i % len(rural_picks)]) for i, org in enumerate(rural[:7])]
    street_picks = [("“小区值日生”", "党建引领社区治理“县城织锦人”"), ("“完整社区”建设", "流动党员教育管理")]
    choices += [(org, title) for i, org in enumerate(streets) for title in street_picks[i % 2]]
    institution_picks = [
        ("“党建+”引领融合", "党员评星定级"),
        ("流动党员教育管理", "红色研学"),
        ("党员评星定级",),
        ("“党建+”引领融合",),
        ("“红色蒲公英”产业链党建",),
    ]
    choices += [
        (org, title) for org, picks in zip(tree.institutions, institution_picks, strict=True) for title in picks
    ]
    for org, title in choices:
        assert org.secretary_id is not None
        project = campaigns.new_project(
            campaign, items[title], org.id, org.path, owner_id=org.secretary_id, mandatory=False
        )
        project.created_at = _at(date(2026, 2, rng.randint(11, 20)))
        session.add(project)
    session.flush()
    stmt = select(Project).where(Project.campaign_id == campaign.id).order_by(Project.org_path, Project.id)
    return list(session.scalars(stmt))


def _assign_states(projects: list[Project], rng: Random) -> list[ProjectStatus]:
    states = list(STATES)
    rng.shuffle(states)
    # Only a 自选 project can be withdrawn.
    cancelled = states.index(ProjectStatus.cancelled)
    if projects[cancelled].is_mandatory:
        optional = next(
            i for i, p in enumerate(projects) if not p.is_mandatory and states[i] != ProjectStatus.cancelled
        )
        states[cancelled], states[optional] = states[optional], states[cancelled]
    return states


def _plan(ctx: _Ctx, project: Project, state: ProjectStatus, plan: tuple[str, str], owner_name: str) -> None:
    """一项目一方案 — except the pre-claimed 必选 projects whose secretary has not written it yet."""
    if state == ProjectStatus.draft and project.is_mandatory:
        return
    project.goals = plan[0]
    if state == ProjectStatus.draft:
        return  # a 自选 claim being written: goals only so far
    project.measures = plan[1]
    project.team = [f"{owner_name}（组长）", "分管副书记（副组长）", "组织委员", "党建办工作人员"]
    late_start = state in LATE_STATES
    for index, (title, due) in enumerate(LATE_START if late_start else MILESTONES):
        ctx.session.add(
            Milestone(
                item_id=project.id,
                org_id=project.org_id,
                title=title,
                due_on=due,
                sort_order=index,
                created_at=_at(date(2026, 2, 20)),
            )
        )


LATE_STATES = {ProjectStatus.submitted, ProjectStatus.returned, ProjectStatus.approved, ProjectStatus.cancelled}
STEPS = [
    "召开专题推进会，细化任务分工",
    "完成摸底调研，建立工作台账",
    "召开现场观摩会，推广先进做法",
    "开展交叉检查，督促整改问题",
    "书记带队蹲点指导，解决具体难题",
    "组织党员骨干专题培训",
    "年中交叉互评，查找短板",
    "总结阶段成效，完善制度机制",
    "对照方案逐项销号，准备评估验收",
]
COMMENTS = {
    ProjectGrade.excellent: "目标全部完成，经验做法在全区推广",
    ProjectGrade.good: "完成方案确定的主要目标，成效较好",
    ProjectGrade.qualified: "基本完成目标，特色亮点不够突出",
    ProjectGrade.unqualified: "主要指标未完成，推进力度不够，纳入述职评议问题清单",
}


def _run(
    ctx: _Ctx, project: Project, state: ProjectStatus, running: int, grades: Iterator[ProjectGrade], rng: Random
) -> None:
    """Walk the project to `state`, writing its timeline: transitions, monthly reports, milestones done."""
    owner, reviewer = project.owner_id, ctx.organizer.id
    S = ProjectStatus
    if state == S.draft:
        return
    late = state in LATE_STATES
    submitted_on = date(2026, 10, rng.randint(8, 28)) if late else date(2026, 2, rng.randint(21, 28))
    ctx.transition(project, "submit", S.draft, S.submitted, submitted_on, owner)
    project.status = S.submitted
    if state == S.cancelled:
        ctx.transition(
            project, "cancel", S.submitted, S.cancelled, date(2026, 11, 5), owner, "与县级重点项目重复，调整认领"
        )
        _close(ctx, project, S.cancelled, date(2026, 11, 5))
        return
    if state == S.submitted:
        return
    if state == S.returned:
        note = "目标不够具体，请细化量化指标和完成时限"
        ctx.transition(project, "return", S.submitted, S.returned, date(2026, 11, rng.randint(2, 12)), reviewer, note)
        project.status = S.returned
        return
    approved_on = date(2026, 11, rng.randint(3, 15)) if late else date(2026, 3, rng.randint(2, 9))
    ctx.transition(project, "approve", S.submitted, S.approved, approved_on, reviewer, "方案可行，同意实施")
    project.status = S.approved
    if state == S.approved:
        return
    ctx.transition(project, "start", S.approved, S.in_progress, date(2026, 3, 12), owner)
    project.status = S.in_progress
    # In progress: some skip November's scheduling, some fall behind a milestone.
    missing = state == S.in_progress and running % 5 == 4
    behind = state == S.in_progress and running % 6 == 1
    last_month = {S.in_progress: 10 if missing else 11, S.completed: 11, S.accepted: 10}[state]
    target = 100 if state != S.in_progress else rng.randint(35, 55) if behind else rng.randint(60, 90)
    _milestones_done(ctx, project, behind=behind, accepted=state == S.accepted)
    for month in range(3, last_month + 1):
        progress = round(target * (month - 2) / (last_month - 2))
        _monthly(ctx, project, month, progress, rng)
    if state == S.in_progress:
        return
    completed_on = date(2026, 10, 28) if state == S.accepted else date(2026, 11, rng.randint(16, 20))
    summary = "方案确定的目标任务全部完成，形成可复制的经验做法"
    ctx.transition(project, "complete", S.in_progress, S.completed, completed_on, owner, summary)
    project.status = S.completed
    if state == S.completed:
        return
    grade = next(grades)
    accepted_on = date(2026, 11, rng.randint(10, 18))
    ctx.transition(
        project, "accept", S.completed, S.accepted, accepted_on, reviewer, f"【{label(grade)}】{COMMENTS[grade]}"
    )
    project.grade, project.acceptance_comment = grade, COMMENTS[grade]
    _close(ctx, project, S.accepted, accepted_on)


def _close(ctx: _Ctx, project: Project, status: ProjectStatus, on: date) -> None:
    project.status, project.is_open, project.closed_at = status, False, min(_at(on), ctx.now)


def _milestones_done(ctx: _Ctx, project: Project, *, behind: bool, accepted: bool) -> None:
    stmt = select(Milestone).where(Milestone.item_id == project.id).order_by(Milestone.sort_order)
    for index, milestone in enumerate(ctx.session.scalars(stmt)):
        due = milestone.due_on
        done = index < 2 or (index == 2 and not behind) or (index == 3 and accepted)
        if behind and index == 1 and project.id % 2 == 0:
            done = False  # also behind the June milestone
        if done:
            milestone.completed_at = min(_at(date(due.year, due.month, max(1, due.day - 5))), ctx.now)


def _monthly(ctx: _Ctx, project: Project, month: int, progress: int, rng: Random) -> None:
    period = f"2026-{month:02d}"
    if period > f"{ctx.now:%Y-%m}":
        return
    difficulties = rng.choice(DIFFICULTIES) if rng.random() < 0.3 else None
    ctx.entry(
        project,
        date(2026, month, 18 if month == 11 else 25),
        "monthly",
        project.owner_id,
        f"{month}月：{STEPS[month - 3]}",
        period=period,
        progress=progress,
        data={"difficulties": difficulties} if difficulties else {},
    )
    project.progress, project.progress_period = progress, period
