"""`python -m app demo`: a county modelled on the seeds (柴桑区), loaded into an empty database."""

from random import Random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.enums import Role, label
from app.core.security import hash_password
from app.demo import bulletins, cases, lists, orgs, people, problems, projects
from app.models.orgs import Org
from app.stats import rollups

ACCOUNTS = [
    ("admin", Role.admin, "区委组织部系统管理员（全区）"),
    ("organizer", Role.organizer, "区委组织部干部（全区）"),
    ("viewer", Role.viewer, "区委领导（全区只读）"),
    ("qu_shuji", Role.secretary, "区委书记"),
    ("shahe_djb", Role.organizer, "沙河街道党建办"),
    ("shahe_shuji", Role.secretary, "沙河街道党工委书记"),
    ("shahe_fushuji", Role.deputy, "沙河街道党工委副书记"),
    ("shahe_weiyuan", Role.member, "沙河街道党工委委员"),
    ("shahe_dangwu", Role.worker, "沙河街道党务工作者"),
    ("shahe_v01_shuji", Role.secretary, "滨江社区党委书记"),
    ("shahe_v01_dangwu", Role.worker, "滨江社区党务工作者"),
    ("gangkou_shuji", Role.secretary, "港口街镇党委书记"),
    ("gangkou_v01_shuji", Role.secretary, "港口街镇第一个村的党支部书记"),
    ("judge01", Role.judge, "评审专家（共 7 位：judge01 … judge07）"),
    ("szcs_platform", Role.integration, "“数治柴桑”平台服务账号（client_credentials）"),
]


def load_demo(session: Session, password: str) -> str:
    if (session.scalar(select(func.count()).select_from(Org)) or 0) > 0:
        raise RuntimeError("数据库中已有数据，演示数据只能载入空数据库")
    rng = Random(2026)
    # One hash for every demo account: argon2 at full strength for hundreds of users would take minutes.
    password_hash = hash_password(password)
    tree = orgs.build(session, rng)
    crowd = people.build(session, rng, tree, password_hash)
    found = problems.build(session, tree, crowd)
    circulated = bulletins.build(session, tree, crowd, found)
    case_summary = cases.build(session, rng, tree, crowd)
    project_line = projects.build(session, tree, crowd)
    lists_summary = lists.build(session, tree, crowd)
    session.flush()
    rollups.rebuild(session)  # demo rows are inserted in bulk; recount once at the end
    village_count = sum(len(v) for v in tree.villages.values())
    lines = [
        f"演示数据已载入：{tree.root.name}，{len(tree.townships)} 个乡镇（街道），{village_count} 个村（社区），"
        f"{len(tree.branches)} 个网格、小组与机关企事业单位党组织，{len(crowd.by_username)} 个用户。",
        found.summary() + circulated.summary(),
        case_summary,
        project_line,
        lists_summary,
        f"所有演示账号的密码：{password}",
        "",
    ]
    lines += [f"  {username:<20} {label(role):<10} {desc}" for username, role, desc in ACCOUNTS]
    lines += [
        "",
        "其余账号：<乡镇拼音>_shuji / _djb / _fushuji / _weiyuan / _dangwu，村（社区）书记 <乡镇拼音>_v01_shuji 起。",
    ]
    return "\n".join(lines)
