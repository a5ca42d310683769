"""Demo 责任书 for 2026: the county to each township, each township to its villages (区、乡、村三级责任单，逐级签订
党建责任书), with quarterly reports for Q1–Q3 (and Q4 for some), completions confirmed from above, returns,
overdue items, and letters still in draft or not yet signed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.authz.principal import Principal
from app.core.enums import OrgDomain, ResponsibilityLetterStatus, ResponsibilityRole
from app.models.accounts import User
from app.models.lists import ResponsibilityItem, ResponsibilityLetter
from app.models.orgs import Org
from app.responsibilities import items as responsibility_items
from app.responsibilities.schemas import ItemIn
from app.responsibilities.workflow import RESPONSIBILITY_ITEM, apply_letter

if TYPE_CHECKING:
    from app.demo.lists import _Demo

YEAR = 2026
TITLE = f"{YEAR}年度党建目标责任书"
CONTENT = (
    "为深入贯彻新时代党的建设总要求，压紧压实各级党组织书记抓基层党建“第一责任人”职责和班子成员“一岗双责”，"
    "坚持力量充实到一线、工作落实到支部、责任压实到书记，经研究，签订本责任书。"
    "责任单位每季度报告责任落实情况，年终纳入党组织书记抓基层党建述职评议考核。"
)
QUARTER_DAYS = {"2026-Q1": date(2026, 3, 27), "2026-Q2": date(2026, 6, 26), "2026-Q3": date(2026, 9, 25)}
Q4_DAY = date(2026, 11, 16)
COUNTY_DAY = date(2026, 2, 24)  # 区委 to the townships
TOWNSHIP_DAY = date(2026, 3, 10)  # townships to their villages
QUARTERLY = {
    "secretary": (
        "召开支部党员大会{a}次、支委会{b}次，书记讲党课1次",
        "专题研究基层党建工作1次，深入党建联系点{a}次，听取党员群众意见建议{c}条",
        "开展主题党日活动{b}次，参加党员{c}人次",
    ),
    "deputy": (
        "培养入党积极分子{a}名，组织党员集中学习{b}次",
        "整理规范党员档案{c}份，完成组织关系转接{a}人",
        "更新换届提醒台账，摸排任期届满党组织{a}个",
    ),
    "member": ("走访分管领域党组织{a}个，推动党建与业务工作融合",),
    "rural": ("集体经济项目推进顺利，本季度新增经营性收入{a}.{b}万元", "“强村公司”新增合作项目{a}个"),
    "urban": ("组织在职党员到社区报到{c}人次，参与网格服务{b}次", "楼栋党小组收集居民诉求{c}件，已办结{b}件"),
}


@dataclass
class _Letter:
    issuer: Principal
    target: Org
    bodies: list[ItemIn]
    signer: Principal
    state: str
    issued_on: date
    row: ResponsibilityLetter | None = None
    items: list[ResponsibilityItem] = field(default_factory=list)


def build(demo: _Demo) -> None:
    tree = demo.tree
    county = demo.who("organizer")
    last = len(tree.townships) - 1
    for t_index, (township, slug) in enumerate(tree.townships):
        # one county letter still being drafted, one issued and not signed yet, the rest signed
        state = "draft" if t_index == last - 1 else "issued" if t_index == last else "signed"
        batch = [
            _Letter(
                county, township, _township_items(demo, township, slug), demo.who(f"{slug}_shuji"), state, COUNTY_DAY
            )
        ]
        office = demo.who(f"{slug}_djb")
        villages = tree.villages[township.id]
        for v_index, village in enumerate(villages, start=1):
            # 涌泉乡 is still drafting its village letters; elsewhere the last village has not signed yet
            v_state = "draft" if slug == "yongquan" else "issued" if v_index == len(villages) else "signed"
            items = _village_items(demo, village, slug, v_index, unassigned=v_state == "issued")
            signer = demo.who(f"{slug}_v{v_index:02d}_shuji")
            batch.append(_Letter(office, village, items, signer, v_state, TOWNSHIP_DAY))
        _draft(demo, batch)
        for letter in batch:
            _issue_and_carry_out(demo, letter)


def _township_items(demo: _Demo, township: Org, slug: str) -> list[ItemIn]:
    user = demo.people.by_username
    rural = township.domain == OrgDomain.rural
    specs = [
        ("secretary", "履行抓基层党建第一责任人职责，全年专题研究基层党建工作不少于4次", "shuji", None),
        ("secretary", "深化“书记领航”，每季度深入党建联系点不少于2次，领题基层党建项目1个以上", "shuji", None),
        ("deputy", "抓好党员发展和教育管理，落实“双推双评三全程”制度，完成年度发展党员计划", "fushuji", None),
        ("deputy", "换届提醒：督促任期届满的村(社区)党组织按期换届，建立换届提醒台账", "fushuji", date(2026, 9, 30)),
        ("member", "落实“一岗双责”，推动分管领域业务工作与基层党建深度融合", "weiyuan", None),
        (
            "member",
            "推进村级集体经济发展，依托“强村公司”消除集体经济薄弱村"
            if rural
            else "推进“完整社区”建设，推动在职党员常态化参与社区治理",
            "weiyuan",
            None,
        ),
    ]
    return [
        ItemIn(role=role, description=text, responsible_user_id=user[f"{slug}_{who}"].id, deadline=deadline)
        for role, text, who, deadline in specs
    ]


def _village_items(demo: _Demo, village: Org, slug: str, index: int, unassigned: bool) -> list[ItemIn]:
    """Villages have a secretary and (the first three) a party worker: the worker carries the 一岗双责 items; a
    letter not signed yet leaves the deputy's item for the village to assign."""
    user = demo.people.by_username
    secretary = user[f"{slug}_v{index:02d}_shuji"].id
    helper = user.get(f"{slug}_v{index:02d}_dangwu")
    other = helper.id if helper else secretary
    rural = village.domain == OrgDomain.rural
    items = [
        ItemIn(
            role="secretary",
            description="落实“三会一课”制度，每季度至少为党员讲一次党课",
            responsible_user_id=secretary,
        ),
        ItemIn(
            role="secretary", description="落实主题党日，每月第一个周二固定开展组织生活", responsible_user_id=secretary
        ),
        ItemIn(
            role="deputy",
            description="抓好党员发展和教育管理，上半年完成党员档案规范整理",
            responsible_user_id=None if unassigned else other,
            deadline=date(2026, 6, 30),
        ),
        ItemIn(
            role="member",
            description="推进村级集体经济发展，年内集体经营性收入稳步增长"
            if rural
            else "建好网格党支部、楼栋党小组，组织在职党员到社区报到服务",
            responsible_user_id=other,
        ),
    ]
    if village.term_end is not None and village.term_end <= date(2027, 3, 31):
        items.append(
            ItemIn(
                role="member",
                description="换届提醒：任期届满前三个月完成换届摸底和人选酝酿",
                responsible_user_id=secretary,
                deadline=date(2026, 10, 31),
            )
        )
    return items


