"""The demo county: 柴桑区, its townships and streets, villages and communities, grid branches, institutions."""

from dataclasses import dataclass, field
from datetime import date
from random import Random

from sqlalchemy.orm import Session

from app.core.enums import OrgDomain, OrgKind, OrgLevel, OrgStatus
from app.models.orgs import Org
from app.orgs import repository as org_repository

# (name, pinyin slug, is street) — 街道 are urban (党工委 over 社区), 乡镇 rural (党委 over 村).
TOWNSHIPS = [
    ("沙河街道", "shahe", True),
    ("城门街道", "chengmen", True),
    ("狮子街道", "shizi", True),
    ("港口街镇", "gangkou", False),
    ("新合镇", "xinhe", False),
    ("马回岭镇", "mahuiling", False),
    ("江洲镇", "jiangzhou", False),
    ("城子镇", "chengzi", False),
    ("涌泉乡", "yongquan", False),
    ("永安乡", "yongan", False),
    ("岷山乡", "minshan", False),
    ("新塘乡", "xintang", False),
    ("赛湖农场", "saihu", False),
]

VILLAGE_NAMES = [
    "东升",
    "红光",
    "新华",
    "胜利",
    "团结",
    "永丰",
    "和平",
    "光明",
    "民主",
    "建设",
    "五一",
    "长岭",
    "荷塘",
    "石门",
    "桂林",
    "官塘",
    "马鞍",
    "龙泉",
    "柳林",
    "枫树",
    "岭下",
    "黄桥",
    "涂家",
    "万家",
    "陈家",
    "刘家",
    "金鸡",
    "白石",
    "大塘",
    "青山",
    "桃源",
    "芦花",
    "双峰",
    "杨柳",
    "梅岭",
    "云山",
    "清水",
    "沙湖",
    "南湖",
    "北山",
    "东湖",
    "西岭",
    "高岭",
    "丰收",
    "先锋",
    "前进",
    "朝阳",
    "解放",
    "幸福",
    "明星",
    "宏伟",
    "新民",
    "安乐",
    "宝山",
    "凤凰",
    "莲花",
    "太平",
    "洪家",
    "汪家",
    "吴家",
    "岷山",
    "庐峰",
    "赤湖",
    "永兴",
    "复兴",
    "向阳",
    "红星",
    "群益",
    "八一",
    "江洲",
    "合心",
    "德安",
    "柏树",
    "黄土",
    "泉塘",
    "新港",
    "城子",
    "马回",
    "金桥",
    "车桥",
    "荆林",
    "栗树",
    "盘塘",
    "张公",
    "新联",
    "银湖",
    "长冲",
    "彭山",
    "八里",
    "石岭",
    "大屋",
    "兴隆",
    "春桥",
    "老屋",
    "红旗",
    "兴旺",
    "丰林",
    "乐园",
]
COMMUNITY_NAMES = [
    "滨江",
    "沙河",
    "狮子山",
    "城门",
    "八里湖",
    "柴桑",
    "长江",
    "庐峰",
    "金桂",
    "锦绣",
    "阳光",
    "和谐",
    "文峰",
    "春晖",
    "桃花源",
    "新城",
    "湖滨",
    "紫荆",
    "龙湾",
    "学府",
    "康居",
    "东方",
    "花园",
    "翠苑",
    "站前",
    "工业园",
    "明珠",
]

