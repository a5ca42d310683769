"""Demo 案例制 and scoring, after seed 000 (选案例 · 评案例 · 用案例) and seed 001 (逐社观摩, on-site scoring and
ranking): the 2026 county case round through review by seven judges, 公示 with objections and the library; a
township round still under review; observation tours ranked 先进 / 达标 / 后进; a 述职评议 being prepared."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from random import Random

from sqlalchemy.orm import Session

from app.cases import service as _case_subjects  # noqa: F401  (registers cases as a scoring subject type)
from app.core.enums import (
    CaseChannel,
    CaseStatus,
    ObjectionStatus,
    ScoringPurpose,
    ScoringStatus,
    ScoringSubjectType,
)
from app.demo import scoring as demo_scoring
from app.demo.orgs import DemoTree
from app.demo.people import DemoPeople
from app.models.accounts import User
from app.models.cases import Case, CaseFeedback, CaseObjection, CaseRound, CaseTag, CaseVerification
from app.models.orgs import Org
from app.models.scoring import ScoringConflict
from app.models.tracking import ProgressReport
from app.scoring import results
from app.scoring.schemas import CriterionIn

DOMAINS = [
    "管理育强乡村振兴“领头雁”队伍",
    "打造“党建联盟”社区治理品牌",
    "探索“六大行动”党建工作体系",
    "党建引领塑造楼宇治理软实力",
    "“多网合一”基层治理体系建设",
    "打造机关党建新标杆",
    "“党建家”“1235”工作法",
    "“1+N+1”联村发展模式",
    "“两新”组织“双培双创”",
    "“红耀柴桑”红色文化传承",
]
REVIEW_RUBRIC = [
    CriterionIn(name="创新性", max_points=Decimal(30)),
    CriterionIn(name="实效性", max_points=Decimal(40)),
    CriterionIn(name="可推广性", max_points=Decimal(30)),
]
# (title, domain index, where: township slug + village number, or an institution branch name, quality 0..1)
CASES: list[tuple[str, int, str, float]] = [
    ("村党支部书记“擂台比武”锻造乡村振兴“领头雁”", 0, "gangkou/1", 0.90),
    ("“头雁+雁阵”培育村级后备力量", 0, "xinhe/2", 0.78),
    ("社区“党建联盟”共驻共建激活治理“一池春水”", 1, "shahe/1", 0.92),
    ("“红色物业”联盟破解老旧小区治理难题", 1, "chengmen/2", 0.84),
    ("“铸魂、强基、赋能”推动村党支部标准化规范化", 2, "mahuiling/1", 0.74),
    ("“六大行动”领航村级集体经济提质增效", 2, "jiangzhou/3", 0.80),
    ("楼宇党委“五共”机制凝聚“两新”力量", 3, "shizi/1", 0.86),
    ("商务楼宇“红色驿站”打造15分钟服务圈", 3, "shahe/2", 0.72),
    ("“多网合一”一网统管提升村级治理效能", 4, "chengzi/1", 0.88),
    ("网格党支部“吹哨报到”机制打通服务最后一米", 4, "shahe/3", 0.81),
    ("机关党建“三亮三比三创”擦亮服务窗口", 5, "区财政局机关党支部", 0.76),
    ("窗口单位推行“四零服务”锤炼机关作风", 5, "区城市管理局机关党支部", 0.83),
    ("“党建家”推行“1235”工作法激发城市社区治理动能", 6, "shahe/4", 0.95),
    ("“1235”工作法进小区 议事协商解民忧", 6, "shizi/2", 0.70),
    ("“1+N+1”联村发展成立“强村公司”", 7, "yongan/1", 0.93),
    ("“强村公司”打通乡村产业“接二连三”融合路径", 7, "minshan/2", 0.79),
    ("“双培双创”助推非公企业高质量发展", 8, "江西柴优桑品农业发展有限公司党支部", 0.82),
    ("生命健康产业链党委“链”上聚力", 8, "柴桑区生命健康产业链党委", 0.75),
    ("“红色蒲公英”综合党委凝聚新兴领域", 8, "“红色蒲公英”综合党委", 0.87),
    ("依托岷山革命根据地旧址施行“红耀柴桑”计划", 9, "minshan/1", 0.89),
    ("赣北红色文化园打造红色研学示范区", 9, "yongquan/1", 0.73),
    ("学校党支部“红心向党 科学育人”品牌创建", 5, "柴桑区实验小学党支部", 0.77),
    ("公立医院“杏林先锋”党员示范岗", 5, "外科党支部", 0.71),
    ("国企“党建+项目”攻坚重点工程", 2, "城投集团工程建设党支部", 0.68),
    ("村级党员“积分制”管理激发党员活力", 0, "saihu/1", 0.60),  # fails on-site verification
    ("社区“微心愿”认领常态化", 1, "chengmen/3", 0.60),  # fails on-site verification
]
REJECTED = {24, 25}
SELECTED = 10
T0 = datetime(2026, 3, 1, 1, 0, tzinfo=UTC)


class _Demo:
    def __init__(self, session: Session, rng: Random, tree: DemoTree, crowd: DemoPeople) -> None:
        self.s, self.rng, self.tree, self.crowd = session, rng, tree, crowd
        self.by_name = {o.name: o for o in tree.branches + tree.institutions}
        self.slugs = {slug: t for t, slug in tree.townships}

    def user(self, username: str) -> User:
        return self.crowd.by_username[username]

    def place(self, where: str) -> tuple[Org, User]:
        """The org a case comes from, and who submits it (the village secretary, or the institution's)."""
        if "/" in where:
            slug, number = where.split("/")
            village = self.tree.villages[self.slugs[slug].id][int(number) - 1]
            return village, self.user(f"{slug}_v{int(number):02d}_shuji")
        org = self.by_name[where]
        parent = next(i for i in self.tree.institutions if org.path.startswith(i.path))
        return org, self.user(f"jg{self.tree.institutions.index(parent) + 1:02d}_shuji")

    def step(self, case: Case, to: CaseStatus, by: User, when: datetime, note: str = "") -> None:
        """A status change with its timeline entry, as the workflow would record it."""
        self.s.add(
            ProgressReport(
                item_id=case.id,
                org_id=case.org_id,
                author_id=by.id,
                kind="transition",
                content=note,
                data={"action": _ACTIONS[to], "from": case.status, "to": to},
                created_at=when,
            )
        )
        case.status = to
        if to in (CaseStatus.rejected, CaseStatus.not_selected, CaseStatus.published, CaseStatus.withdrawn):
            case.is_open, case.closed_at = False, when

    def new_case(self, round_: CaseRound, title: str, domain: str, where: str, when: datetime) -> Case:
        org, submitter = self.place(where)
        channel = CaseChannel.recommendation if "/" not in where else self.rng.choice(list(CaseChannel))
        case = Case(
            round_id=round_.id,
            org_id=org.id,
            org_path=org.path,
            issuer_org_id=round_.org_id,
            issuer_org_path=round_.org_path,
            responsible_user_id=submitter.id,
            title=title,
            domain=domain,
            channel=channel,
            summary=f"{org.short_name or org.name}：{title}。坚持党建引领，把党的组织优势转化为治理效能。",
            body=f"一、背景与做法\n{title}……\n二、成效与启示\n形成了可复制、可推广的经验做法。",
            tags=[domain[:20]],
            status=CaseStatus.submitted,
            is_open=True,
            created_at=when,
        )
        self.s.add(case)
        self.s.flush()
        self.s.add(CaseTag(case_id=case.id, tag=domain[:20]))
        return case

    def verify(self, case: Case, by: User, when: datetime, passed: bool = True) -> None:
        findings = (
            "实地查看阵地、台账和成效，情况属实。" if passed else "实地核查发现成效数据依据不足，材料与实际不符。"
        )
        self.s.add(
            CaseVerification(
                case_id=case.id,
                org_id=case.org_id,
                passed=passed,
                visited_on=when.date(),
                inspectors=["区委组织部 " + by.full_name.split(" ")[-1], "党建办 干事"],
                findings=findings,
                verifier_id=by.id,
                created_at=when,
            )
        )
        self.step(case, CaseStatus.verified if passed else CaseStatus.rejected, by, when, findings)


_ACTIONS = {
    CaseStatus.verified: "verify",
    CaseStatus.rejected: "reject",
    CaseStatus.in_review: "review",
    CaseStatus.selected: "select",
    CaseStatus.not_selected: "not_select",
    CaseStatus.announced: "announce",
    CaseStatus.published: "publish",
    CaseStatus.withdrawn: "withdraw",
}


def _county_round(demo: _Demo) -> list[Case]:
    organizer = demo.user("organizer")
    root = demo.tree.root
    round_ = CaseRound(
        org_id=root.id,
        year=2026,
        title="2026年度柴桑区基层党建优秀案例征集",
        theme="聚焦党建引领基层治理、抓党建促乡村振兴，按照“一年探索、两年推进、三年深化”工作思路，"
        "采取公开征集、定向邀约、行业部门党组织推荐等形式，围绕党建七大领域评选优秀案例。",
        domains=DOMAINS,
        channels=[c.value for c in CaseChannel],
        submit_from=date(2026, 3, 1),
        submit_until=date(2026, 6, 30),
        announce_days=5,
    )
    demo.s.add(round_)
    demo.s.flush()
    cases = []
    for index, (title, domain, where, _) in enumerate(CASES):
        case = demo.new_case(round_, title, DOMAINS[domain], where, T0 + timedelta(days=3 * index))
        demo.verify(case, organizer, datetime(2026, 7, 6 + index % 20, 2, tzinfo=UTC), passed=index not in REJECTED)
        cases.append(case)
    reviewed = [c for c in cases if c.status == CaseStatus.verified]
    review_day = datetime(2026, 9, 1, 1, tzinfo=UTC)
    scoring = demo_scoring.new_session(
        demo.s,
        ScoringStatus.published,
        review_day,
        org_id=root.id,
        title="2026年度基层党建优秀案例专题评审会",
        purpose=ScoringPurpose.case_review,
        subject_type=ScoringSubjectType.case,
        rubric=REVIEW_RUBRIC,
        subject_ids=[c.id for c in reviewed],
        scorer_ids=[j.id for j in demo.crowd.judges],
        normalize=False,
        classification=None,
        subjects_fixed=True,
    )
    round_.session_id = scoring.id
    for case in reviewed:
        demo.step(case, CaseStatus.in_review, organizer, review_day, f"进入评审：{scoring.title}")
    demo_scoring.give_scores(
        demo.s, demo.rng, scoring, {c.id: CASES[cases.index(c)][3] for c in reviewed}, demo.crowd.judges
    )
    _, outcome = results.compute(demo.s, scoring)
    by_subject = outcome.by_subject()
    select_day, announce_from = datetime(2026, 10, 9, 2, tzinfo=UTC), datetime(2026, 10, 12, 1, tzinfo=UTC)
    round_.selection, round_.selected_at = {"top_n": SELECTED}, select_day
    round_.announce_from, round_.announce_until = announce_from, announce_from + timedelta(days=5)
    for case in reviewed:
        result = by_subject[case.id]
        case.score, case.rank = result.shown_total, result.rank
        note = f"总分 {case.score}，排名第 {case.rank} 名"
        if result.rank is not None and result.rank <= SELECTED:
            demo.step(case, CaseStatus.selected, organizer, select_day, note + "，入选")
            demo.step(case, CaseStatus.announced, organizer, announce_from, "公示 5 天")
        else:
            demo.step(case, CaseStatus.not_selected, organizer, select_day, note + "，未入选")
    _objections_and_library(demo, round_, [c for c in reviewed if c.status == CaseStatus.announced])
    return cases


def _objections_and_library(demo: _Demo, round_: CaseRound, announced: list[Case]) -> None:
    organizer = demo.user("organizer")
    announced.sort(key=lambda c: c.rank or 0)
    withdrawn, held, dismissed = announced[-1], announced[-2], announced[0]
    assert round_.announce_from is not None and round_.announce_until is not None
    filed = round_.announce_from + timedelta(days=2)
    decided = round_.announce_until - timedelta(hours=6)
    decisions = [
        (
            withdrawn,
            ObjectionStatus.upheld,
            "该案例主要做法与邻县已公开案例雷同，请核实。",
            "材料与他人案例雷同，撤销入选。",
        ),
        (dismissed, ObjectionStatus.dismissed, "案例中“强村公司”年收益数据偏高。", "收益有财务报表佐证，异议不成立。"),
        (held, ObjectionStatus.pending, "案例反映的议事会实际开展次数少于材料所述。", None),
    ]
    for case, status, reason, resolution in decisions:
        demo.s.add(
            CaseObjection(
                case_id=case.id,
                org_id=case.org_id,
                name=demo.rng.choice(["群众", "张先生", None]),
                contact=f"139{demo.rng.randint(10_000_000, 99_999_999)}",
                reason=reason,
                client_ip=f"223.84.{demo.rng.randint(1, 254)}.{demo.rng.randint(1, 254)}",
                status=status,
                resolution=resolution,
                resolved_by_id=organizer.id if resolution else None,
                resolved_at=decided if resolution else None,
                created_at=filed,
            )
        )
    demo.step(withdrawn, CaseStatus.withdrawn, organizer, decided, "异议成立：经核实，案例材料与他人案例雷同")
    published_at = round_.announce_until + timedelta(days=1)
    round_.published_at = published_at
    published = [c for c in announced if c not in (withdrawn, held)]
    for case in published:
        case.published_at = published_at
        demo.step(case, CaseStatus.published, organizer, published_at, "公示期满无异议，入选优秀案例库")
    learners = [v for vs in demo.tree.villages.values() for v in vs[3:5]]
    for index, org in enumerate(learners[:12]):
        case = published[index % len(published)]
        demo.s.add(
            CaseFeedback(
                case_id=case.id,
                org_id=org.id,
                studied_on=date(2026, 11, 3 + index % 10),
                participants=demo.rng.randint(12, 45),
                content=f"依托“三会一课”组织党员学习《{case.title}》，结合本村（社区）实际开展研讨。",
                measures="对照案例查找差距，明确三项改进措施，纳入下月主题党日。",
            )
        )


def _shahe_round(demo: _Demo) -> None:
    """沙河街道's own round, still under review: cases submitted, verified and in review; judges half-way."""
    shahe = demo.slugs["shahe"]
    djb = demo.user("shahe_djb")
    round_ = CaseRound(
        org_id=shahe.id,
        year=2026,
        title="沙河街道2026年“红色物业”小区治理案例征集",
        theme="党建引领小区治理，推进“红色物业”全覆盖。",
        domains=["红色物业", "小区自治", "网格服务"],
        channels=[CaseChannel.open_call.value, CaseChannel.invitation.value],
        submit_from=date(2026, 10, 15),
        submit_until=date(2026, 12, 20),
    )
    demo.s.add(round_)
    demo.s.flush()
    cases = [
        demo.new_case(round_, title, round_.domains[i % 3], f"shahe/{i + 1}", datetime(2026, 10, 20 + i, 2, tzinfo=UTC))
        for i, title in enumerate(
            [
                "“红色物业”进小区 服务群众零距离",
                "小区党支部+业委会+物业“三方联动”",
                "楼栋长“五必访”温暖独居老人",
                "网格员“随手拍”快速处置小区难题",
                "“小区议事厅”协商解决停车难",
                "党员志愿者“认领”小区微治理",
                "“红色管家”破解老旧小区无物业难题",
            ]
        )
    ]  # fmt: skip
    for case in cases[:5]:
        demo.verify(case, djb, datetime(2026, 11, 5, 2, tzinfo=UTC))
    scoring = demo_scoring.new_session(
        demo.s,
        ScoringStatus.open,
        datetime(2026, 11, 16, 1, tzinfo=UTC),
        org_id=shahe.id,
        title="沙河街道“红色物业”案例评审",
        purpose=ScoringPurpose.case_review,
        subject_type=ScoringSubjectType.case,
        rubric=REVIEW_RUBRIC,
        subject_ids=[c.id for c in cases[:3]],
        scorer_ids=[j.id for j in demo.crowd.judges[:5]],
        normalize=True,
        classification=None,
        subjects_fixed=True,
    )
    round_.session_id = scoring.id
    for case in cases[:3]:
        demo.step(case, CaseStatus.in_review, djb, datetime(2026, 11, 16, 1, tzinfo=UTC), "进入评审")
    demo.s.add(
        ScoringConflict(
            session_id=scoring.id,
            scorer_id=demo.crowd.judges[0].id,
            subject_id=cases[2].id,
            reason="本人曾参与该小区物业服务方案的制定",
            org_id=shahe.id,
        )
    )
    demo.s.flush()
    demo_scoring.give_scores(
        demo.s, demo.rng, scoring, {c.id: 0.8 for c in cases[:3]}, demo.crowd.judges[:5], share=0.7
    )


def _departments_round(demo: _Demo) -> None:
    """区直机关工委's 模范机关 round: reviewed and selected, the 公示 not yet started."""
    organizer = demo.user("organizer")
    committee = demo.tree.institutions[0]
    round_ = CaseRound(
        org_id=committee.id,
        year=2026,
        title="区直机关2026年“模范机关”创建案例推荐",
        theme="机关党建“走在前、作表率”，推行“亮身份、当先锋”。",
        domains=[DOMAINS[5]],
        channels=[CaseChannel.recommendation.value],
        submit_from=date(2026, 9, 1),
        submit_until=date(2026, 9, 30),
    )
    demo.s.add(round_)
    demo.s.flush()
    titles = ["财政窗口“一次办好”党员先锋岗", "教育体育系统“红烛先锋”志愿服务", "卫健系统“健康守门人”党员突击队"]
    places = ["区财政局机关党支部", "区教育体育局机关党支部", "区卫生健康委员会机关党支部"]
    cases = [
        demo.new_case(round_, title, DOMAINS[5], where, datetime(2026, 9, 10 + i, 2, tzinfo=UTC))
        for i, (title, where) in enumerate(zip(titles, places, strict=True))
    ]
    day = datetime(2026, 10, 20, 1, tzinfo=UTC)
    for case in cases:
        demo.verify(case, organizer, day - timedelta(days=10))
    judges = demo.crowd.judges[1:5]
    scoring = demo_scoring.new_session(
        demo.s,
        ScoringStatus.closed,
        day,
        org_id=committee.id,
        title="“模范机关”创建案例评审",
        purpose=ScoringPurpose.case_review,
        subject_type=ScoringSubjectType.case,
        rubric=REVIEW_RUBRIC,
        subject_ids=[c.id for c in cases],
        scorer_ids=[j.id for j in judges],
        normalize=False,
        classification=None,
        subjects_fixed=True,
    )
    round_.session_id = scoring.id
    for case in cases:
        demo.step(case, CaseStatus.in_review, organizer, day, "进入评审")
    demo_scoring.give_scores(
        demo.s, demo.rng, scoring, {c.id: q for c, q in zip(cases, (0.88, 0.74, 0.8), strict=True)}, judges
    )
    _, outcome = results.compute(demo.s, scoring)
    round_.selection, round_.selected_at = {"top_n": 1}, day + timedelta(days=8)
    for case in cases:
        result = outcome.by_subject()[case.id]
        case.score, case.rank = result.shown_total, result.rank
        chosen = result.rank == 1
        note = f"总分 {case.score}，排名第 {case.rank} 名，{'入选' if chosen else '未入选'}"
        demo.step(case, CaseStatus.selected if chosen else CaseStatus.not_selected, organizer, day, note)


def build(session: Session, rng: Random, tree: DemoTree, crowd: DemoPeople) -> str:
    demo = _Demo(session, rng, tree, crowd)
    cases = _county_round(demo)
    _shahe_round(demo)
    _departments_round(demo)
    demo_scoring.tours(session, rng, tree, crowd.judges)
    session.flush()
    published = sum(1 for c in cases if c.status == CaseStatus.published)
    return (
        f"2026年度优秀案例征集 {len(cases)} 个案例（{published} 个入库），逐社观摩 2 次，评委 {len(crowd.judges)} 位。"
    )