def _draft(demo: _Demo, batch: list[_Letter]) -> None:
    """A township's letters and their items as drafts, in two flushes (ids are needed for the items)."""
    session = demo.session
    demo.at(COUNTY_DAY - timedelta(days=10))
    for letter in batch:
        assert letter.target.parent_id is not None
        parent = session.get(Org, letter.target.parent_id)
        assert parent is not None
        letter.row = ResponsibilityLetter(
            org_id=letter.target.id,
            org_path=letter.target.path,
            issuer_org_id=parent.id,
            issuer_org_path=parent.path,
            year=YEAR,
            title=TITLE,
            content=CONTENT,
            status=ResponsibilityLetterStatus.draft,
        )
        session.add(letter.row)
    session.flush()
    for letter in batch:
        assert letter.row is not None
        letter.items = [responsibility_items.new_item(session, letter.row, b, n) for n, b in enumerate(letter.bodies)]
        demo.letters += 1
        demo.items += len(letter.items)
    session.flush()


def _issue_and_carry_out(demo: _Demo, letter: _Letter) -> None:
    row = letter.row
    assert row is not None
    if letter.state == "draft":
        return
    demo.at(letter.issued_on)
    apply_letter(demo.session, letter.issuer, row, "issue")
    row.issued_at, row.issued_by_id = demo.now(), letter.issuer.user_id
    for item in letter.items:
        demo.step(RESPONSIBILITY_ITEM, item, "issue", letter.issuer, TITLE)
    if letter.state == "signed":
        demo.at(letter.issued_on + timedelta(days=demo.rng.randint(3, 12)), hour=15)
        apply_letter(demo.session, letter.signer, row, "sign")
        row.signed_at, row.signed_by_id = demo.now(), letter.signer.user_id
    for item in letter.items:
        _carry_out(demo, item, letter.issuer, letter.state, letter.target.domain == OrgDomain.rural)


