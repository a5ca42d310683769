"""Demo users: every role, at the county, in each township and in each village."""

from dataclasses import dataclass, field
from random import Random

from sqlalchemy.orm import Session

from app.core.enums import Role
from app.demo.accounts import add_user
from app.demo.orgs import DemoTree
from app.models.accounts import User
from app.models.orgs import Org

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志文斌海燕玉红梅春生晓东立新卫"


@dataclass
class DemoPeople:
    by_username: dict[str, User] = field(default_factory=dict)
    judges: list[User] = field(default_factory=list)


def _name(rng: Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    return rng.choice(SURNAMES) + given


def _phone(rng: Random) -> str:
    return f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"


def build(session: Session, rng: Random, tree: DemoTree, password_hash: str) -> DemoPeople:
    people = DemoPeople()

    def add(
        username: str, full_name: str, org: Org, roles: tuple[tuple[Role, Org], ...], *, is_service: bool = False
    ) -> User:
        user = add_user(
            session,
            username=username,
            full_name=full_name,
            org=org,
            password_hash=password_hash,
            phone=_phone(rng),
            roles=roles,
            is_service=is_service,
        )
        people.by_username[username] = user
        return user

    root = tree.root
    add("admin", "系统管理员", root, ((Role.admin, root),))
    add("organizer", "区委组织部 " + _name(rng), root, ((Role.organizer, root),))
    add("viewer", "区委领导 " + _name(rng), root, ((Role.viewer, root),))
    add("qu_shuji", _name(rng), root, ((Role.secretary, root),))
    add("szcs_platform", "“数治柴桑”智慧党建平台", root, ((Role.integration, root),), is_service=True)

    # Judges sit on the county panel; their home orgs decide conflicts of interest (one lives in 沙河街道).
    judge_homes = [*tree.branches[-12:-7], tree.townships[0][0], tree.institutions[-1]]
    for index, home in enumerate(judge_homes, start=1):
        people.judges.append(add(f"judge{index:02d}", "评审专家 " + _name(rng), home, ((Role.judge, root),)))

    for township, slug in tree.townships:
        add(f"{slug}_shuji", _name(rng), township, ((Role.secretary, township),))
        add(f"{slug}_djb", _name(rng), township, ((Role.organizer, township),))
        add(f"{slug}_fushuji", _name(rng), township, ((Role.deputy, township),))
        add(f"{slug}_weiyuan", _name(rng), township, ((Role.member, township),))
        add(f"{slug}_dangwu", _name(rng), township, ((Role.worker, township),))
        for v_index, village in enumerate(tree.villages[township.id], start=1):
            add(f"{slug}_v{v_index:02d}_shuji", _name(rng), village, ((Role.secretary, village),))
            if v_index <= 3:
                add(f"{slug}_v{v_index:02d}_dangwu", _name(rng), village, ((Role.worker, village),))
    for index, inst in enumerate(tree.institutions, start=1):
        add(f"jg{index:02d}_shuji", _name(rng), inst, ((Role.secretary, inst),))
    session.flush()
    return people