INSTITUTIONS = [
    (
        "中共九江市柴桑区直属机关工作委员会",
        "区直机关工委",
        OrgKind.working_committee,
        OrgDomain.government,
        [
            ("区财政局机关党支部", OrgKind.branch, OrgDomain.government),
            ("区教育体育局机关党支部", OrgKind.branch, OrgDomain.government),
            ("区卫生健康委员会机关党支部", OrgKind.branch, OrgDomain.government),
            ("区农业农村局机关党总支", OrgKind.general_branch, OrgDomain.government),
            ("区城市管理局机关党支部", OrgKind.branch, OrgDomain.government),
        ],
    ),
    (
        "中共九江市柴桑区教育体育系统委员会",
        "教体系统党委",
        OrgKind.party_committee,
        OrgDomain.school,
        [
            ("柴桑区第一中学党总支", OrgKind.general_branch, OrgDomain.school),
            ("柴桑区实验小学党支部", OrgKind.branch, OrgDomain.school),
            ("柴桑区职业中专党支部", OrgKind.branch, OrgDomain.school),
        ],
    ),
    (
        "中共九江市柴桑区人民医院委员会",
        "区人民医院党委",
        OrgKind.party_committee,
        OrgDomain.public_hospital,
        [
            ("内科党支部", OrgKind.branch, OrgDomain.public_hospital),
            ("外科党支部", OrgKind.branch, OrgDomain.public_hospital),
        ],
    ),
    (
        "中共柴桑区城市发展投资集团有限公司委员会",
        "城投集团党委",
        OrgKind.party_committee,
        OrgDomain.state_enterprise,
        [
            ("城投集团工程建设党支部", OrgKind.branch, OrgDomain.state_enterprise),
        ],
    ),
    (
        "中共柴桑区非公有制经济组织和社会组织工作委员会",
        "两新工委",
        OrgKind.working_committee,
        OrgDomain.private_enterprise,
        [
            ("江西柴优桑品农业发展有限公司党支部", OrgKind.branch, OrgDomain.private_enterprise),
            ("柴桑区生命健康产业链党委", OrgKind.party_committee, OrgDomain.private_enterprise),
            ("“红色蒲公英”综合党委", OrgKind.party_committee, OrgDomain.social_organization),
            ("柴桑区个体劳动者协会党支部", OrgKind.branch, OrgDomain.social_organization),
            ("柴桑区心理咨询师协会党支部", OrgKind.branch, OrgDomain.social_organization),
        ],
    ),
]


@dataclass
class DemoTree:
    root: Org
    townships: list[tuple[Org, str]] = field(default_factory=list)  # (org, slug)
    villages: dict[int, list[Org]] = field(default_factory=dict)  # township id -> villages/communities
    institutions: list[Org] = field(default_factory=list)
    branches: list[Org] = field(default_factory=list)


class _Builder:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.next_id = org_repository.next_id(session)
        self.orgs: list[Org] = []

    def add(
        self,
        parent: Org | None,
        name: str,
        kind: OrgKind,
        level: OrgLevel,
        domain: OrgDomain,
        *,
        short_name: str | None = None,
        code: str | None = None,
        term: tuple[date, date] | None = None,
        sort_order: int = 0,
    ) -> Org:
        org_id = self.next_id
        self.next_id += 1
        org = Org(
            id=org_id,
            parent_id=parent.id if parent else None,
            path=f"{parent.path if parent else '/'}{org_id}/",
            depth=parent.depth + 1 if parent else 0,
            name=name,
            short_name=short_name,
            kind=kind,
            level=level,
            domain=domain,
            code=code,
            term_start=term[0] if term else None,
            term_end=term[1] if term else None,
            status=OrgStatus.active,
            sort_order=sort_order,
        )
        self.orgs.append(org)
        return org


def _term(rng: Random, index: int) -> tuple[date, date]:
    """Most village committees were re-elected in early 2026; a few are still due (换届提醒 within 60 days)."""
    if index % 9 == 0:
        return date(2021, 12, rng.randint(1, 28)), date(2027, 1, rng.randint(5, 20))
    start = date(2026, rng.randint(1, 3), rng.randint(1, 28))
    return start, start.replace(year=2031)