def _phrase(demo: _Demo, item: ResponsibilityItem, rural: bool) -> str:
    choices = QUARTERLY[item.role.value]
    if item.role == ResponsibilityRole.member:
        choices += QUARTERLY["rural" if rural else "urban"]
    text = demo.rng.choice(choices)
    return text.format(a=demo.rng.randint(1, 4), b=demo.rng.randint(1, 6), c=demo.rng.randint(8, 40))


def _carry_out(demo: _Demo, item: ResponsibilityItem, issuer: Principal, letter_state: str, rural: bool) -> None:
    """A year of one responsibility: quarterly reports, then (perhaps) reported done and confirmed from above."""
    person = demo.session.get(User, item.responsible_user_id) if item.responsible_user_id else None
    if person is None:
        return
    reporter = demo.who(person)
    weights = {"completed": 45, "submitted": 15, "returned": 8, "in_progress": 32}
    fate = demo.fate(weights) if letter_state == "signed" else "in_progress"
    early = item.deadline is not None and item.deadline <= date(2026, 6, 30)
    done_on = date(2026, 6, 22) if early else date(2026, 10, demo.rng.randint(12, 28))
    for period, day in QUARTER_DAYS.items():
        if fate in {"completed", "submitted"} and day > done_on:
            break
        demo.at(day + timedelta(days=demo.rng.randint(0, 3)))
        progress = min(100, int(period[-1]) * 25 + demo.rng.randint(-5, 5))
        demo.entry(
            item,
            reporter,
            "quarterly",
            f"{period[-2:]}：{_phrase(demo, item, rural)}",
            period=period,
            progress=progress,
        )
    if fate == "returned":
        demo.at(date(2026, 10, 9))
        demo.step(RESPONSIBILITY_ITEM, item, "submit", reporter, "已按责任书要求落实到位")
        demo.at(date(2026, 10, 15), hour=16)
        demo.step(RESPONSIBILITY_ITEM, item, "return", issuer, demo.return_note())
    if fate in {"completed", "submitted"}:
        demo.at(done_on)
        demo.step(RESPONSIBILITY_ITEM, item, "submit", reporter, "全年责任事项已完成，相关台账资料齐全")
    if fate == "completed":
        demo.at(done_on + timedelta(days=demo.rng.randint(2, 6)), hour=16)
        demo.step(RESPONSIBILITY_ITEM, item, "complete", issuer, "经核实，已完成")
    if fate in {"in_progress", "returned"} and demo.rng.random() < 0.6:
        demo.at(Q4_DAY + timedelta(days=demo.rng.randint(0, 3)))
        demo.entry(item, reporter, "quarterly", f"Q4：{_phrase(demo, item, rural)}", period="2026-Q4", progress=90)
