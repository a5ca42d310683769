"""Demo 问题通报 and 书记联系点, modelled on 柴桑区: 下发问题通报12期 with township rankings, and 各级党组织书记每季度
深入党建联系点不少于2次，面对面听取基层党员群众意见建议 — with some contact points short of that this quarter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from random import Random

from sqlalchemy.orm import Session

from app.contacts.quarters import Quarter
from app.core import clock
from app.core.enums import BulletinStatus, InspectionType, ProblemStatus
from app.demo.orgs import DemoTree
from app.demo.people import DemoPeople
from app.demo.problems import DemoProblem, DemoProblems, photo
from app.models.bulletins import Bulletin, BulletinCounter, ContactPoint, Visit
from app.models.orgs import Org

TITLES = [
    "关于{inspection}发现问题的通报",
    "关于{month}月份问题整改销号进展情况的通报",
    "关于“三会一课”制度落实情况的通报",
    "关于{inspection}发现问题整改情况的通报",
    "关于“问题反馈单”办理情况的通报",
    "关于发展党员工作专项检查情况的通报",
    "关于软弱涣散党组织整顿“回头看”情况的通报",
]
VOICES = [
    "面对面听取党员群众意见建议，群众反映村内道路照明不足，希望加装路灯",
    "召开党员群众座谈会，围绕村级集体经济发展听取意见，建议发展特色种植",
    "走访困难党员和老党员，了解生产生活困难，宣讲惠民政策",
    "参加所在党支部主题党日活动，讲专题党课，听取对支部班子的意见",
    "实地查看党群服务中心阵地建设，听取网格员关于社区治理的建议",
    "调研“强村公司”运营情况，协调解决农产品销售渠道问题",
]
FOUND = ["党员活动室开放时间不固定", "流动党员联系不经常", "村务公开栏内容未及时更新", None, None, None]


@dataclass
class DemoBulletins:
    published: int = 0
    drafts: int = 0
    contact_points: int = 0
    visits: int = 0
    shortfalls: int = 0
    counters: dict[tuple[int, int], int] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"问题通报 {self.published} 期（另有草稿 {self.drafts} 份），书记联系点 {self.contact_points} 个，"
            f"走访 {self.visits} 次（本季度走访不足 {self.shortfalls} 个）。"
        )


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=clock.LOCAL_TZ).astimezone(UTC)


def _rankings(tree: DemoTree, problems: list[DemoProblem], when: datetime) -> list[dict[str, object]]:
    """Townships ranked by closure rate (销号率) of the problems issued by then, as the ranking proposal does."""
    tallies = []
    for township, _ in tree.townships:
        mine = [p for p in problems if p.created <= when and p.problem.org_path.startswith(township.path)]
        closed = sum(p.status_at(when) == ProblemStatus.closed for p in mine)
        if mine:
            tallies.append((Fraction(closed, len(mine)), township, len(mine), closed))
    tallies.sort(key=lambda t: (-t[0], -t[2]))
    rows: list[dict[str, object]] = []
    for index, (rate, township, total, closed) in enumerate(tallies):
        tied = index > 0 and tallies[index - 1][0] == rate
        rows.append(
            {
                "org_id": township.id,
                "org_name": township.name,
                "rank": rows[-1]["rank"] if tied else index + 1,
                "value": round(float(rate) * 100, 1),
                "note": f"问题{total}条，已销号{closed}条",
            }
        )
    return rows


def _snapshot(item: DemoProblem, org_names: dict[int, str], when: datetime) -> dict[str, object]:
    p = item.problem
    status = item.status_at(when)
    deadline = p.deadline
    return {
        "id": p.id,
        "org_id": p.org_id,
        "org_name": org_names[p.org_id],
        "title": p.title,
        "description": p.description,
        "category": p.category.value,
        "severity": p.severity.value,
        "status": status,
        "deadline": deadline.isoformat() if deadline else None,
        "overdue": status != ProblemStatus.closed and deadline is not None and deadline < when.date(),
    }


def _bulletins(session: Session, rng: Random, tree: DemoTree, people: DemoPeople, found: DemoProblems) -> DemoBulletins:
    result = DemoBulletins()
    root, today = tree.root, clock.today_local()
    organizer = people.by_username["organizer"].id
    county_issued = [p for p in found.items if p.problem.issuer_org_id == root.id]
    rounds = [i for i in found.inspections if i.org_id == root.id and i.type == InspectionType.inspection]
    villages = [v for vs in tree.villages.values() for v in vs]
    names = {o.id: o.name for o in [root, *(t for t, _ in tree.townships), *villages]}
    for index in range(13, -1, -1):
        draft = index < 2
        day = today - timedelta(days=2 + index if draft else 7 + 27 * (index - 2))
        when = _at(day, 10)
        last_round = max((i for i in rounds if i.held_on < day), key=lambda i: i.held_on, default=None)
        template = TITLES[index % len(TITLES)]
        if last_round is None and "{inspection}" in template:
            template = TITLES[2]
        month = (day.replace(day=1) - timedelta(days=1)).month
        title = template.format(inspection=last_round.title if last_round else "", month=month)
        candidates = [p for p in county_issued if p.created < when]
        if "{inspection}" in template and last_round is not None:
            candidates = [p for p in candidates if p.problem.inspection_id == last_round.id] or candidates
        chosen = sorted(rng.sample(candidates, k=min(8, len(candidates))), key=lambda p: p.problem.org_path)
        bulletin = Bulletin(
            org_id=root.id,
            status=BulletinStatus.draft if draft else BulletinStatus.published,
            title=title + ("（征求意见稿）" if draft else ""),
            summary="现将近期基层党建工作中发现的问题及整改情况通报如下，请各级党组织对照检查、举一反三、立行立改。",
            body="一是部分党组织“三会一课”制度落实不规范。\n二是问题整改销号进度不平衡，个别单位超期未整改。\n"
            "请各乡镇（街道）党（工）委于收到通报后10个工作日内将整改情况书面报区委组织部。",
            problem_ids=[p.problem.id for p in chosen],
            ranking_title="各乡镇（街道）问题整改销号率排名（%）",
            rankings=_rankings(tree, found.items, when),
            created_at=when - timedelta(days=3),
            created_by_id=organizer,
        )
        if not draft:
            year = day.year
            number = result.counters.get((root.id, year), 0) + 1
            result.counters[(root.id, year)] = number
            bulletin.year, bulletin.number = year, number
            bulletin.published_at, bulletin.published_by_id = when, organizer
            bulletin.problems_snapshot = [_snapshot(p, names, when) for p in chosen]
            result.published += 1
        else:
            result.drafts += 1
        session.add(bulletin)
    for (org_id, year), last in result.counters.items():
        session.add(BulletinCounter(org_id=org_id, year=year, last_number=last))
    return result


def _contacts(session: Session, rng: Random, tree: DemoTree, people: DemoPeople, result: DemoBulletins) -> None:
    today = clock.today_local()
    current = Quarter.current()
    start = _first_of_three_quarters_back(today)
    links: list[tuple[int, Org, Org]] = []  # (user, host org, contact org)
    county_secretary = people.by_username["qu_shuji"].id
    townships = [t for t, _ in tree.townships]
    for township in rng.sample(townships, 4):
        links.append((county_secretary, tree.root, township))
    for township in townships:
        assert township.secretary_id is not None
        for village in rng.sample(tree.villages[township.id], rng.choice((2, 3))):
            links.append((township.secretary_id, township, village))
    for institution in tree.institutions[:2]:
        branches = [b for b in tree.branches if b.parent_id == institution.id][:2]
        assert institution.secretary_id is not None
        links += [(institution.secretary_id, institution, b) for b in branches]
    for index, (user_id, host, org) in enumerate(links):
        ended = index == 5  # one secretary handed a village over at the end of last quarter
        point = ContactPoint(
            user_id=user_id,
            org_id=org.id,
            host_org_id=host.id,
            host_org_path=host.path,
            started_on=start,
            ended_on=_last_day_before(current) if ended else None,
            note="书记领航联系点",
            created_at=_at(start, 9),
            created_by_id=user_id,
        )
        session.add(point)
        session.flush()
        result.contact_points += 1
        quarter = Quarter.of_date(start)
        while quarter.first_day <= today and (not ended or quarter.first_day < current.first_day):
            this = quarter == current
            planned = rng.choice((0, 1, 2, 2, 2, 3, 3, 4)) if this else rng.choice((1, 2, 2, 2, 3, 3, 3, 4))
            days = [d for d in _days(quarter, today) if d.weekday() < 5]
            visited = sorted(rng.sample(days, min(planned, len(days))))
            result.shortfalls += this and len(visited) < 2
            for day in visited:
                _visit(session, rng, point, day, result)
            quarter = _next(quarter)


def _visit(session: Session, rng: Random, point: ContactPoint, day: date, result: DemoBulletins) -> None:
    when = _at(day, rng.randint(9, 16))
    visit = Visit(
        contact_point_id=point.id,
        org_id=point.org_id,
        user_id=point.user_id,
        visited_at=when,
        content=rng.choice(VOICES),
        attendees=rng.randint(6, 30),
        problems_found=rng.choice(FOUND),
        created_at=when + timedelta(hours=2),
        created_by_id=point.user_id,
    )
    session.add(visit)
    session.flush()
    result.visits += 1
    if rng.random() < 0.4:
        photo(
            session,
            org_id=point.org_id,
            uploader_id=point.user_id,
            owner_type="visit",
            owner_id=visit.id,
            name="走访座谈照片.png",
            when=when,
        )


def _first_of_three_quarters_back(today: date) -> date:
    index = today.year * 4 + (today.month - 1) // 3 - 3
    return date(index // 4, index % 4 * 3 + 1, 1)


def _next(quarter: Quarter) -> Quarter:
    return Quarter(quarter.year + quarter.q // 4, quarter.q % 4 + 1)


def _last_day_before(quarter: Quarter) -> date:
    return quarter.first_day - timedelta(days=1)


def _days(quarter: Quarter, today: date) -> list[date]:
    last = min(quarter.last_day, today - timedelta(days=1))
    return [quarter.first_day + timedelta(days=n) for n in range((last - quarter.first_day).days + 1)]


def build(session: Session, tree: DemoTree, people: DemoPeople, found: DemoProblems) -> DemoBulletins:
    rng = Random(3104)
    result = _bulletins(session, rng, tree, people, found)
    _contacts(session, rng, tree, people, result)
    session.flush()
    return result