def build(session: Session, rng: Random) -> DemoTree:
    b = _Builder(session)
    root = b.add(
        None,
        "中共九江市柴桑区委员会",
        OrgKind.party_committee,
        OrgLevel.county,
        OrgDomain.government,
        short_name="柴桑区委",
        code="CS",
    )
    tree = DemoTree(root=root)
    villages = iter(VILLAGE_NAMES)
    communities = iter(COMMUNITY_NAMES)
    for t_index, (name, slug, street) in enumerate(TOWNSHIPS, start=1):
        kind = OrgKind.working_committee if street else OrgKind.party_committee
        full = f"中共九江市柴桑区{name}{'工作委员会' if street else '委员会'}"
        township = b.add(
            root,
            full,
            kind,
            OrgLevel.township,
            OrgDomain.urban_community if street else OrgDomain.rural,
            short_name=f"{name}{'党工委' if street else '党委'}",
            code=f"CS-{t_index:02d}",
            term=(date(2022, 1, 15), date(2027, 1, 15) if t_index % 4 == 0 else date(2027, 9, 30)),
            sort_order=t_index,
        )
        tree.townships.append((township, slug))
        tree.villages[township.id] = []
        count = 8 + (t_index % 3)
        for v_index in range(1, count + 1):
            if street:
                base = next(communities, None) or f"第{v_index}"
                v_name, v_kind, v_domain = (
                    f"{base}社区党委",
                    OrgKind.party_committee,
                    OrgDomain.urban_community,
                )
            else:
                base = next(villages)
                v_kind = OrgKind.general_branch if v_index % 3 == 0 else OrgKind.branch
                v_name = f"{base}村{'党总支' if v_kind is OrgKind.general_branch else '党支部'}"
                v_domain = OrgDomain.rural
            village = b.add(
                township,
                v_name,
                v_kind,
                OrgLevel.village,
                v_domain,
                short_name=f"{base}{'社区' if street else '村'}",
                code=f"CS-{t_index:02d}-{v_index:02d}",
                term=_term(rng, t_index * 10 + v_index),
                sort_order=v_index,
            )
            tree.villages[township.id].append(village)
            # 社区党委 → 网格党支部 → 楼栋党小组; 党总支 → 村民小组党支部.
            if street and v_index <= 3:
                for g in range(1, 3):
                    grid = b.add(
                        village,
                        f"第{'一二三'[g - 1]}网格党支部",
                        OrgKind.branch,
                        OrgLevel.grid,
                        OrgDomain.urban_community,
                        code=f"CS-{t_index:02d}-{v_index:02d}-G{g}",
                        sort_order=g,
                    )
                    tree.branches.append(grid)
                    for building in range(1, 3):
                        tree.branches.append(
                            b.add(
                                grid,
                                f"{g * 2 + building - 2}栋党小组",
                                OrgKind.group,
                                OrgLevel.group,
                                OrgDomain.urban_community,
                                sort_order=building,
                            )
                        )
            elif v_kind is OrgKind.general_branch:
                for g in range(1, 3):
                    tree.branches.append(
                        b.add(
                            village,
                            f"第{'一二'[g - 1]}村民小组党支部",
                            OrgKind.branch,
                            OrgLevel.grid,
                            OrgDomain.rural,
                            sort_order=g,
                        )
                    )
    for i_index, (name, short, kind, domain, children) in enumerate(INSTITUTIONS, start=1):
        inst = b.add(
            root,
            name,
            kind,
            OrgLevel.institution,
            domain,
            short_name=short,
            code=f"CS-J{i_index:02d}",
            sort_order=100 + i_index,
        )
        tree.institutions.append(inst)
        for c_index, (c_name, c_kind, c_domain) in enumerate(children, start=1):
            tree.branches.append(
                b.add(
                    inst,
                    c_name,
                    c_kind,
                    OrgLevel.institution,
                    c_domain,
                    code=f"CS-J{i_index:02d}-{c_index:02d}",
                    sort_order=c_index,
                )
            )
    session.add_all(b.orgs)
    session.flush()
    return tree
